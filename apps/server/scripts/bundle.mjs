// Bundles the built engine (dist/) into dist/bundle/: one module graph of a few files instead of ~410 ESM modules,
// whose resolution and loading were most of the engine's start-up. Thread entries sit beside main.js, as in dist/.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const dist = path.join(root, 'dist');
const coreDist = path.dirname(fileURLToPath(import.meta.resolve('@kindling/core')));
const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
const outdir = path.join(dist, 'bundle');

fs.rmSync(outdir, { recursive: true, force: true });
await build({
  // Every file a thread or the process starts from: executor-pool, ipc-guard and the Python daemon name these
  // siblings relative to their own module, which is a chunk in the same folder.
  entryPoints: [
    path.join(dist, 'main.js'),
    path.join(dist, 'arrow-check-worker.js'),
    path.join(dist, 'python', 'runner.js'),
    path.join(coreDist, 'scheduler', 'executor-worker.js'),
  ],
  outdir,
  entryNames: '[name]',
  bundle: true,
  // Shared chunks: the executor thread and the Python runner it imports must see one copy of @kindling/core.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // The addon finds its .node file next to its own index.js.
  // parquet-wasm loads its .wasm file next to its own module.
  external: ['@kindling/native', 'parquet-wasm', 'parquet-wasm/*'],
  define: { KINDLING_BUNDLED_VERSION: JSON.stringify(version) },
  sourcemap: 'linked',
  logLevel: 'warning',
});
// `node dist/bundle/main.js` must see ESM without a package.json of its own in reach: dist/ has none.
fs.writeFileSync(path.join(outdir, 'package.json'), JSON.stringify({ type: 'module' }) + '\n');
