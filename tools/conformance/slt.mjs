#!/usr/bin/env node
// `npm run slt -w @kindling/conformance [-- --complete] [file.slt…]`: runs the .slt corpus through the TS engine;
// --complete rewrites each file's expected query output with what the engine returned (review the diff!).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const complete = args.includes('--complete');
const files = args.filter((a) => a.endsWith('.slt')).map((a) => a.split('/').pop());
const env = { ...process.env, ...(complete ? { SLT_COMPLETE: '1' } : {}), ...(files.length ? { SLT_FILES: files.join(',') } : {}) };
const r = spawnSync('npx', ['vitest', 'run', 'test/slt.test.ts'], { cwd: fileURLToPath(new URL('.', import.meta.url)), env, stdio: 'inherit' });
process.exit(r.status ?? 1);
