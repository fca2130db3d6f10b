// Spark's string and regular expression functions for the TypeScript SDK (re-exported by functions.ts), by their
// Spark names and argument orders; each only builds the call, the engine's registry implements it.
import { type Expression, lit as litExpr } from '../expr/expression.js';
import { Column, toColumnExpr, toExpr } from './column.js';

type ColumnLike = string | Column;

function call(name: string, args: Expression[]): Column {
  return new Column({ kind: 'unresolvedFunction', name, args, isDistinct: false });
}
const c = (x: ColumnLike): Expression => toColumnExpr(x);
/** A number or string is a literal here (Spark's functions take them as such); a Column passes through. */
const v = (x: Column | string | number): Expression => (Column.isColumn(x) ? x.expr : litExpr(x));
const opt = (...xs: (Column | string | number | undefined)[]) => xs.filter((x) => x !== undefined).map((x) => v(x!));

/** The strings (and string arrays' elements) joined by `sep`, NULLs skipped. */
export function concat_ws(sep: string, ...cols: ColumnLike[]): Column { return call('concat_ws', [litExpr(sep), ...cols.map(c)]); }
/** Left-pads (or cuts) `x` to `len` characters with `pad`. */
export function lpad(x: ColumnLike, len: Column | number, pad: Column | string = ' '): Column { return call('lpad', [c(x), v(len), v(pad)]); }
/** Right-pads (or cuts) `x` to `len` characters with `pad`. */
export function rpad(x: ColumnLike, len: Column | number, pad: Column | string = ' '): Column { return call('rpad', [c(x), v(len), v(pad)]); }
/** `x` repeated `n` times (empty when `n` <= 0). */
export function repeat(x: ColumnLike, n: Column | number): Column { return call('repeat', [c(x), v(n)]); }
/** The characters of a string, or the elements of an array, in reverse order. */
export function reverse(x: ColumnLike): Column { return call('reverse', [c(x)]); }
/** Each character of `x` found in `matching` replaced by the one at the same place in `replace` (deleted past its end). */
export function translate(x: ColumnLike, matching: string, replace: string): Column { return call('translate', [c(x), litExpr(matching), litExpr(replace)]); }
/** The 1-based position of `substr` in `x` (from `start`, the `occurrence`-th), 0 when absent. */
export function instr(x: ColumnLike, substr: Column | string, start?: Column | number, occurrence?: Column | number): Column {
  return call('instr', [c(x), v(substr), ...opt(start ?? (occurrence === undefined ? undefined : 1), occurrence)]);
}
/** The 1-based position of `substr` in `x` at or after `pos`, 0 when absent. */
export function locate(substr: string, x: ColumnLike, pos = 1): Column { return call('locate', [litExpr(substr), c(x), litExpr(pos)]); }
/** As `locate`, with columns. */
export function position(substr: ColumnLike, x: ColumnLike, start?: ColumnLike): Column { return call('position', [c(substr), c(x), ...(start === undefined ? [] : [c(start)])]); }
/** The leftmost `len` characters. */
export function left(x: ColumnLike, len: ColumnLike): Column { return call('left', [c(x), c(len)]); }
/** The rightmost `len` characters. */
export function right(x: ColumnLike, len: ColumnLike): Column { return call('right', [c(x), c(len)]); }
/** The code point of the first character (0 for an empty string). */
export function ascii(x: ColumnLike): Column { return call('ascii', [c(x)]); }
/** The character of code point `n` mod 256 ('' for negative `n`). */
export function chr(n: ColumnLike): Column { return call('chr', [c(n)]); }
/** Same as `chr`. */
export function char(n: ColumnLike): Column { return call('char', [c(n)]); }
/** Lower case with the first letter of every space-separated word in title case. */
export function initcap(x: ColumnLike): Column { return call('initcap', [c(x)]); }
/** `x` without the characters of `trim` (spaces by default) at both ends. */
export function btrim(x: ColumnLike, trim?: ColumnLike): Column { return call('btrim', [c(x), ...(trim === undefined ? [] : [c(trim)])]); }
/** The `partNum`-th piece of `x` split on `delimiter` (from the end when negative), '' when out of range. */
export function split_part(x: ColumnLike, delimiter: ColumnLike, partNum: ColumnLike): Column { return call('split_part', [c(x), c(delimiter), c(partNum)]); }
/** The part of `x` before the `count`-th `delim` (after the `-count`-th from the end when negative). */
export function substring_index(x: ColumnLike, delim: string, count: number): Column { return call('substring_index', [c(x), litExpr(delim), litExpr(count)]); }
/** Every `search` in `x` replaced by `replace` (removed by default). */
export function replace(x: ColumnLike, search: ColumnLike, replaceWith?: ColumnLike): Column { return call('replace', [c(x), c(search), ...(replaceWith === undefined ? [] : [c(replaceWith)])]); }
export function lcase(x: ColumnLike): Column { return call('lcase', [c(x)]); }
export function ucase(x: ColumnLike): Column { return call('ucase', [c(x)]); }
export function char_length(x: ColumnLike): Column { return call('char_length', [c(x)]); }
export function character_length(x: ColumnLike): Column { return call('character_length', [c(x)]); }
/** Bits of the UTF-8 encoding (or of a binary). */
export function bit_length(x: ColumnLike): Column { return call('bit_length', [c(x)]); }
/** Bytes of the UTF-8 encoding (or of a binary). */
export function octet_length(x: ColumnLike): Column { return call('octet_length', [c(x)]); }
/** The 1-based index of `x` in the comma-separated `strArray` (0 when absent). */
export function find_in_set(x: ColumnLike, strArray: ColumnLike): Column { return call('find_in_set', [c(x), c(strArray)]); }
/** The `n`-th input (1-based), NULL when out of range. */
export function elt(...inputs: ColumnLike[]): Column { return call('elt', inputs.map(c)); }
/** `src` with `len` characters from `pos` replaced by `replaceWith` (as many as it has by default). */
export function overlay(src: ColumnLike, replaceWith: ColumnLike, pos: ColumnLike | number, len: ColumnLike | number = -1): Column {
  const n = (x: ColumnLike | number) => (typeof x === 'number' ? litExpr(x) : c(x));
  return call('overlay', [c(src), c(replaceWith), n(pos), n(len)]);
}
/** The edit distance; with `threshold`, -1 when it is exceeded. */
export function levenshtein(l: ColumnLike, r: ColumnLike, threshold?: number): Column { return call('levenshtein', [c(l), c(r), ...(threshold === undefined ? [] : [litExpr(threshold)])]); }
/** The Soundex code. */
export function soundex(x: ColumnLike): Column { return call('soundex', [c(x)]); }

