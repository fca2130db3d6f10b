// quote, luhn_check, the UTF-8 checks (is_valid_utf8, validate_utf8, try_validate_utf8, make_valid_utf8),
// parse_url/try_parse_url (java.net.URI's parts), try_url_decode and version, plus `tryVariant`, which turns a
// function's row errors into NULLs as Spark's try_ functions do.
import type * as arrow from 'apache-arrow';
import { ExecutionError, IllegalArgumentError, KindlingError } from '../../errors.js';
import { BooleanT, fromArrowType, StringT } from '../../types/data-type.js';
import type { EvalContext } from '../eval/evaluate.js';
import { bit, stringParts, validityOf } from '../eval/columns.js';
import { decodeUtf8, StringBuilder } from '../eval/strings.js';
import { buildColumn, valueReader } from '../eval/values.js';
import type { ScalarFunction } from '../expression.js';
import type { ScalarFunctionDef } from './function-def.js';
import { signature } from './string-args.js';
import { urlDecode } from './digests.js';

/** `def` under a try_ name: a row whose evaluation raises gives NULL instead (rows are retried one by one). */
export function tryVariant(name: string, def: ScalarFunctionDef): ScalarFunctionDef {
  return {
    ...def,
    name,
    aliases: [],
    eval(args: readonly arrow.Data[], n: number, ctx: EvalContext, call?: ScalarFunction) {
      try {
        return def.eval(args, n, ctx, call);
      } catch (e) {
        if (!(e instanceof KindlingError)) throw e;
      }
      const type = call ? call.dataType : fromArrowType(def.eval(args.map((a) => a.slice(0, 0)), 0, ctx, call).type);
      const values: unknown[] = [];
      for (let i = 0; i < n; i++) {
        try {
          const one = def.eval(args.map((a) => a.slice(i, 1)), 1, ctx, call);
          values.push(valueReader(one, type)(0));
        } catch (e) {
          if (!(e instanceof KindlingError)) throw e;
          values.push(null);
        }
      }
      return buildColumn(type, values);
    },
  };
}

/** A string function of one string argument, row by row over decoded JS strings (NULL in, NULL out). */
function stringMap(name: string, f: (s: string) => string | boolean | null, out: 'string' | 'boolean', description: string): ScalarFunctionDef {
  return {
    name,
    resolve: (argTypes) => signature(name, argTypes, ['str'], 1, out === 'string' ? StringT : BooleanT, '1'),
    eval(args: readonly arrow.Data[], n: number) {
      const read = valueReader(args[0]!, StringT) as (i: number) => string | null;
      return buildColumn(out === 'string' ? StringT : BooleanT, Array.from({ length: n }, (_, i) => {
        const s = read(i);
        return s === null ? null : f(s);
      }));
    },
    doc: { description, example: `df.select(${name}(col('s')))` },
  };
}

export const quote = stringMap('quote', (s) => `'${s.replaceAll("'", "\\'")}'`, 'string', "The string in single quotes, its quotes escaped with a backslash (Spark's QUOTE).");

