// Reads the text of one split: the whole file, or the lines that start inside [start, start + length) for a byte
// range (a line crossing the end belongs to the split it starts in, as Hadoop's LineRecordReader assigns them).
import fs from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import type { FileSplit } from './file-format.js';

/** Gzip files (`.gz`) are read whole and decompressed; they are never cut into byte ranges. */
export function isCompressed(path: string): boolean {
  return path.endsWith('.gz');
}

/** A whole file's bytes, decompressed when it is gzip. */
export async function readWholeFile(path: string): Promise<Uint8Array> {
  const raw = new Uint8Array(await fs.readFile(path));
  return isCompressed(path) ? new Uint8Array(gunzipSync(raw)) : raw;
}

const CHUNK = 1 << 16;
const NL = 0x0a;

/** The bytes of the split's lines (whole lines only). A split at the file start keeps a leading BOM. */
export async function readSplitBytes(split: FileSplit): Promise<Uint8Array> {
  if (split.start === 0 && split.length >= split.fileSize) return readWholeFile(split.path);
  const fh = await fs.open(split.path, 'r');
  try {
    const from = Math.max(0, split.start - 1);
    const end = Math.min(split.fileSize, split.start + split.length);
    const parts: Uint8Array[] = [];
    const head = new Uint8Array(end - from);
    const { bytesRead } = await fh.read(head, 0, head.length, from);
    parts.push(head.subarray(0, bytesRead));
    // Extend to the end of the line that crosses `end`.
    let pos = from + bytesRead;
    const last = bytesRead > 0 ? head[bytesRead - 1] : NL;
    while (last !== NL && pos < split.fileSize) {
      const buf = new Uint8Array(CHUNK);
      const r = await fh.read(buf, 0, CHUNK, pos);
      if (r.bytesRead === 0) break;
      const nl = buf.subarray(0, r.bytesRead).indexOf(NL);
      if (nl >= 0) {
        parts.push(buf.subarray(0, nl + 1));
        break;
      }
      parts.push(buf.subarray(0, r.bytesRead));
      pos += r.bytesRead;
    }
    const all = parts.length === 1 ? parts[0]! : concat(parts);
    if (split.start === 0) return all;
    // Skip the line that started before this split (the byte before `start` tells whether one did).
    const nl = all.indexOf(NL);
    return nl < 0 || from + nl + 1 >= end ? new Uint8Array(0) : all.subarray(nl + 1);
  } finally {
    await fh.close();
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Decodes a split's bytes (UTF-8 unless `encoding` says otherwise; a BOM is dropped). */
export function decodeText(bytes: Uint8Array, encoding: string | undefined): string {
  return new TextDecoder(encoding ?? 'utf-8').decode(bytes);
}

/** Splits text into lines by `\n`, `\r\n` or `\r` (Spark's default), or by a given separator. */
export function splitLines(text: string, lineSep: string | undefined): string[] {
  if (text.length === 0) return [];
  const lines = lineSep === undefined ? text.split(/\r\n|\r|\n/) : text.split(lineSep);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
