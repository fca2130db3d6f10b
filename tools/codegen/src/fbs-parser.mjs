// A small parser for the subset of the FlatBuffers schema language the protocol uses: include, namespace, enum,
// union, table (scalar/string/vector/table/enum/union fields, defaults, attributes), root_type, file_identifier.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export class FbsSyntaxError extends Error {
  constructor(file, line, message) {
    super(`${file}:${line}: ${message}`);
    this.name = 'FbsSyntaxError';
  }
}

/** Splits schema text into tokens; `///` comments become `doc` tokens, other comments are dropped. */
export function tokenize(text, file = '<schema>') {
  const tokens = [];
  let i = 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '\n') { line++; i++; continue; }
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '/' && text[i + 1] === '/') {
      let end = text.indexOf('\n', i);
      if (end < 0) end = n;
      if (text[i + 2] === '/') tokens.push({ type: 'doc', value: text.slice(i + 3, end).trim(), line });
      i = end;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) throw new FbsSyntaxError(file, line, 'unterminated /* comment');
      for (let k = i; k < end; k++) if (text[k] === '\n') line++;
      i = end + 2;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let value = '';
      while (j < n && text[j] !== '"') {
        if (text[j] === '\n') throw new FbsSyntaxError(file, line, 'unterminated string');
        if (text[j] === '\\') { value += text[j + 1]; j += 2; continue; }
        value += text[j++];
      }
      if (j >= n) throw new FbsSyntaxError(file, line, 'unterminated string');
      tokens.push({ type: 'string', value, line });
      i = j + 1;
      continue;
    }
    const num = /^[-+]?(0[xX][0-9a-fA-F]+|\d+(\.\d*)?([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?)/.exec(text.slice(i, i + 64));
    if (num && (/[\d.]/.test(c) || /[\d.]/.test(text[i + 1] ?? ''))) {
      tokens.push({ type: 'number', value: num[0], line });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(text.slice(i, i + 256));
    if (id) {
      tokens.push({ type: 'ident', value: id[0], line });
      i += id[0].length;
      continue;
    }
    if ('{}()[]:;,='.includes(c)) {
      tokens.push({ type: 'punct', value: c, line });
      i++;
      continue;
    }
    throw new FbsSyntaxError(file, line, `unexpected character ${JSON.stringify(c)}`);
  }
  tokens.push({ type: 'eof', value: '', line });
  return tokens;
}

/** Parses one schema file's text into declarations (not resolving types or includes). */
export function parseFbs(text, file = '<schema>') {
  const toks = tokenize(text, file);
  let pos = 0;
  let namespace = '';
  let pendingDoc = [];
  const out = { file, includes: [], namespace: '', enums: [], unions: [], tables: [], rootType: null, fileIdentifier: null };

  const peek = () => toks[pos];
  const fail = (msg, t = peek()) => { throw new FbsSyntaxError(file, t.line, msg); };
  const next = () => toks[pos++];
  const isPunct = (v) => peek().type === 'punct' && peek().value === v;
  const expectPunct = (v) => {
    const t = next();
    if (t.type !== 'punct' || t.value !== v) fail(`expected '${v}' but found ${describe(t)}`, t);
  };
  const expectIdent = (what) => {
    const t = next();
    if (t.type !== 'ident') fail(`expected ${what} but found ${describe(t)}`, t);
    return t.value;
  };
  const expectString = (what) => {
    const t = next();
    if (t.type !== 'string') fail(`expected ${what} (a quoted string) but found ${describe(t)}`, t);
    return t.value;
  };
  // Doc comments directly before a declaration or field belong to it.
  const takeDocs = () => {
    const docs = [...pendingDoc];
    while (peek().type === 'doc') docs.push(next().value);
    pendingDoc = [];
    return docs.join('\n');
  };
  const skipDocs = () => { while (peek().type === 'doc') next(); };

  const parseAttributes = () => {
    const attrs = {};
    if (!isPunct('(')) return attrs;
    next();
    while (!isPunct(')')) {
      const name = expectIdent('an attribute name');
      let value = true;
      if (isPunct(':')) {
        next();
        const v = next();
        if (v.type !== 'string' && v.type !== 'number' && v.type !== 'ident') fail(`bad value for attribute ${name}`, v);
        value = v.value;
      }
      attrs[name] = value;
      if (isPunct(',')) next();
      else if (!isPunct(')')) fail(`expected ',' or ')' in attributes but found ${describe(peek())}`);
    }
    next();
    return attrs;
  };

  const parseType = () => {
    if (isPunct('[')) {
      next();
      const elem = expectIdent('a vector element type');
      expectPunct(']');
      return { vector: true, name: elem };
    }
    return { vector: false, name: expectIdent('a type') };
  };

  const parseScalarLiteral = () => {
    const t = next();
    if (t.type === 'number' || t.type === 'ident') return t.value;
    return fail(`expected a default value but found ${describe(t)}`, t);
  };

  while (peek().type !== 'eof') {
    const t = peek();
    if (t.type === 'doc') { pendingDoc.push(next().value); continue; }
    if (t.type !== 'ident') fail(`expected a declaration but found ${describe(t)}`);
    const doc = takeDocs();
    const kw = next().value;
    switch (kw) {
      case 'include':
        out.includes.push(expectString('an include path'));
        expectPunct(';');
        break;
      case 'namespace':
        namespace = expectIdent('a namespace');
        out.namespace = namespace;
        expectPunct(';');
        break;
      case 'root_type':
        out.rootType = expectIdent('a table name');
        expectPunct(';');
        break;
      case 'file_identifier': {
        const id = expectString('a file identifier');
        if (Buffer.byteLength(id) !== 4) fail(`file_identifier must be exactly 4 bytes, got ${JSON.stringify(id)}`, t);
        out.fileIdentifier = id;
        expectPunct(';');
        break;
      }
      case 'enum': {
        const name = expectIdent('an enum name');
        expectPunct(':');
        const underlying = expectIdent('the enum underlying type');
        const attrs = parseAttributes();
        if (Object.keys(attrs).length > 0) fail(`enum ${name}: attributes are not supported`);
        expectPunct('{');
        const values = [];
        let nextValue = 0n;
        while (!isPunct('}')) {
          const vdoc = takeDocs();
          const vname = expectIdent('an enum value name');
          if (isPunct('=')) {
            next();
            const v = next();
            if (v.type !== 'number' || !/^[-+]?(0[xX][0-9a-fA-F]+|\d+)$/.test(v.value)) fail(`enum ${name}.${vname}: value must be an integer`, v);
            nextValue = parseInteger(v.value);
          }
          values.push({ name: vname, value: nextValue, doc: vdoc });
          nextValue += 1n;
          skipDocs();
          if (isPunct(',')) next();
          else if (!isPunct('}')) fail(`expected ',' or '}' in enum ${name} but found ${describe(peek())}`);
        }
        next();
        out.enums.push({ name, namespace, underlying, values, doc, line: t.line });
        break;
      }
      case 'union': {
        const name = expectIdent('a union name');
        expectPunct('{');
        const members = [];
        while (!isPunct('}')) {
          const mdoc = takeDocs();
          const mname = expectIdent('a union member (table name)');
          if (isPunct(':') || isPunct('=')) fail(`union ${name}: aliased or numbered members are not supported`);
          members.push({ name: mname, doc: mdoc });
          skipDocs();
          if (isPunct(',')) next();
          else if (!isPunct('}')) fail(`expected ',' or '}' in union ${name} but found ${describe(peek())}`);
        }
        next();
        out.unions.push({ name, namespace, members, doc, line: t.line });
        break;
      }
      case 'table': {
        const name = expectIdent('a table name');
        const attrs = parseAttributes();
        if (Object.keys(attrs).length > 0) fail(`table ${name}: attributes are not supported`);
        expectPunct('{');
        const fields = [];
        while (!isPunct('}')) {
          const fdoc = takeDocs();
          if (isPunct('}')) break;
          const fname = expectIdent('a field name');
          expectPunct(':');
          const type = parseType();
          let def = null;
          if (isPunct('=')) { next(); def = parseScalarLiteral(); }
          const fattrs = parseAttributes();
          for (const a of Object.keys(fattrs)) {
            if (a !== 'required' && a !== 'deprecated') fail(`${name}.${fname}: attribute '${a}' is not supported`);
          }
          expectPunct(';');
          fields.push({ name: fname, type, default: def, required: fattrs.required === true, deprecated: fattrs.deprecated === true, doc: fdoc });
        }
        next();
        out.tables.push({ name, namespace, fields, doc, line: t.line });
        break;
      }
      case 'struct':
        fail('structs are not supported by this parser', t);
        break;
      default:
        fail(`unsupported declaration '${kw}'`, t);
    }
  }
  return out;
}

function parseInteger(s) {
  const neg = s.startsWith('-');
  const body = s.replace(/^[-+]/, '');
  const v = BigInt(body);
  return neg ? -v : v;
}

function describe(t) {
  if (t.type === 'eof') return 'end of file';
  return `${t.type} ${JSON.stringify(t.value)}`;
}

/**
 * Parses the given schema files and every file they include (resolved against the including file's folder,
 * then the include dirs), each once. Returns the parsed files in dependency order (includes first).
 */
export function parseSchemaFiles(entryFiles, includeDirs = [], read = (p) => readFileSync(p, 'utf8')) {
  const done = new Map();
  const visiting = new Set();
  const order = [];
  const visit = (path) => {
    const abs = resolve(path);
    if (done.has(abs)) return;
    if (visiting.has(abs)) throw new Error(`include cycle through ${abs}`);
    visiting.add(abs);
    const parsed = parseFbs(read(abs), abs);
    for (const inc of parsed.includes) {
      const candidates = [join(dirname(abs), inc), ...includeDirs.map((d) => join(d, inc))];
      const found = candidates.find((c) => existsSync(c));
      if (!found) throw new Error(`${abs}: cannot find included file ${JSON.stringify(inc)}`);
      visit(found);
    }
    visiting.delete(abs);
    done.set(abs, parsed);
    order.push(parsed);
  };
  for (const f of entryFiles) visit(f);
  return order;
}
