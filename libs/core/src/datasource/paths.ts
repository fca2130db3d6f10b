// Resolving the paths of a read into data files, as Spark's InMemoryFileIndex: files, directories (their data
// files, skipping `_`/`.`-prefixed names such as _SUCCESS), glob patterns, and Hive-style `k=v` partition directories.
import fs from 'node:fs/promises';
import path from 'node:path';
import { AnalysisError } from '../errors.js';

/** One data file of a read, with the partition values its directories name (`k=v`), unescaped. */
export interface SourceFile {
  readonly path: string;
  readonly size: number;
  readonly partitionValues: readonly (readonly [string, string | null])[];
}

/** A local path as Spark prints it: `file:/abs/path`. */
export function qualified(p: string): string {
  return `file:${p}`;
}

/** `file:/x`, `file:///x` or a relative path → an absolute local path. */
export function localPath(p: string): string {
  let s = p;
  if (s.startsWith('file://')) s = s.slice('file://'.length);
  else if (s.startsWith('file:')) s = s.slice('file:'.length);
  return path.resolve(s);
}

export function pathNotFound(p: string): AnalysisError {
  return new AnalysisError('PATH_NOT_FOUND', `Path does not exist: ${qualified(p)}.`, { path: qualified(p) });
}

const GLOB_CHARS = /[*?[{]/;

/** A glob segment (`*`, `?`, `[abc]`, `[!a]`, `{a,b}`) as an anchored RegExp, as Hadoop's GlobPattern. */
function globRegExp(seg: string): RegExp {
  let re = '';
  let inGroup = 0;
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i]!;
    if (c === '\\' && i + 1 < seg.length) re += '\\' + seg[++i];
    else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = seg.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        let body = seg.slice(i + 1, end);
        if (body.startsWith('!') || body.startsWith('^')) body = '^' + body.slice(1);
        re += `[${body.replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else if (c === '{') { re += '(?:'; inGroup++; }
    else if (c === '}' && inGroup > 0) { re += ')'; inGroup--; }
    else if (c === ',' && inGroup > 0) re += '|';
    else re += c.replace(/[.+^$()|\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Every existing path a glob pattern matches, sorted. */
async function expandGlob(abs: string): Promise<string[]> {
  const parts = abs.split('/').filter((s) => s.length > 0);
  let current = ['/'];
  for (const seg of parts) {
    const next: string[] = [];
    if (!GLOB_CHARS.test(seg)) {
      for (const c of current) next.push(path.join(c, seg.replace(/\\(.)/g, '$1')));
    } else {
      const re = globRegExp(seg);
      for (const c of current) {
        let names: string[];
        try {
          names = await fs.readdir(c);
        } catch {
          continue;
        }
        for (const n of names.sort()) if (re.test(n) && !(n.startsWith('.') && !seg.startsWith('.'))) next.push(path.join(c, n));
      }
    }
    current = next;
  }
  const out: string[] = [];
  for (const c of current) {
    try {
      await fs.stat(c);
      out.push(c);
    } catch {
      // a literal segment after a glob may not exist under every match
    }
  }
  return out;
}

/** Spark's hidden-file rule (`HadoopFSUtils.shouldFilterOutPathName`). */
export function isHidden(name: string): boolean {
  return (name.startsWith('_') && !name.includes('=')) || name.startsWith('.') || name.endsWith('._COPYING_');
}

/** Unescapes a partition directory's value (`%2F` → `/`); Hive's default partition is NULL. */
function partitionValue(raw: string): string | null {
  const v = raw.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return v === '__HIVE_DEFAULT_PARTITION__' ? null : v;
}

async function listLeafFiles(dir: string, base: string, out: SourceFile[], recursive: boolean): Promise<void> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (isHidden(e.name)) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (recursive || e.name.includes('=')) await listLeafFiles(full, base, out, recursive);
    } else if (e.isFile() || e.isSymbolicLink()) {
      const st = await fs.stat(full);
      if (!st.isFile()) continue;
      const rel = path.relative(base, dir);
      const partitionValues = recursive || rel === ''
        ? []
        : rel.split(path.sep).map((seg) => {
            const eq = seg.indexOf('=');
            return [seg.slice(0, eq), partitionValue(seg.slice(eq + 1))] as const;
          });
      out.push({ path: full, size: st.size, partitionValues });
    }
  }
}

/**
 * The data files of `paths`, in order: a file as itself, a directory as its data files (and those of its `k=v`
 * subdirectories), a glob as every match. A path that does not exist is PATH_NOT_FOUND, raised here, at the read.
 */
export async function listFiles(paths: readonly string[], opts: { recursiveFileLookup?: boolean } = {}): Promise<SourceFile[]> {
  const out: SourceFile[] = [];
  for (const p of paths) {
    const abs = localPath(p);
    const matches = GLOB_CHARS.test(abs) ? await expandGlob(abs) : [abs];
    if (matches.length === 0) throw pathNotFound(abs);
    for (const m of matches) {
      let st;
      try {
        st = await fs.stat(m);
      } catch {
        throw pathNotFound(m);
      }
      if (st.isDirectory()) await listLeafFiles(m, m, out, opts.recursiveFileLookup === true);
      else out.push({ path: m, size: st.size, partitionValues: [] });
    }
  }
  return out;
}
