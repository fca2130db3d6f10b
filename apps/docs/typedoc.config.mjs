// TypeDoc options for the Kindling API reference: @kindling/core's public entry point plus the docs/ guides.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const readme = join(repo, 'README.md');

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  name: 'Kindling',
  entryPoints: [join(repo, 'libs/core/src/index.ts')],
  tsconfig: join(repo, 'libs/core/tsconfig.build.json'),
  out: join(here, 'site/api'),
  // A glob, so guides the lead has not written yet are simply absent rather than an error.
  projectDocuments: [join(repo, 'docs/*.md')],
  // Guides would otherwise push the single entry point into an `index` module (pages named index.X.html).
  alwaysCreateEntryPointModule: false,
  readme: existsSync(readme) ? readme : 'none',
  excludePrivate: true,
  excludeInternal: true,
  excludeExternals: true,
  // Type errors are the build's job (tsc); the docs should still render while the SDK is in flux.
  skipErrorChecking: true,
  treatWarningsAsErrors: false,
  githubPages: false,
  hideGenerator: true,
  sort: ['kind', 'alphabetical'],
  validation: { notExported: false, invalidLink: true, notDocumented: false },
};
