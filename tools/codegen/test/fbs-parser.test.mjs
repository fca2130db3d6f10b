// Unit tests of the .fbs parser and the layout builder, plus a cross-check of the layout against flatc's output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FbsSyntaxError, parseFbs, parseSchemaFiles, tokenize } from '../src/fbs-parser.mjs';
import { buildLayout, layoutPy, layoutTs, printValue } from '../src/layout.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const SAMPLE = `
// A plain comment, dropped.
include "other.fbs";
namespace my.ns;

/// Colours.
enum Colour : ubyte { Red = 1, Green, /// doc of Blue
  Blue = 10, }

/* block
   comment */
table Leaf { v: int = -3; f: double = 1.5; ok: bool = true; }

/// Two kinds of leaf.
union Node { Leaf, Other }

table Root {
  /// The id.
  id: ulong;
  name: string (required);
  colour: Colour = Green;
  node: Node (required);
  leaves: [Leaf];
  tags: [string];
  bytes: [ubyte];
  colours: [Colour];
  child: Root;
  old: short (deprecated);
}

root_type Root;
file_identifier "ABCD";
`;

test('tokenize keeps doc comments and drops other comments', () => {
  const toks = tokenize('/// doc\n// plain\n/* block */ table T { a: int = -1; }');
  assert.deepEqual(toks.map((t) => `${t.type}:${t.value}`), [
    'doc:doc', 'ident:table', 'ident:T', 'punct:{', 'ident:a', 'punct::', 'ident:int', 'punct:=', 'number:-1', 'punct:;', 'punct:}', 'eof:',
  ]);
  assert.equal(toks[1].line, 3);
});

test('parseFbs reads includes, namespace, enums, unions, tables, root type and identifier', () => {
  const p = parseFbs(SAMPLE, 'sample.fbs');
  assert.deepEqual(p.includes, ['other.fbs']);
  assert.equal(p.namespace, 'my.ns');
  assert.equal(p.rootType, 'Root');
  assert.equal(p.fileIdentifier, 'ABCD');
  assert.equal(p.enums.length, 1);
  const colour = p.enums[0];
  assert.equal(colour.underlying, 'ubyte');
  assert.equal(colour.doc, 'Colours.');
  assert.deepEqual(colour.values.map((v) => [v.name, v.value]), [['Red', 1n], ['Green', 2n], ['Blue', 10n]]);
  assert.equal(colour.values[2].doc, 'doc of Blue');
  assert.deepEqual(p.unions[0].members.map((m) => m.name), ['Leaf', 'Other']);
  assert.equal(p.unions[0].doc, 'Two kinds of leaf.');
  const leaf = p.tables.find((t) => t.name === 'Leaf');
  assert.deepEqual(leaf.fields.map((f) => [f.name, f.type.name, f.default]), [['v', 'int', '-3'], ['f', 'double', '1.5'], ['ok', 'bool', 'true']]);
  const rootT = p.tables.find((t) => t.name === 'Root');
  assert.deepEqual(rootT.fields.map((f) => f.name), ['id', 'name', 'colour', 'node', 'leaves', 'tags', 'bytes', 'colours', 'child', 'old']);
  assert.equal(rootT.fields[0].doc, 'The id.');
  assert.equal(rootT.fields[1].required, true);
  assert.equal(rootT.fields[4].type.vector, true);
  assert.equal(rootT.fields[9].deprecated, true);
});

test('parse errors name the file and line', () => {
  assert.throws(() => parseFbs('table T {\n a int; }', 'x.fbs'), (e) => e instanceof FbsSyntaxError && /x\.fbs:2: expected ':'/.test(e.message));
  assert.throws(() => parseFbs('struct S { a: int; }', 'x.fbs'), /structs are not supported/);
  assert.throws(() => parseFbs('table T { a: int (id: 3); }', 'x.fbs'), /attribute 'id' is not supported/);
  assert.throws(() => parseFbs('file_identifier "TOOLONG";', 'x.fbs'), /exactly 4 bytes/);
  assert.throws(() => parseFbs('table T { a: string = "x"; }', 'x.fbs'), /default value/);
  assert.throws(() => parseFbs('table T { a: int; ', 'x.fbs'), /end of file/);
});

function layoutOf(text) {
  const dir = mkdtempSync(join(tmpdir(), 'fbs-test-'));
  try {
    writeFileSync(join(dir, 'other.fbs'), 'namespace my.ns; table Other { s: string; }');
    writeFileSync(join(dir, 'main.fbs'), text);
    return buildLayout(parseSchemaFiles([join(dir, 'main.fbs')]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('buildLayout assigns slots (two per union) and kinds, following includes', () => {
  const layout = layoutOf(SAMPLE);
  assert.equal(layout.root, 'Root');
  assert.equal(layout.identifier, 'ABCD');
  assert.deepEqual(layout.unions, { Node: [null, 'Leaf', 'Other'] });
  assert.deepEqual(layout.tables.Other, { fields: [{ name: 's', slot: 0, kind: 'string', required: false }] });
  assert.deepEqual(layout.tables.Root.fields, [
    { name: 'id', slot: 0, kind: 'scalar', size: 8, required: false },
    { name: 'name', slot: 1, kind: 'string', required: true },
    { name: 'colour', slot: 2, kind: 'scalar', size: 1, required: false },
    { name: 'node_type', slot: 3, kind: 'scalar', size: 1, required: false },
    { name: 'node', slot: 4, kind: 'union', union: 'Node', required: true },
    { name: 'leaves', slot: 5, kind: 'vector_table', table: 'Leaf', required: false },
    { name: 'tags', slot: 6, kind: 'vector_string', required: false },
    { name: 'bytes', slot: 7, kind: 'vector_scalar', size: 1, required: false },
    { name: 'colours', slot: 8, kind: 'vector_scalar', size: 1, required: false },
    { name: 'child', slot: 9, kind: 'table', table: 'Root', required: false },
    { name: 'old', slot: 10, kind: 'scalar', size: 2, required: false },
  ]);
});

test('buildLayout rejects what the verifier cannot describe', () => {
  const base = 'namespace n; root_type T; file_identifier "ABCD"; ';
  assert.throws(() => layoutOf(`${base} table T { a: Missing; }`), /unknown type Missing/);
  assert.throws(() => layoutOf(`${base} table T { a: int (required); }`), /scalar fields cannot be required/);
  assert.throws(() => layoutOf(`${base} union U { T } table T { a: [U]; }`), /vectors of unions/);
  assert.throws(() => layoutOf(`${base} enum E : byte { A = 1, B = 0 } table T { a: E; }`), /ascend/);
  assert.throws(() => layoutOf(`${base} enum E : byte { A = 300 } table T { a: E; }`), /does not fit/);
  assert.throws(() => layoutOf(`${base} enum E : float { A } table T { a: E; }`), /not an integer type/);
  assert.throws(() => layoutOf(`${base} table T { a: ubyte = 256; }`), /does not fit/);
  assert.throws(() => layoutOf(`${base} enum E : byte { A } union U { E } table T { a: U; }`), /not a table/);
  assert.throws(() => layoutOf(`${base} table T { a: int; a: int; }`), /declared twice/);
  assert.throws(() => layoutOf('namespace n; table T { a: int; }'), /no root_type/);
});

test('printed layouts are valid TS/Python literals', () => {
  const layout = layoutOf(SAMPLE);
  const ts = layoutTs(layout, '// header\n');
  assert.match(ts, /^\/\/ header\n/);
  assert.match(ts, /export const LAYOUT = \{[\s\S]*\} as const;\n$/);
  const asJs = ts.replace(/^export const LAYOUT = /m, 'return ').replace(/ as const;\n$/, ';');
  assert.deepEqual(new Function(asJs)(), layout);
  const py = layoutPy(layout, '# header\n');
  assert.match(py, /\nLAYOUT = \{/);
  assert.match(py, /"Node": \[None, "Leaf", "Other"\]/);
  assert.equal(printValue({ a: [null, true], b: {} }, 'python'), '{\n    "a": [None, True],\n    "b": {},\n}');
});

// flatc's generated builders name every field's slot: the layout must agree with them on every table.
test('the project layout agrees with the slots and required fields in flatc\'s TypeScript output', () => {
  const schemaDir = join(root, 'libs/protocol/schema');
  const files = parseSchemaFiles(readdirSync(schemaDir).filter((f) => f.endsWith('.fbs')).map((f) => join(schemaDir, f)), [schemaDir]);
  const layout = buildLayout(files);
  const genDir = join(root, 'libs/protocol/gen/kindling/protocol');
  const pascal = (s) => s.split('_').map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  const kebab = (s) => s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  assert.ok(Object.keys(layout.tables).length >= 40);
  for (const [name, table] of Object.entries(layout.tables)) {
    const src = readFileSync(join(genDir, `${kebab(name)}.ts`), 'utf8');
    const start = /startObject\((\d+)\)/.exec(src);
    assert.equal(Number(start[1]), table.fields.length, `${name}: field count`);
    for (const f of table.fields) {
      const m = new RegExp(`static add${pascal(f.name)}\\(builder[^)]*\\) \\{\\s*builder\\.add\\w+\\((\\d+)`).exec(src);
      assert.ok(m, `${name}.${f.name}: no adder in flatc output`);
      assert.equal(Number(m[1]), f.slot, `${name}.${f.name}: slot`);
    }
    const required = [...src.matchAll(/requiredField\(offset, (\d+)\)/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
    assert.deepEqual(required, table.fields.filter((f) => f.required).map((f) => 4 + 2 * f.slot), `${name}: required fields`);
  }
  for (const [name, members] of Object.entries(layout.unions)) {
    const src = readFileSync(join(genDir, `${kebab(name)}.ts`), 'utf8');
    members.forEach((m, i) => {
      if (m !== null) assert.match(src, new RegExp(`\\b${m} = ${i}\\b`), `${name}[${i}]`);
    });
  }
});
