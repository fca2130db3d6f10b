// The engine version reported in Hello and HandshakeOk: this package's version.
import fs from 'node:fs';

/** Set by scripts/bundle.mjs in the bundled engine (the bundle is not beside package.json). */
declare const KINDLING_BUNDLED_VERSION: string | undefined;

function readVersion(): string {
  if (typeof KINDLING_BUNDLED_VERSION === 'string') return KINDLING_BUNDLED_VERSION;
  try {
    const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export const KINDLING_VERSION = readVersion();
