// Checks the generated docs site: landing page, TypeDoc API pages for the public SDK, and rendered guides.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const appRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repo = resolve(appRoot, '../..');
const site = join(appRoot, 'site');
const api = join(site, 'api');
const docsDir = join(repo, 'docs');

/** Every file under dir, as paths relative to dir with '/' separators. */
function walk(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

function newestMtime(dir: string, suffix: string): number {
  return walk(dir)
    .filter((f) => f.endsWith(suffix))
    .reduce((m, f) => Math.max(m, statSync(join(dir, f)).mtimeMs), 0);
}

const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '');

function guides(): string[] {
  return existsSync(docsDir) ? readdirSync(docsDir).filter((f) => f.endsWith('.md')).sort() : [];
}

/** Under nx the `docs` target has already run; standalone, (re)build when the site is missing or stale. */
function ensureSite(): void {
  const index = join(api, 'index.html');
  const built = existsSync(index) && existsSync(join(site, 'index.html')) ? statSync(index).mtimeMs : 0;
  const sources = Math.max(newestMtime(join(repo, 'libs/core/src'), '.ts'), newestMtime(docsDir, '.md'));
  if (built >= sources) return;
  const require = createRequire(import.meta.url);
  const typedoc = join(dirname(require.resolve('typedoc/package.json')), 'bin', 'typedoc');
  execFileSync(process.execPath, [typedoc, '--options', 'typedoc.config.mjs'], { cwd: appRoot, stdio: 'pipe' });
  execFileSync('npm', ['run', 'docs'], { cwd: appRoot, stdio: 'pipe' });
}

/** The API page documenting `name`, whatever kind-directory TypeDoc put it in (classes/, interfaces/, modules/…). */
function apiPage(name: string): string | undefined {
  return walk(api).find((f) => f.split('/').length === 2 && basename(f) === `${name}.html`);
}

beforeAll(() => {
  ensureSite();
});

describe('docs site', () => {
  it('has a landing page whose local links all resolve', () => {
    const landing = readFileSync(join(site, 'index.html'), 'utf8');
    expect(landing).toContain('href="api/index.html"');
    const hrefs = [...landing.matchAll(/href="([^"#]+)"/g)].map((m) => m[1]);
    const missing = hrefs.filter((h) => !/^[a-z]+:/.test(h) && !existsSync(resolve(site, h)));
    expect(missing).toEqual([]);
  });

  it('has the TypeDoc API site with its search index', () => {
    expect(existsSync(join(api, 'index.html'))).toBe(true);
    expect(existsSync(join(api, 'assets', 'search.js'))).toBe(true);
  });

  it.each(['SparkSession', 'DataFrame', 'Column', 'GroupedData', 'StructType', 'Row'])(
    'documents the public class %s',
    (name) => {
      expect(existsSync(join(api, 'classes', `${name}.html`)), `classes/${name}.html (found: ${apiPage(name)})`).toBe(
        true,
      );
      const html = readFileSync(join(api, 'classes', `${name}.html`), 'utf8');
      expect(html).toMatch(new RegExp(`<title>${name} \\|`));
    },
  );

  it('documents the functions namespace, including sum', () => {
    const page = apiPage('functions');
    expect(page, 'a functions.html page (namespace or variable)').toBeDefined();
    const html = readFileSync(join(api, page!), 'utf8');
    expect(html).toMatch(/\bsum\b/);
  });

  it.each([
    ['kindling/sql.html', 'SparkSession'],
    ['kindling/sql.html', 'DataFrame'],
    ['kindling/sql.html', 'Column'],
    ['kindling/sql.html', 'GroupedData'],
    ['kindling/sql/functions.html', 'upper'],
    ['kindling/sql/types.html', 'StructType'],
    ['kindling/errors.html', 'AnalysisException'],
  ])('documents the Python API page %s with %s', (page, name) => {
    const file = join(site, 'python', page);
    expect(existsSync(file), file).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain(name);
  });

  it('renders every docs/*.md guide inside the site and links it from the landing page', () => {
    const landing = readFileSync(join(site, 'index.html'), 'utf8');
    const documents = walk(join(api, 'documents'));
    for (const guide of guides()) {
      const text = readFileSync(join(docsDir, guide), 'utf8');
      // TypeDoc names a document page after its front-matter `title:` if any, else after the file.
      const title = text.match(/^---\r?\n[\s\S]*?^title:\s*["']?(.+?)["']?\s*$/m)?.[1] ?? basename(guide, '.md');
      const page = documents.find((d) => slug(basename(d, '.html')) === slug(title));
      expect(page, `a page for docs/${guide} under api/documents/ (have: ${documents.join(', ')})`).toBeDefined();
      expect(landing).toContain(`href="api/documents/${page}"`);
    }
  });
});
