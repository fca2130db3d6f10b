// Writes site/index.html from src/index.template.html: links to the TypeDoc API site and to each docs/*.md guide.
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const appRoot = join(here, '..');
const repo = join(appRoot, '..', '..');
const site = join(appRoot, 'site');
const api = join(site, 'api');

const escapeHtml = (s) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');

/** Front-matter `title:` (which TypeDoc names the page after), first `# ` heading, and file stem of a guide. */
function guideNames(file) {
  const text = readFileSync(file, 'utf8');
  const front = text.match(/^---\r?\n([\s\S]*?)\r?\n---/);
  const fmTitle = front?.[1].match(/^title:\s*["']?(.+?)["']?\s*$/m)?.[1];
  const heading = text.match(/^#\s+(.+?)\s*#*\s*$/m)?.[1];
  return { fmTitle, heading, stem: basename(file, '.md') };
}

const guideTitle = (file) => {
  const n = guideNames(file);
  return n.fmTitle ?? n.heading ?? n.stem;
};

/** Where TypeDoc rendered a project document (api/documents/<slug>.html), or null if it did not. */
function renderedGuide(file) {
  const dir = join(api, 'documents');
  if (!existsSync(dir)) return null;
  const wanted = Object.values(guideNames(file)).filter(Boolean).map(slug);
  const page = readdirSync(dir).find((f) => wanted.includes(slug(basename(f, '.html'))));
  return page ? `api/documents/${page}` : null;
}

function guidesHtml() {
  const docsDir = join(repo, 'docs');
  const files = existsSync(docsDir)
    ? readdirSync(docsDir).filter((f) => f.endsWith('.md')).sort().map((f) => join(docsDir, f))
    : [];
  if (files.length === 0) return '<p>No guides yet (they live in <code>docs/*.md</code>).</p>';
  const items = files.map((file) => {
    // Prefer the page rendered inside the site; fall back to the Markdown source in the repo.
    const href = renderedGuide(file) ?? relative(site, file).split('\\').join('/');
    return `    <li><a href="${escapeHtml(href)}">${escapeHtml(guideTitle(file))}</a></li>`;
  });
  return `<ul>\n${items.join('\n')}\n  </ul>`;
}

const template = readFileSync(join(here, 'index.template.html'), 'utf8');
const html = template
  .replace('{{API_CLASSES}}', ['SparkSession', 'DataFrame', 'Column', 'functions'].map((n) => `<code>${n}</code>`).join(', '))
  .replace('{{GUIDES}}', guidesHtml())
  .replace('{{GENERATED}}', new Date().toISOString().slice(0, 10));

mkdirSync(site, { recursive: true });
writeFileSync(join(site, 'index.html'), html);
console.log(`docs: wrote ${relative(repo, join(site, 'index.html'))}`);
