// Turns parsed .fbs files into the layout description the verifiers walk (tables' fields by slot, unions'
// members by type index, root type, file identifier), and prints it as TypeScript and Python source.

/** Byte size of every FlatBuffers scalar type name we accept. */
export const SCALAR_SIZES = Object.freeze({
  bool: 1, byte: 1, ubyte: 1, int8: 1, uint8: 1,
  short: 2, ushort: 2, int16: 2, uint16: 2,
  int: 4, uint: 4, int32: 4, uint32: 4, float: 4, float32: 4,
  long: 8, ulong: 8, int64: 8, uint64: 8, double: 8, float64: 8,
});

const INTEGER_RANGES = {
  byte: [-128n, 127n], int8: [-128n, 127n], ubyte: [0n, 255n], uint8: [0n, 255n],
  short: [-32768n, 32767n], int16: [-32768n, 32767n], ushort: [0n, 65535n], uint16: [0n, 65535n],
  int: [-(2n ** 31n), 2n ** 31n - 1n], int32: [-(2n ** 31n), 2n ** 31n - 1n],
  uint: [0n, 2n ** 32n - 1n], uint32: [0n, 2n ** 32n - 1n],
  long: [-(2n ** 63n), 2n ** 63n - 1n], int64: [-(2n ** 63n), 2n ** 63n - 1n],
  ulong: [0n, 2n ** 64n - 1n], uint64: [0n, 2n ** 64n - 1n],
};

/**
 * Builds the layout from parsed files (as returned by parseSchemaFiles). Throws on anything the verifier could
 * not describe: unknown types, vectors of unions, required scalars, union members that are not tables…
 */
export function buildLayout(files) {
  const decls = new Map(); // short or qualified name → { kind, decl }
  const add = (kind, decl) => {
    const qualified = decl.namespace ? `${decl.namespace}.${decl.name}` : decl.name;
    if (decls.has(decl.name)) throw new Error(`${decl.name} is declared twice`);
    if (decl.name in SCALAR_SIZES || decl.name === 'string') throw new Error(`${decl.name} shadows a built-in type`);
    decls.set(decl.name, { kind, decl });
    decls.set(qualified, { kind, decl });
  };
  for (const f of files) {
    for (const e of f.enums) add('enum', e);
    for (const u of f.unions) add('union', u);
    for (const t of f.tables) add('table', t);
  }
  const lookup = (name, where) => {
    const d = decls.get(name);
    if (!d) throw new Error(`${where}: unknown type ${name}`);
    return d;
  };

  for (const f of files) for (const e of f.enums) checkEnum(e);

  let root = null;
  let identifier = null;
  for (const f of files) {
    if (f.rootType) {
      if (root && root !== f.rootType) throw new Error(`two root types: ${root} and ${f.rootType}`);
      root = f.rootType;
    }
    if (f.fileIdentifier) {
      if (identifier && identifier !== f.fileIdentifier) throw new Error(`two file identifiers: ${identifier} and ${f.fileIdentifier}`);
      identifier = f.fileIdentifier;
    }
  }
  if (!root) throw new Error('no root_type declared');
  if (!identifier) throw new Error('no file_identifier declared');
  const rootDecl = lookup(root, 'root_type');
  if (rootDecl.kind !== 'table') throw new Error(`root_type ${root} is not a table`);
  root = rootDecl.decl.name;

  const unions = {};
  for (const f of files) {
    for (const u of f.unions) {
      if (u.members.length === 0) throw new Error(`union ${u.name} has no members`);
      if (u.members.length > 255) throw new Error(`union ${u.name} has more than 255 members`);
      unions[u.name] = [null, ...u.members.map((m) => {
        const d = lookup(m.name, `union ${u.name}`);
        if (d.kind !== 'table') throw new Error(`union ${u.name}: member ${m.name} is not a table`);
        return d.decl.name;
      })];
    }
  }

  const tables = {};
  for (const f of files) {
    for (const t of f.tables) {
      const fields = [];
      let slot = 0;
      const seen = new Set();
      for (const fd of t.fields) {
        const where = `${t.name}.${fd.name}`;
        if (seen.has(fd.name)) throw new Error(`${where} is declared twice`);
        seen.add(fd.name);
        const { type } = fd;
        if (type.vector) {
          if (fd.default !== null) throw new Error(`${where}: vectors cannot have a default`);
          if (type.name === 'string') fields.push({ name: fd.name, slot: slot++, kind: 'vector_string', required: fd.required });
          else if (type.name in SCALAR_SIZES) fields.push({ name: fd.name, slot: slot++, kind: 'vector_scalar', size: SCALAR_SIZES[type.name], required: fd.required });
          else {
            const d = lookup(type.name, where);
            if (d.kind === 'enum') fields.push({ name: fd.name, slot: slot++, kind: 'vector_scalar', size: SCALAR_SIZES[d.decl.underlying], required: fd.required });
            else if (d.kind === 'table') fields.push({ name: fd.name, slot: slot++, kind: 'vector_table', table: d.decl.name, required: fd.required });
            else throw new Error(`${where}: vectors of unions are not supported`);
          }
          continue;
        }
        if (type.name in SCALAR_SIZES) {
          if (fd.required) throw new Error(`${where}: scalar fields cannot be required`);
          checkScalarDefault(type.name, fd.default, where);
          fields.push({ name: fd.name, slot: slot++, kind: 'scalar', size: SCALAR_SIZES[type.name], required: false });
          continue;
        }
        if (type.name === 'string') {
          if (fd.default !== null) throw new Error(`${where}: string defaults are not supported`);
          fields.push({ name: fd.name, slot: slot++, kind: 'string', required: fd.required });
          continue;
        }
        const d = lookup(type.name, where);
        if (d.kind === 'enum') {
          if (fd.required) throw new Error(`${where}: enum fields cannot be required`);
          if (fd.default !== null && !/^[-+]?\d+$/.test(fd.default) && !d.decl.values.some((v) => v.name === fd.default)) {
            throw new Error(`${where}: default ${fd.default} is not a value of ${d.decl.name}`);
          }
          fields.push({ name: fd.name, slot: slot++, kind: 'scalar', size: SCALAR_SIZES[d.decl.underlying], required: false });
        } else if (d.kind === 'table') {
          if (fd.default !== null) throw new Error(`${where}: table fields cannot have a default`);
          fields.push({ name: fd.name, slot: slot++, kind: 'table', table: d.decl.name, required: fd.required });
        } else {
          if (fd.default !== null) throw new Error(`${where}: union fields cannot have a default`);
          // A union is stored as two fields: its type (ubyte) in the slot before its offset.
          fields.push({ name: `${fd.name}_type`, slot: slot++, kind: 'scalar', size: 1, required: false });
          fields.push({ name: fd.name, slot: slot++, kind: 'union', union: d.decl.name, required: fd.required });
        }
      }
      tables[t.name] = { fields };
    }
  }
  return { root, identifier, tables, unions };
}