// Regular expressions (Java syntax)
/** True when `x` has a match of `regexp`. */
export function rlike(x: ColumnLike, regexp: ColumnLike): Column { return call('rlike', [c(x), c(regexp)]); }
export function regexp(x: ColumnLike, re: ColumnLike): Column { return call('regexp', [c(x), c(re)]); }
export function regexp_like(x: ColumnLike, re: ColumnLike): Column { return call('regexp_like', [c(x), c(re)]); }
/** Every match of `pattern` replaced by `replacement` (`$n`, `${name}` groups; `\` escapes), from character `position`. */
export function regexp_replace(x: ColumnLike, pattern: Column | string, replacement: Column | string, position?: Column | number): Column {
  return call('regexp_replace', [c(x), v(pattern), v(replacement), ...opt(position)]);
}
/** Group `idx` of the first match ('' when none). */
export function regexp_extract(x: ColumnLike, pattern: string, idx: number): Column { return call('regexp_extract', [c(x), litExpr(pattern), litExpr(idx)]); }
/** Group `idx` (1 by default) of every match. */
export function regexp_extract_all(x: ColumnLike, re: ColumnLike, idx?: Column | number): Column { return call('regexp_extract_all', [c(x), c(re), ...opt(idx)]); }
export function regexp_count(x: ColumnLike, re: ColumnLike): Column { return call('regexp_count', [c(x), c(re)]); }
/** The 1-based position of the first match, 0 when none. */
export function regexp_instr(x: ColumnLike, re: ColumnLike, idx?: Column | number): Column { return call('regexp_instr', [c(x), c(re), ...opt(idx)]); }
/** The first match, NULL when none. */
export function regexp_substr(x: ColumnLike, re: ColumnLike): Column { return call('regexp_substr', [c(x), c(re)]); }
/** Case-insensitive LIKE. */
export function ilike(x: ColumnLike, pattern: ColumnLike, escapeChar?: Column): Column { return call('ilike', [c(x), c(pattern), ...(escapeChar ? [toExpr(escapeChar)] : [])]); }

// Digests and encodings (strings are read as their UTF-8 bytes)
export function md5(x: ColumnLike): Column { return call('md5', [c(x)]); }
export function sha1(x: ColumnLike): Column { return call('sha1', [c(x)]); }
export function sha(x: ColumnLike): Column { return call('sha', [c(x)]); }
/** The SHA-2 digest of `numBits` bits (224, 256, 384, 512; 0 = 256) as hex; NULL for other lengths. */
export function sha2(x: ColumnLike, numBits: number): Column { return call('sha2', [c(x), litExpr(numBits)]); }
export function crc32(x: ColumnLike): Column { return call('crc32', [c(x)]); }
/** Upper-case hex of a bigint, or of the bytes of a string or binary. */
export function hex(x: ColumnLike): Column { return call('hex', [c(x)]); }
export function unhex(x: ColumnLike): Column { return call('unhex', [c(x)]); }
export function base64(x: ColumnLike): Column { return call('base64', [c(x)]); }
export function unbase64(x: ColumnLike): Column { return call('unbase64', [c(x)]); }
export function url_encode(x: ColumnLike): Column { return call('url_encode', [c(x)]); }
export function url_decode(x: ColumnLike): Column { return call('url_decode', [c(x)]); }
/** The bytes of the string in `charset` (utf-8, us-ascii, iso-8859-1, utf-16, utf-16be, utf-16le, utf-32). */
export function encode(x: ColumnLike, charset: string): Column { return call('encode', [c(x), litExpr(charset)]); }
/** The string the bytes spell in `charset`. */
export function decode(x: ColumnLike, charset: string): Column { return call('decode', [c(x), litExpr(charset)]); }
/** The number with thousands grouping, rounded HALF_EVEN to `d` places (or laid out by a DecimalFormat pattern). */
export function format_number(x: ColumnLike, d: number | string): Column { return call('format_number', [c(x), litExpr(d)]); }
