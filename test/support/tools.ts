/**
 * Locating the external programs that our tests drive (LibreOffice, Chromium,
 * poppler's pdftotext). None of them comes from npm: `.ci/run` installs them
 * from Debian's packages on a fresh machine, see the package list there.
 */
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/** The first executable file called `name` on PATH (like `which name`), or null. */
export function findOnPath(name: string): string | null {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** An explicit override from the environment, if it names an executable file. */
function fromEnv(variable: string): string | null {
  const value = process.env[variable];
  if (!value) return null;
  try {
    accessSync(value, constants.X_OK);
    return value;
  } catch {
    throw new Error(`${variable}=${value} is not an executable file`);
  }
}

export class MissingToolError extends Error {
  constructor(tool: string, debianPackage: string) {
    super(`${tool} was not found on PATH. Install the Debian package ${debianPackage} ` + `(\`apt-get install -y --no-install-recommends ${debianPackage}\`; \`bash .ci/run\` does this).`);
    this.name = 'MissingToolError';
  }
}

/**
 * Path of the Chromium binary for browser tests (`which chromium`; Debian's
 * package `chromium` installs /usr/bin/chromium). CHROMIUM_PATH overrides it.
 * Throws MissingToolError when there is none.
 */
export function chromiumPath(): string {
  const found = fromEnv('CHROMIUM_PATH') ?? findOnPath('chromium') ?? findOnPath('chromium-browser');
  if (!found) throw new MissingToolError('chromium', 'chromium');
  return found;
}

/**
 * Path of LibreOffice's command-line entry (`soffice`, else `libreoffice`; Debian's
 * package libreoffice-calc). SOFFICE_PATH overrides it. Returns null when absent.
 */
export function findSoffice(): string | null {
  return fromEnv('SOFFICE_PATH') ?? findOnPath('soffice') ?? findOnPath('libreoffice');
}

/** Like findSoffice(), but throws MissingToolError when LibreOffice is not installed. */
export function sofficePath(): string {
  const found = findSoffice();
  if (!found) throw new MissingToolError('LibreOffice (soffice or libreoffice)', 'libreoffice-calc');
  return found;
}

/** Path of poppler's `pdftotext` (Debian package poppler-utils), or null. */
export function findPdftotext(): string | null {
  return findOnPath('pdftotext');
}
