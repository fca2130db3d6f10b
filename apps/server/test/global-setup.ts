// Builds what the tests run: @kindling/core and @kindling/protocol when their dist is missing, and this server (tsc, then its bundle).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function tsc(project: string): void {
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', project], { cwd: root, stdio: 'inherit' });
}

export default function setup(): void {
  if (!fs.existsSync(path.join(root, 'libs/core/dist/index.js'))) tsc('libs/core/tsconfig.build.json');
  if (!fs.existsSync(path.join(root, 'libs/protocol/dist/src/index.js'))) tsc('libs/protocol/tsconfig.build.json');
  tsc('apps/server/tsconfig.build.json');
  execFileSync(process.execPath, [path.join(root, 'apps/server/scripts/bundle.mjs')], { cwd: root, stdio: 'inherit' });
}