export const luhnCheck = stringMap('luhn_check', (s) => {
  if (s.length === 0 || !/^[0-9]+$/.test(s)) return false;
  let sum = 0;
  for (let i = s.length - 1, k = 0; i >= 0; i--, k++) {
    let d = s.charCodeAt(i) - 48;
    if (k % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}, 'boolean', 'True when the string of digits passes the Luhn checksum (false for empty strings and non-digits).');

// ---------------------------------------------------------------------------------------------------------------------
// UTF-8 validity: over the bytes, as binaries cast to string keep them.

const STRICT = new TextDecoder('utf-8', { fatal: true });
const LENIENT = new TextDecoder('utf-8', { fatal: false });

function validUtf8(bytes: Uint8Array): boolean {
  try {
    STRICT.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function byteRows(d: arrow.Data, n: number, f: (bytes: Uint8Array) => unknown, type: typeof StringT | typeof BooleanT): arrow.Data {
  const { offsets, bytes } = stringParts(d);
  const valid = validityOf(d);
  const values: unknown[] = [];
  for (let i = 0; i < n; i++) values.push(valid && !bit(valid, i) ? null : f(bytes.subarray(offsets[i]!, offsets[i + 1]!)));
  return buildColumn(type, values);
}

function utf8Function(name: string, type: typeof StringT | typeof BooleanT, f: (b: Uint8Array) => unknown, description: string): ScalarFunctionDef {
  return {
    name,
    resolve: (argTypes) => signature(name, argTypes, ['str'], 1, type, '1'),
    eval: (args: readonly arrow.Data[], n: number) => byteRows(args[0]!, n, f, type),
    doc: { description, example: `df.select(${name}(col('s')))` },
  };
}

const hexBytes = (b: Uint8Array) => Array.from(b, (x) => `\\x${x.toString(16).toUpperCase().padStart(2, '0')}`).join('');

export const isValidUtf8 = utf8Function('is_valid_utf8', BooleanT, validUtf8, 'True when the string is a valid UTF-8 byte sequence.');
export const makeValidUtf8 = utf8Function('make_valid_utf8', StringT, (b) => LENIENT.decode(b), 'The string with each invalid UTF-8 sequence replaced by U+FFFD.');
export const validateUtf8 = utf8Function('validate_utf8', StringT, (b) => {
  if (validUtf8(b)) return decodeUtf8(b, 0, b.length);
  const str = hexBytes(b);
  throw new IllegalArgumentError('INVALID_UTF8_STRING', `Invalid UTF8 byte sequence found in string: ${str}.`, { str });
}, 'The string when it is valid UTF-8; otherwise an INVALID_UTF8_STRING error.');
export const tryValidateUtf8 = utf8Function('try_validate_utf8', StringT, (b) => (validUtf8(b) ? decodeUtf8(b, 0, b.length) : null), 'The string when it is valid UTF-8, else NULL.');

// ---------------------------------------------------------------------------------------------------------------------
// parse_url: the parts java.net.URI gives (raw path, query, fragment, authority, user info); a string URI does not
// parse → NULL (Spark raises INVALID_URL only in ANSI mode).

type Uri = { scheme: string | null; authority: string | null; userInfo: string | null; host: string | null; path: string | null; query: string | null; fragment: string | null };

const URI_RE = /^(?:([^:/?#]+):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/su;
// Characters java.net.URI accepts unescaped: unreserved, reserved, '%' escapes, and non-ASCII "other" characters.
const LEGAL = /^(?:[A-Za-z0-9\-_.!~*'();/?:@&=+$,[\]#]|%[0-9A-Fa-f]{2}|[^\p{ASCII}\s\p{Cc}])*$/u;

export function parseUri(s: string): Uri | null {
  if (!LEGAL.test(s) || (s.match(/#/g)?.length ?? 0) > 1) return null;
  const m = URI_RE.exec(s);
  if (!m) return null;
  const scheme = m[1] ?? null;
  if (scheme !== null && !/^[A-Za-z][A-Za-z0-9+\-.]*$/.test(scheme)) return null;
  const fragment = m[5] ?? null;
  if (scheme !== null && m[2] === undefined && !m[3]!.startsWith('/')) {
    // Opaque (mailto:a@b): no path, query or authority.
    if (m[3] === '' && m[4] === undefined) return null;
    return { scheme, authority: null, userInfo: null, host: null, path: null, query: null, fragment };
  }
  const authority = m[2] === undefined || m[2] === '' ? null : m[2];
  let userInfo: string | null = null;
  let host: string | null = null;
  if (authority !== null) {
    const at = authority.lastIndexOf('@');
    const hostPort = at >= 0 ? authority.slice(at + 1) : authority;
    if (at >= 0) userInfo = authority.slice(0, at);
    const hm = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]*)(?::(\d*))?$/.exec(hostPort);
    // A registry-based authority (not host[:port]) has no host, as in java.net.URI.
    if (hm && hm[1] !== '' && !/^[.-]|[.-]$/.test(hm[1]!.replace(/^\[.*\]$/, 'x'))) host = hm[1]!;
    else userInfo = null;
  }
  return { scheme, authority, userInfo, host, path: m[3]!, query: m[4] ?? null, fragment };
}

function urlPart(u: Uri, part: string): string | null {
  switch (part) {
    case 'HOST': return u.host;
    case 'PATH': return u.path;
    case 'QUERY': return u.query;
    case 'REF': return u.fragment;
    case 'PROTOCOL': return u.scheme;
    case 'FILE': return u.path === null ? null : u.query !== null ? `${u.path}?${u.query}` : u.path;
    case 'AUTHORITY': return u.authority;
    case 'USERINFO': return u.userInfo;
    default: return null;
  }
}

function queryValue(query: string, key: string): string | null {
  const esc = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`(&|^)${esc}=([^&]*)`).exec(query);
  return m ? m[2]! : null;
}

function parseUrlFunction(name: string, ansiError: boolean): ScalarFunctionDef {
  return {
    name,
    // INVALID_URL is raised only under ANSI, so constant folding (run in ANSI mode) leaves it for run time.
    ansiDependent: ansiError,
    resolve: (argTypes) => signature(name, argTypes, ['str', 'str', 'str'], 2, StringT, '[2, 3]'),
    eval(args: readonly arrow.Data[], n: number, ctx: EvalContext) {
      const [url, part, key] = args.map((a) => valueReader(a, StringT) as (i: number) => string | null);
      const out = new StringBuilder(n);
      for (let i = 0; i < n; i++) {
        const s = url!(i);
        const p = part!(i);
        const k = key ? key(i) : undefined;
        let r: string | null = null;
        if (s !== null && p !== null && k !== null) {
          const u = parseUri(s);
          if (!u && ansiError && ctx.ansi) {
            throw new ExecutionError('INVALID_URL', `The url is invalid: ${s}. Use \`try_parse_url\` to tolerate invalid URL and return NULL instead.`, { url: s });
          }
          if (u) {
            r = urlPart(u, p);
            if (k !== undefined) r = p === 'QUERY' && r !== null ? queryValue(r, k) : null;
          }
        }
        if (r === null) out.appendNull();
        else out.appendString(r);
      }
      return out.finish();
    },
    doc: { description: 'A part of a URL: HOST, PATH, QUERY (or one key of it), REF, PROTOCOL, FILE, AUTHORITY or USERINFO; NULL when the URL does not parse.', example: `df.select(${name}(col('url'), lit('HOST')))` },
  };
}

export const parseUrl = parseUrlFunction('parse_url', true);
export const tryParseUrl = parseUrlFunction('try_parse_url', false);
export const tryUrlDecode = tryVariant('try_url_decode', urlDecode);

/** The Spark release Kindling answers to (its API and results), as version() reports it: "<version> <revision>". */
export const SPARK_VERSION = '4.3.0';
export const version: ScalarFunctionDef = {
  name: 'version',
  resolve: (argTypes) => (argTypes.length === 0 ? { argTypes: [], dataType: StringT, nullable: () => false } : { error: `The \`version\` requires 0 parameters but the actual number is ${argTypes.length}.` }),
  eval: (_args: readonly arrow.Data[], n: number) => buildColumn(StringT, new Array<string>(n).fill(`${SPARK_VERSION} kindling`)),
  doc: { description: 'The Spark version Kindling implements and its build: "4.3.0 kindling".', example: 'df.select(version())' },
};

export const STRING_EXTRA_FUNCTIONS: readonly ScalarFunctionDef[] = [
  quote, luhnCheck, isValidUtf8, makeValidUtf8, validateUtf8, tryValidateUtf8, parseUrl, tryParseUrl, tryUrlDecode, version,
];
