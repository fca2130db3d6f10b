import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeText, readSplitBytes, splitLines } from './split-reader.js';
import { planFilePartitions } from './scan-planning.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-split-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('readSplitBytes', () => {
  it('gives every line to exactly one split, whatever the split size', async () => {
    const lines = Array.from({ length: 200 }, (_, i) => `line-${i}-${'x'.repeat(i % 13)}`);
    const file = path.join(dir, 'lines.txt');
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const size = fs.statSync(file).size;
    for (const step of [5, 16, 100, 333, size]) {
      const got: string[] = [];
      for (let start = 0; start < size; start += step) {
        const bytes = await readSplitBytes({ path: file, start, length: Math.min(step, size - start), fileSize: size, partitionValues: [] });
        got.push(...splitLines(decodeText(bytes, undefined), undefined));
      }
      expect(got).toEqual(lines);
    }
  });

  it('handles a file without a final newline and CRLF line ends', async () => {
    const file = path.join(dir, 'crlf.txt');
    fs.writeFileSync(file, 'a\r\nbb\r\nccc');
    const size = fs.statSync(file).size;
    const got: string[] = [];
    for (let start = 0; start < size; start += 3) {
      got.push(...splitLines(decodeText(await readSplitBytes({ path: file, start, length: 3, fileSize: size, partitionValues: [] }), undefined), undefined));
    }
    expect(got).toEqual(['a', 'bb', 'ccc']);
  });

  it('drops a BOM at the start of a file', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]), undefined)).toBe('a');
  });
});

describe('planFilePartitions', () => {
  const opts = { maxPartitionBytes: 128 << 20, openCostInBytes: 4 << 20, minPartitions: 2, splittable: true };
  const file = (p: string, size: number) => ({ path: p, size, partitionValues: [] });

  it('gives small files a task each when there are few of them (Spark: open cost vs bytes per core)', () => {
    const parts = planFilePartitions([file('a', 10), file('b', 20)], () => [], opts);
    expect(parts.map((p) => p.map((s) => s.path))).toEqual([['b'], ['a']]);
  });

  it('packs many small files together', () => {
    const many = Array.from({ length: 100 }, (_, i) => file(`f${i}`, 1000));
    const parts = planFilePartitions(many, () => [], { ...opts, openCostInBytes: 1000 });
    expect(parts.length).toBeLessThan(100);
    expect(parts.flat().length).toBe(100);
  });

  it('cuts a large splittable file into byte ranges, and leaves others whole', () => {
    const big = file('big', 300 << 20);
    const parts = planFilePartitions([big], () => [], opts);
    expect(parts.length).toBe(3);
    expect(parts.flat().reduce((s, x) => s + x.length, 0)).toBe(300 << 20);
    expect(planFilePartitions([big], () => [], { ...opts, splittable: false }).length).toBe(1);
  });
});
