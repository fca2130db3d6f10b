// ReadFiles and WriteRequest against the real engine process: a write, a read back, and the validation of each field.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Builder } from 'flatbuffers';
import { fb } from '@kindling/protocol';
import { Client, type Engine, ServerError, startEngine } from './client.js';

let engine: Engine;
let c: Client;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-files-'));

beforeAll(async () => {
  engine = await startEngine();
  c = await Client.connect(engine);
});

afterAll(async () => {
  await c.close();
  await engine.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function failure(p: Promise<unknown>): Promise<ServerError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ServerError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

function kvs(b: Builder, o: Record<string, string>): number {
  return fb.ReadFiles.createOptionsVector(b, Object.entries(o).map(([k, v]) => fb.KeyValue.createKeyValue(b, b.createString(k), b.createString(v))));
}

function write(df: bigint, p: string, fmt = 'csv', mode = '', options: Record<string, string> = {}, partitionBy: string[] = []) {
  return c.request(fb.Body.WriteRequest, (b) => fb.WriteRequest.createWriteRequest(b, df, b.createString(fmt), b.createString(p), b.createString(mode), kvs(b, options),
    fb.WriteRequest.createPartitionByVector(b, partitionBy.map((s) => b.createString(s)))));
}

function read(fmt: string, paths: string[], options: Record<string, string> = {}, ddl: string | null = null) {
  return c.transform(fb.RelationOp.ReadFiles, (b) => {
    const f = b.createString(fmt);
    const ps = fb.ReadFiles.createPathsVector(b, paths.map((p) => b.createString(p)));
    const o = kvs(b, options);
    const d = ddl === null ? 0 : b.createString(ddl);
    fb.ReadFiles.startReadFiles(b);
    fb.ReadFiles.addFormat(b, f);
    fb.ReadFiles.addPaths(b, ps);
    fb.ReadFiles.addOptions(b, o);
    if (d) fb.ReadFiles.addSchemaDdl(b, d);
    return fb.ReadFiles.endReadFiles(b);
  });
}

describe('ReadFiles / WriteRequest', () => {
  it('writes and reads back', async () => {
    const r = await c.range(0n, 10n);
    const out = path.join(dir, 'ten');
    const ack = await write(r.id, out, 'csv', '', { header: 'true' });
    expect(ack.bodyType()).toBe(fb.Body.Ack);
    expect(fs.readdirSync(out)).toContain('_SUCCESS');
    const back = await read('csv', [out], { header: 'true', inferSchema: 'true' });
    expect(back.schema.fields.map((f) => [f.name, f.dataType.kind])).toEqual([['id', 'int32']]);
    expect(await c.count(back.id)).toBe(10n);
    const typed = await read('csv', [out], { header: 'true' }, 'id bigint');
    expect(typed.schema.fields[0]!.dataType.kind).toBe('int64');
  });

  it('names the field at fault', async () => {
    const r = await c.range(0n, 1n);
    const noPath = await failure(write(r.id, ''));
    expect([noPath.errorClass, noPath.message]).toEqual(['INVALID_WRITE', '[INVALID_WRITE] WriteRequest: the field `path` is empty.']);
    const twice = await failure(write(r.id, path.join(dir, 'x'), 'csv', '', { a: '1', A: '2' }));
    expect(twice.message).toBe("[INVALID_OPTION] WriteRequest: option 'A' is given twice.");
    const emptyCol = await failure(write(r.id, path.join(dir, 'x'), 'csv', '', {}, ['']));
    expect(emptyCol.message).toBe('[INVALID_WRITE] WriteRequest: partition_by[0] is empty.');
    const mode = await failure(write(r.id, path.join(dir, 'x'), 'csv', 'sideways'));
    expect(mode.errorClass).toBe('INVALID_SAVE_MODE');
    const emptyPath = await failure(read('csv', ['']));
    expect(emptyPath.message).toBe('[INVALID_RELATION] ReadFiles: paths[0] is empty.');
    const missing = await failure(read('parquet', [path.join(dir, 'nope')]));
    expect([missing.kind, missing.errorClass]).toEqual([fb.ErrorKind.Analysis, 'PATH_NOT_FOUND']);
    expect(fs.existsSync(path.join(dir, 'x'))).toBe(false);
  });
});
