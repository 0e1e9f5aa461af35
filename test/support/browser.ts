import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { chromiumPath } from './tools';

const ROOT = path.resolve(__dirname, '..', '..');

/** Debian's Chromium, headless, as this machine allows it (no sandbox as root, no network chatter). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export interface DevServer {
  readonly base: string;
  /** Seconds from starting `npm start` until it said it was serving (the demo ledgers follow). */
  readonly readySeconds: number;
  stop(): Promise<void>;
}

/** Runs `npm start` (scripts/start.ts) on a port of its own, as a user would, until stopped. */
export function startDevServer(port: number, timeoutMs = 120_000): Promise<DevServer> {
  const started = Date.now();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'start.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port) },
    detached: true,
  });
  let output = '';
  let readyAt = 0;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`npm start did not come up within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const stop = () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        try {
          process.kill(-child.pid!, 'SIGTERM');
        } catch {
          done();
        }
      });
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/is served at/.test(output) && !readyAt) readyAt = Date.now();
      if (readyAt && /Preview demo ledgers are ready/.test(output)) {
        clearTimeout(timer);
        resolve({ base: `https://localhost:${port}`, readySeconds: (readyAt - started) / 1000, stop });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${output}`));
    });
  });
}

/** Serves a built directory (dist/) over HTTPS with the development certificate, as a web host would. */
export async function serveDirectory(dir: string, port: number): Promise<{ base: string; stop(): Promise<void> }> {
  const https = await import('node:https');
  const fs = await import('node:fs');
  const { ensureDevCerts } = await import('../../scripts/dev-certs');
  const certs = ensureDevCerts(path.join(ROOT, '.certs'));
  const types: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.xml': 'application/xml',
    '.png': 'image/png',
    '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };
  const server = https.createServer({ key: fs.readFileSync(certs.key), cert: fs.readFileSync(certs.cert) }, (request, response) => {
    const file = path.join(dir, decodeURIComponent(new URL(request.url ?? '/', 'https://x').pathname));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(port, 'localhost', resolve));
  return { base: `https://localhost:${port}`, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