function checkEnum(e) {
  const range = INTEGER_RANGES[e.underlying];
  if (!range) throw new Error(`enum ${e.name}: underlying type ${e.underlying} is not an integer type`);
  const names = new Set();
  let prev = null;
  for (const v of e.values) {
    if (names.has(v.name)) throw new Error(`enum ${e.name}: value ${v.name} is declared twice`);
    names.add(v.name);
    if (v.value < range[0] || v.value > range[1]) throw new Error(`enum ${e.name}: ${v.name} = ${v.value} does not fit in ${e.underlying}`);
    if (prev !== null && v.value <= prev) throw new Error(`enum ${e.name}: values must ascend (${v.name})`);
    prev = v.value;
  }
}

function checkScalarDefault(typeName, def, where) {
  if (def === null) return;
  if (typeName === 'bool') {
    if (!['true', 'false', '0', '1'].includes(def)) throw new Error(`${where}: bad bool default ${def}`);
    return;
  }
  const range = INTEGER_RANGES[typeName];
  if (range) {
    if (!/^[-+]?(0[xX][0-9a-fA-F]+|\d+)$/.test(def)) throw new Error(`${where}: default ${def} is not an integer`);
    const neg = def.startsWith('-');
    const v = BigInt(def.replace(/^[-+]/, '')) * (neg ? -1n : 1n);
    if (v < range[0] || v > range[1]) throw new Error(`${where}: default ${def} does not fit in ${typeName}`);
    return;
  }
  if (!['nan', 'inf', '+inf', '-inf', 'infinity', '+infinity', '-infinity'].includes(def) && !Number.isFinite(Number(def))) {
    throw new Error(`${where}: default ${def} is not a number`);
  }
}

const PY_LITERALS = { null: 'None', true: 'True', false: 'False' };

/** Prints a JSON-like value as TS or Python source; flat objects and arrays stay on one line. */
export function printValue(value, lang, indent = '') {
  const step = lang === 'ts' ? '  ' : '    ';
  if (value === null || typeof value === 'boolean') return lang === 'python' ? PY_LITERALS[String(value)] : String(value);
  if (typeof value === 'number' || typeof value === 'string') return JSON.stringify(value);
  const flat = (Array.isArray(value) ? value : Object.values(value)).every((v) => v === null || typeof v !== 'object');
  const key = (k) => (lang === 'ts' && /^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
  if (Array.isArray(value)) {
    if (flat) return `[${value.map((v) => printValue(v, lang)).join(', ')}]`;
    return `[\n${value.map((v) => `${indent}${step}${printValue(v, lang, indent + step)},\n`).join('')}${indent}]`;
  }
  const entries = Object.entries(value);
  if (flat) return `{ ${entries.map(([k, v]) => `${key(k)}: ${printValue(v, lang)}`).join(', ')} }`.replace('{  }', '{}');
  return `{\n${entries.map(([k, v]) => `${indent}${step}${key(k)}: ${printValue(v, lang, indent + step)},\n`).join('')}${indent}}`;
}

const EXPLAIN = [
  'The wire layout of every table and union of the protocol schema, walked by the schema-driven verifiers.',
  'Fields are in slot order (a field\'s vtable entry is at byte 4 + 2 * slot); a union field takes two slots,',
  '`<name>_type` (a ubyte scalar) then the offset. Kinds: scalar (size in bytes), string, table, union,',
  'vector_scalar (size = element size), vector_string, vector_table. unions[name][i] = member table of type i (0 = NONE).',
];

export function layoutTs(layout, header) {
  return `${header}${EXPLAIN.map((l) => `// ${l}\n`).join('')}\nexport const LAYOUT = ${printValue(layout, 'ts')} as const;\n`;
}

export function layoutPy(layout, header) {
  return `${header}${EXPLAIN.map((l) => `# ${l}\n`).join('')}\nLAYOUT = ${printValue(layout, 'python')}\n`;
}
