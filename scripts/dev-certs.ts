/**
 * A self-signed HTTPS certificate for the development server (https://localhost:3000), so Office
 * can load the add-in from this machine. No certificate authority is created: the certificate
 * signs itself and is trusted directly (see docs/sideloading.md). No prompts, no sudo.
 *
 *   npx tsx scripts/dev-certs.ts     # create .certs/ if needed and print the paths
 *
 * The certificate is made again when it is missing, unreadable, does not match its key, does
 * not cover localhost and 127.0.0.1, or expires within a day. A new certificate has to be trusted
 * again.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generate } from 'selfsigned';

export interface DevCerts {
  /** Absolute path of the PEM private key. */
  readonly key: string;
  /** Absolute path of the PEM certificate (self-signed: this is also what to trust). */
  readonly cert: string;
  /** A separate CA certificate; absent, as no CA is made. */
  readonly ca?: string;
}

export interface DevCertOptions {
  /** The current time, for tests. */
  readonly now?: Date;
}

export const CERT_FILE = 'localhost.crt';
export const KEY_FILE = 'localhost.key';
const VALID_DAYS = 365;
const KEY_BITS = 2048;
/** Renew a certificate this close to its expiry, so that it does not run out mid-session. */
const RENEW_BEFORE_MS = 24 * 60 * 60 * 1000;

const REPO_ROOT = resolve(__dirname, '..');

/**
 * Makes sure `dir` (relative to the repository root unless absolute) holds a usable key and
 * certificate for localhost, creating them when needed. Returns their paths.
 */
export function ensureDevCerts(dir = '.certs', options: DevCertOptions = {}): DevCerts {
  const now = options.now ?? new Date();
  const folder = resolve(REPO_ROOT, dir);
  const paths: DevCerts = { key: join(folder, KEY_FILE), cert: join(folder, CERT_FILE) };
  if (problemWith(paths, now) === undefined) return paths;

  const pems = generate(
    [
      { name: 'commonName', value: 'localhost' },
      { name: 'organizationName', value: 'Kefu Ledger development' },
    ],
    {
      keySize: KEY_BITS,
      days: VALID_DAYS,
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: false, critical: true },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: 'localhost' }, // DNS name
            { type: 7, ip: '127.0.0.1' }, // IP address
          ],
        },
        { name: 'subjectKeyIdentifier' },
      ],
    },
  );
  mkdirSync(folder, { recursive: true });
  writeFileSync(paths.key, pems.private, { mode: 0o600 });
  writeFileSync(paths.cert, pems.cert);
  return paths;
}

/** Why the files at `paths` cannot be used as they are (undefined: they can). */
export function problemWith(paths: DevCerts, now: Date = new Date()): string | undefined {
  if (!existsSync(paths.key) || !existsSync(paths.cert)) return 'missing';
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(readFileSync(paths.cert));
    if (!cert.checkPrivateKey(createPrivateKey(readFileSync(paths.key)))) return 'the key does not match the certificate';
  } catch (error) {
    return `unreadable: ${(error as Error).message}`;
  }
  if (Date.parse(cert.validTo) - RENEW_BEFORE_MS <= now.getTime()) return `expired or expiring (${cert.validTo})`;
  if (Date.parse(cert.validFrom) > now.getTime()) return `not valid yet (${cert.validFrom})`;
  if (cert.checkHost('localhost') === undefined || cert.checkIP('127.0.0.1') === undefined) {
    return 'does not cover localhost and 127.0.0.1';
  }
  return undefined;
}

if (require.main === module) {
  const certs = ensureDevCerts(process.argv[2]);
  console.log(`key:  ${certs.key}\ncert: ${certs.cert}\nTrust the certificate once: see docs/sideloading.md`);
}
