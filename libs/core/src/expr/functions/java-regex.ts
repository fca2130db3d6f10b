// Java regular expressions (java.util.regex, what Spark runs) translated to JavaScript RegExps with the `v` flag.
// The translation keeps Java's meaning where the two differ: `$` also before a final line terminator, `.` excludes
// every Java line terminator, (?i) folds ASCII case only (unless with `u`), POSIX \p{Alpha} classes are ASCII,
// \v \h \R, \A \z \Z, \Q…\E, class intersection `&&` and nested classes, possessive quantifiers and atomic groups
// (as a captured lookahead). Inline flags apply from where they stand. What JavaScript cannot express (\G, \X,
// Unicode blocks, mid-pattern (?u)) is refused with an error naming the pattern. Compiled patterns are cached.
import { ExecutionError } from '../../errors.js';

/** A translated pattern: the RegExp and where each Java group's value sits in a match array. */
export interface JavaRegex {
  /** The Java pattern. */
  readonly pattern: string;
  readonly re: RegExp;
  /** groups[k] is the index in a match array of Java group k (0 = the whole match). */
  readonly groups: readonly number[];
  /** Java group names to their numbers. */
  readonly names: ReadonlyMap<string, number>;
  readonly groupCount: number;
}

interface Flags {
  i: boolean;
  s: boolean;
  m: boolean;
  x: boolean;
  d: boolean;
  u: boolean;
  U: boolean;
}

class Unsupported extends Error {}
class Syntax extends Error {}

const LT = '\\n\\r\\u{85}\\u{2028}\\u{2029}';

function lit(cp: number): string {
  const c = String.fromCodePoint(cp);
  return /^[0-9A-Za-z_]$/.test(c) ? c : `\\u{${cp.toString(16)}}`;
}

/** Both ASCII cases of a letter, as class items. */
function caseItems(cp: number): string {
  if (cp >= 0x41 && cp <= 0x5a) return lit(cp) + lit(cp + 32);
  if (cp >= 0x61 && cp <= 0x7a) return lit(cp - 32) + lit(cp);
  return lit(cp);
}

// POSIX classes (ASCII, as Java's \p{Alpha} without UNICODE_CHARACTER_CLASS) and java.lang.Character classes.
const POSIX: Record<string, string> = {
  Lower: '[a-z]', Upper: '[A-Z]', ASCII: '[\\u{0}-\\u{7f}]', Alpha: '[a-zA-Z]', Digit: '[0-9]', Alnum: '[a-zA-Z0-9]',
  Punct: '[\\u{21}-\\u{2f}\\u{3a}-\\u{40}\\u{5b}-\\u{60}\\u{7b}-\\u{7e}]', Graph: '[\\u{21}-\\u{7e}]', Print: '[\\u{20}-\\u{7e}]',
  Blank: '[\\u{20}\\t]', Cntrl: '[\\u{0}-\\u{1f}\\u{7f}]', XDigit: '[0-9a-fA-F]', Space: '[\\u{20}\\t\\n\\u{b}\\f\\r]',
  javaLowerCase: '\\p{Lowercase}', javaUpperCase: '\\p{Uppercase}', javaAlphabetic: '\\p{Alphabetic}', javaLetter: '\\p{L}',
  javaDigit: '\\p{Nd}', javaLetterOrDigit: '[\\p{L}\\p{Nd}]', javaTitleCase: '\\p{Lt}', javaIdeographic: '\\p{Ideographic}',
  javaWhitespace: '[\\t\\n\\u{b}\\f\\r\\u{1c}-\\u{1f}[\\p{Z}--[\\u{a0}\\u{2007}\\u{202f}]]]', javaSpaceChar: '\\p{Z}',
  javaMirrored: '\\p{Bidi_Mirrored}', javaISOControl: '[\\u{0}-\\u{1f}\\u{7f}-\\u{9f}]',
};
const BINARY_PROPS: Record<string, string> = {
  alphabetic: 'Alphabetic', ideographic: 'Ideographic', letter: 'L', lowercase: 'Lowercase', uppercase: 'Uppercase',
  titlecase: 'Lt', punctuation: 'P', control: 'Cc', white_space: 'White_Space', whitespace: 'White_Space', digit: 'Nd',
  hex_digit: 'Hex_Digit', hexdigit: 'Hex_Digit', join_control: 'Join_Control', joincontrol: 'Join_Control',
  noncharacter_code_point: 'Noncharacter_Code_Point', assigned: 'Assigned', emoji: 'Emoji',
};
const CATEGORIES = new Set(['L', 'Lu', 'Ll', 'Lt', 'Lm', 'Lo', 'M', 'Mn', 'Mc', 'Me', 'N', 'Nd', 'Nl', 'No', 'P', 'Pc', 'Pd', 'Ps', 'Pe', 'Pi', 'Pf', 'Po', 'S', 'Sm', 'Sc', 'Sk', 'So', 'Z', 'Zs', 'Zl', 'Zp', 'C', 'Cc', 'Cf', 'Cs', 'Co', 'Cn', 'LC']);

/** A \p{name} property as a v-flag class operand (positive form). */
function property(name: string): string {
  if (POSIX[name]) return POSIX[name]!;
  if (name === 'all') return '[\\s\\S]';
  if (CATEGORIES.has(name)) return `\\p{${name}}`;
  const is = name.startsWith('Is') ? name.slice(2) : null;
  if (is !== null) {
    if (CATEGORIES.has(is)) return `\\p{${is}}`;
    const b = BINARY_PROPS[is.toLowerCase()];
    if (b) return `\\p{${b}}`;
    return `\\p{Script=${is}}`;
  }
  const eq = /^(gc|general_category|sc|script|scx|script_extensions)=(.+)$/i.exec(name);
  if (eq) {
    const key = eq[1]!.toLowerCase();
    return key === 'gc' || key === 'general_category' ? `\\p{gc=${eq[2]}}` : key.startsWith('scx') || key === 'script_extensions' ? `\\p{scx=${eq[2]}}` : `\\p{sc=${eq[2]}}`;
  }
  if (name.startsWith('In') || /^blk=|^block=/i.test(name)) throw new Unsupported(`the Unicode block \\p{${name}}`);
  throw new Syntax(`Unknown character property name {${name}}`);
}

function negate(cls: string): string {
  if (cls.startsWith('\\p{')) return `\\P${cls.slice(2)}`;
  return `[^${cls}]`;
}

class Translator {
  pos = 0;
  private javaGroups = 0;
  private readonly order: string[] = []; // capturing groups in emitted order: 'g<k>' (Java group k) or 'h' (helper)
  readonly names = new Map<string, number>();
  private flags: Flags;
  globalI = false;

  constructor(private readonly p: string, flags: Flags) {
    this.flags = flags;
  }

  get groupCount(): number {
    return this.javaGroups;
  }

  groupIndices(): number[] {
    const out = new Array<number>(this.javaGroups + 1).fill(0);
    this.order.forEach((g, k) => {
      if (g !== 'h') out[Number(g.slice(1))] = k + 1;
    });
    return out;
  }

  private peek(k = 0): string | undefined {
    return this.p[this.pos + k];
  }

  private cp(): number {
    const c = this.p.codePointAt(this.pos)!;
    this.pos += c > 0xffff ? 2 : 1;
    return c;
  }

  private skipComments(): void {
    if (!this.flags.x) return;
    for (;;) {
      const c = this.peek();
      if (c !== undefined && /\s/.test(c)) this.pos++;
      else if (c === '#') while (this.pos < this.p.length && this.p[this.pos] !== '\n') this.pos++;
      else return;
    }
  }

  /** A whole alternation up to `)` or the end; returns its JS text. */
  alternation(): string {
    const saved = { ...this.flags };
    const alts: string[] = [this.sequence()];
    while (this.peek() === '|') {
      this.pos++;
      alts.push(this.sequence());
    }
    this.flags = saved;
    return alts.join('|');
  }

  private sequence(): string {
    const atoms: string[] = [];
    for (;;) {
      this.skipComments();
      const c = this.peek();
      if (c === undefined || c === '|' || c === ')') break;
      const q = this.quantifier();
      if (q !== null) {
        if (atoms.length === 0) throw new Syntax(`Dangling meta character '${c}'`);
        const last = atoms.length - 1;
        atoms[last] = this.quantified(atoms[last]!, q);
        continue;
      }
      const a = this.atom();
      if (a !== null) atoms.push(a);
    }
    return atoms.join('');
  }

  /** A quantifier at the current position: [text, possessive], or null. */
  private quantifier(): [string, boolean] | null {
    const c = this.peek();
    let q: string;
    if (c === '*' || c === '+' || c === '?') {
      this.pos++;
      q = c;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.p.slice(this.pos));
      if (!m) throw new Syntax('Illegal repetition');
      this.pos += m[0].length;
      q = m[0];
    } else return null;
    if (this.peek() === '?') {
      this.pos++;
      return [q + '?', false];
    }
    if (this.peek() === '+') {
      this.pos++;
      return [q, true];
    }
    return [q, false];
  }

  private quantified(atom: string, [q, possessive]: [string, boolean]): string {
    if (!possessive) return `(?:${atom})${q}`;
    return this.atomic(`(?:${atom})${q}`);
  }

  /** An atomic group: a captured lookahead, then a backreference to what it took. */
  private atomic(body: string): string {
    this.order.push('h');
    const k = this.order.length;
    return `(?=(?<h${k}>${body}))\\k<h${k}>`;
  }

  private atom(): string | null {
    const c = this.peek()!;
    switch (c) {
      case '(':
        return this.group();
      case '[':
        this.pos++;
        return this.charClass();
      case '.':
        this.pos++;
        return this.flags.s ? '[\\s\\S]' : this.flags.d ? '[^\\n]' : `[^${LT}]`;
      case '^':
        this.pos++;
        if (!this.flags.m) return '(?<![\\s\\S])';
        return this.flags.d ? '(?:(?<![\\s\\S])|(?<=\\n)(?=[\\s\\S]))' : `(?:(?<![\\s\\S])|(?<=[\\n\\u{85}\\u{2028}\\u{2029}]|\\r(?!\\n))(?=[\\s\\S]))`;
      case '$':
        this.pos++;
        if (this.flags.d) return this.flags.m ? '(?=\\n|(?![\\s\\S]))' : '(?=\\n?(?![\\s\\S]))';
        return this.flags.m ? `(?!(?<=\\r)\\n)(?=[${LT}]|(?![\\s\\S]))` : `(?!(?<=\\r)\\n(?![\\s\\S]))(?=(?:\\r\\n|[${LT}])?(?![\\s\\S]))`;
      case '\\':
        return this.escape(false);
      case '*':
      case '+':
      case '?':
        throw new Syntax(`Dangling meta character '${c}'`);
      case '{':
        throw new Syntax('Illegal repetition');
      default: {
        const cp = this.cp();
        return this.flags.i && !this.globalI ? `[${caseItems(cp)}]` : lit(cp);
      }
    }
  }

  private group(): string | null {
    this.pos++; // (
    let prefix: string;
    let capture: string | null = null;
    if (this.peek() === '?') {
      this.pos++;
      const c = this.peek();
      if (c === ':' || c === '=' || c === '!') {
        this.pos++;
        prefix = `(?${c}`;
      } else if (c === '<' && (this.peek(1) === '=' || this.peek(1) === '!')) {
        prefix = `(?<${this.peek(1)}`;
        this.pos += 2;
      } else if (c === '<') {
        const m = /^<([a-zA-Z][a-zA-Z0-9]*)>/.exec(this.p.slice(this.pos));
        if (!m) throw new Syntax('named capturing group is missing trailing \'>\'');
        this.pos += m[0].length;
        if (this.names.has(m[1]!)) throw new Syntax(`Named capturing group <${m[1]}> is already defined`);
        capture = m[1]!;
        prefix = '';
      } else if (c === '>') {
        this.pos++;
        const body = this.alternation();
        this.close();
        return this.atomic(body);
      } else {
        // Inline flags: (?idmsux-idmsux) for the rest of the enclosing group, or (?flags:X) for X only.
        const m = /^([idmsuxU]*)(?:-([idmsuxU]*))?([:)])/.exec(this.p.slice(this.pos));
        if (!m) throw new Syntax('Unknown inline modifier');
        this.pos += m[0].length;
        const saved = { ...this.flags };
        this.applyFlags(m[1]!, true);
        this.applyFlags(m[2] ?? '', false);
        if (m[3] === ')') return null;
        const body = this.alternation();
        this.close();
        this.flags = saved;
        return `(?:${body})`;
      }
    } else {
      prefix = '';
      capture = '';
    }
    if (capture !== null) {
      const k = ++this.javaGroups;
      if (capture) this.names.set(capture, k);
      this.order.push(`g${k}`);
      prefix = `(?<g${k}>`;
    }
    const body = this.alternation();
    this.close();
    return `${prefix}${body})`;
  }

  private applyFlags(letters: string, on: boolean): void {
    for (const f of letters) {
      // Unicode case folding can only be the RegExp's own `i` flag, set when the pattern starts with (?iu).
      if (on && !this.globalI && ((f === 'u' && (this.flags.i || letters.includes('i'))) || (f === 'i' && this.flags.u))) {
        throw new Unsupported('Unicode case folding ((?iu)) after the start of the pattern');
      }
      (this.flags as unknown as Record<string, boolean>)[f] = on;
    }
  }

  private close(): void {
    if (this.peek() !== ')') throw new Syntax('Unclosed group');
    this.pos++;
  }

  /** An escape outside (inClass false) or inside a class: its JS text (a class operand inside classes). */
  private escape(inClass: boolean): string {
    this.pos++; // backslash
    const c = this.peek();
    if (c === undefined) throw new Syntax('Unexpected internal error');
    const U = this.flags.U;
    this.pos++;
    switch (c) {
      case 'd': return U ? '\\p{Nd}' : '[0-9]';
      case 'D': return U ? '\\P{Nd}' : '[^0-9]';
      case 'w': return U ? '[\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}]' : '[a-zA-Z0-9_]';
      case 'W': return U ? '[^\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}]' : '[^a-zA-Z0-9_]';
      case 's': return U ? '\\p{White_Space}' : '[\\u{20}\\t\\n\\u{b}\\f\\r]';
      case 'S': return U ? '\\P{White_Space}' : '[^\\u{20}\\t\\n\\u{b}\\f\\r]';
      case 'h': return '[\\u{20}\\t\\u{a0}\\u{1680}\\u{180e}\\u{2000}-\\u{200a}\\u{202f}\\u{205f}\\u{3000}]';
      case 'H': return '[^\\u{20}\\t\\u{a0}\\u{1680}\\u{180e}\\u{2000}-\\u{200a}\\u{202f}\\u{205f}\\u{3000}]';
      case 'v': return '[\\n\\u{b}\\f\\r\\u{85}\\u{2028}\\u{2029}]';
      case 'V': return '[^\\n\\u{b}\\f\\r\\u{85}\\u{2028}\\u{2029}]';
      case 'p':
      case 'P': {
        let name: string;
        if (this.peek() === '{') {
          const end = this.p.indexOf('}', this.pos);
          if (end < 0) throw new Syntax('Unclosed character family');
          name = this.p.slice(this.pos + 1, end);
          this.pos = end + 1;
        } else name = this.p[this.pos++] ?? '';
        let neg = c === 'P';
        if (name.startsWith('^')) {
          neg = !neg;
          name = name.slice(1);
        }
        const cls = property(name);
        return neg ? negate(cls) : cls;
      }
      case 'Q': {
        const end = this.p.indexOf('\\E', this.pos);
        const text = this.p.slice(this.pos, end < 0 ? this.p.length : end);
        this.pos = end < 0 ? this.p.length : end + 2;
        const cps = [...text].map((x) => x.codePointAt(0)!);
        if (inClass) return cps.map(lit).join('');
        return cps.map((x) => (this.flags.i && !this.globalI ? `[${caseItems(x)}]` : lit(x))).join('');
      }
      case 'E':
        return '';
      case 't': return '\\t';
      case 'n': return '\\n';
      case 'r': return '\\r';
      case 'f': return '\\f';
      case 'a': return '\\u{7}';
      case 'e': return '\\u{1b}';
      case 'c': {
        const x = this.peek();
        if (x === undefined) throw new Syntax('Illegal control escape sequence');
        this.pos++;
        return lit(x.charCodeAt(0) ^ 64);
      }
      case 'x': {
        const m = /^\{([0-9a-fA-F]+)\}|^([0-9a-fA-F]{2})/.exec(this.p.slice(this.pos));
        if (!m) throw new Syntax('Illegal hexadecimal escape sequence');
        this.pos += m[0].length;
        return this.literalCp(parseInt(m[1] ?? m[2]!, 16), inClass);
      }
      case 'u': {
        const m = /^[0-9a-fA-F]{4}/.exec(this.p.slice(this.pos));
        if (!m) throw new Syntax('Illegal Unicode escape sequence');
        this.pos += 4;
        return this.literalCp(parseInt(m[0], 16), inClass);
      }
      case '0': {
        const m = /^[0-3][0-7]{2}|^[0-7]{1,2}/.exec(this.p.slice(this.pos));
        if (!m) throw new Syntax('Illegal octal escape sequence');
        this.pos += m[0].length;
        return this.literalCp(parseInt(m[0], 8), inClass);
      }
      case 'k': {
        const m = /^<([a-zA-Z][a-zA-Z0-9]*)>/.exec(this.p.slice(this.pos));
        if (!m || inClass) throw new Syntax('\\k is not followed by \'<\' for named capturing group');
        this.pos += m[0].length;
        const g = this.names.get(m[1]!);
        if (g === undefined) throw new Syntax(`named capturing group <${m[1]}> does not exist`);
        return `\\k<g${g}>`;
      }
      case 'b':
        if (inClass) throw new Syntax('Illegal/unsupported escape sequence');
        if (this.peek() === '{') throw new Unsupported('\\b{g}');
        if (U) throw new Unsupported('\\b under (?U)');
        return '\\b';
      case 'B':
        if (inClass) throw new Syntax('Illegal/unsupported escape sequence');
        return '\\B';
      case 'A': return '(?<![\\s\\S])';
      case 'z': return '(?![\\s\\S])';
      case 'Z': return `(?!(?<=\\r)\\n(?![\\s\\S]))(?=(?:\\r\\n|[${LT}])?(?![\\s\\S]))`;
      case 'R':
        if (inClass) throw new Syntax('Illegal/unsupported escape sequence');
        return '(?:\\r\\n|[\\n\\u{b}\\f\\r\\u{85}\\u{2028}\\u{2029}])';
      case 'G': throw new Unsupported('\\G');
      case 'X': throw new Unsupported('\\X');
      case 'N': throw new Unsupported('\\N{name}');
      default: {
        if (c >= '1' && c <= '9') {
          if (inClass) throw new Syntax('Illegal/unsupported escape sequence');
          // Java reads as many digits as still name an existing group.
          let ref = Number(c);
          while (this.peek() !== undefined && /[0-9]/.test(this.peek()!) && ref * 10 + Number(this.peek()) <= this.javaGroups) ref = ref * 10 + Number(this.p[this.pos++]);
          // A reference to a group not (yet) defined never matches in Java.
          return ref <= this.javaGroups ? `\\k<g${ref}>` : '(?!)';
        }
        if (/[a-zA-Z]/.test(c)) throw new Syntax('Illegal/unsupported escape sequence');
        this.pos--;
        return this.literalCp(this.cp(), inClass);
      }
    }
  }

  private literalCp(cp: number, inClass: boolean): string {
    if (inClass) return lit(cp);
    return this.flags.i && !this.globalI ? `[${caseItems(cp)}]` : lit(cp);
  }

  /** A class after its `[`: union items, `&&` intersections, nested classes, ranges. */
  private charClass(): string {
    let neg = false;
    if (this.peek() === '^') {
      neg = true;
      this.pos++;
    }
    const operands: string[] = [];
    let items = '';
    let first = true;
    for (;;) {
      if (this.flags.x) while (this.peek() !== undefined && /\s/.test(this.peek()!)) this.pos++;
      const c = this.peek();
      if (c === undefined) throw new Syntax('Unclosed character class');
      if (c === ']' && !first) {
        this.pos++;
        break;
      }
      first = false;
      if (c === '&' && this.peek(1) === '&') {
        this.pos += 2;
        operands.push(items);
        items = '';
        continue;
      }
      if (c === '[') {
        this.pos++;
        items += this.charClass();
        continue;
      }
      let lo: number | null = null;
      let text: string;
      if (c === '\\') {
        text = this.escape(true);
        // A single escaped character can start a range; class escapes cannot.
        const one = /^(?:\\u\{([0-9a-f]+)\}|([0-9A-Za-z_])|\\([tnrf]))$/.exec(text);
        if (one) lo = one[1] ? parseInt(one[1], 16) : one[2] ? one[2].codePointAt(0)! : { t: 9, n: 10, r: 13, f: 12 }[one[3] as 't']!;
      } else {
        lo = this.cp();
        text = lit(lo);
      }
      if (lo !== null && this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined && this.peek(1) !== '[') {
        this.pos++;
        let hi: number;
        if (this.peek() === '\\') {
          const t = this.escape(true);
          const one = /^(?:\\u\{([0-9a-f]+)\}|([0-9A-Za-z_]))$/.exec(t);
          if (!one) throw new Syntax('Illegal character range');
          hi = one[1] ? parseInt(one[1], 16) : one[2]!.codePointAt(0)!;
        } else hi = this.cp();
        if (hi < lo) throw new Syntax('Illegal character range');
        items += `${lit(lo)}-${lit(hi)}`;
        if (this.flags.i && !this.globalI) items += this.caseRange(lo, hi);
        continue;
      }
      items += lo !== null && this.flags.i && !this.globalI ? caseItems(lo) : text;
    }
    operands.push(items);
    const body = operands.length === 1 ? operands[0]! : operands.map((o) => `[${o}]`).join('&&');
    if (body === '') return neg ? '[\\s\\S]' : '(?!)';
    return `[${neg ? '^' : ''}${body}]`;
  }

  /** The other-case ASCII letters of the range [lo, hi], as class items. */
  private caseRange(lo: number, hi: number): string {
    let out = '';
    const a = Math.max(lo, 0x41);
    const b = Math.min(hi, 0x5a);
    if (a <= b) out += `${lit(a + 32)}-${lit(b + 32)}`;
    const c = Math.max(lo, 0x61);
    const d = Math.min(hi, 0x7a);
    if (c <= d) out += `${lit(c - 32)}-${lit(d - 32)}`;
    return out;
  }
}

const cache = new Map<string, JavaRegex>();
const CACHE_SIZE = 256;

/** The JavaScript form of Java pattern `pattern`, or Spark's error for an invalid one (`fn` names the function). */
export function compileJavaRegex(pattern: string, fn: string): JavaRegex {
  const hit = cache.get(pattern);
  if (hit) return hit;
  const flags: Flags = { i: false, s: false, m: false, x: false, d: false, u: false, U: false };
  let jsFlags = 'v';
  // Flags at the very start may become the RegExp's own: (?iu) then folds case as Unicode does, as in Java.
  const lead = /^\(\?([idmsuxU]+)\)/.exec(pattern);
  const t = new Translator(pattern, flags);
  if (lead && lead[1]!.includes('i') && lead[1]!.includes('u')) {
    jsFlags += 'i';
    t.globalI = true;
  }
  let source: string;
  try {
    source = t.alternation();
    if (t.pos < pattern.length) throw new Syntax('Unmatched closing \')\'');
  } catch (e) {
    if (e instanceof Unsupported) {
      throw new ExecutionError('UNSUPPORTED_FEATURE.JAVA_REGEXP', `The regular expression '${pattern}' of \`${fn}\` uses ${e.message}, which Kindling cannot run (it translates Java patterns to JavaScript).`, { pattern, functionName: `\`${fn}\`` });
    }
    if (e instanceof Syntax) throw invalidPattern(pattern, fn);
    throw e;
  }
  let re: RegExp;
  try {
    re = new RegExp(source, jsFlags + 'g');
  } catch {
    throw invalidPattern(pattern, fn);
  }
  const out: JavaRegex = { pattern, re, groups: t.groupIndices(), names: t.names, groupCount: t.groupCount };
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(pattern, out);
  return out;
}

export function invalidPattern(pattern: string, fn: string): ExecutionError {
  return new ExecutionError('INVALID_PARAMETER_VALUE.PATTERN', `The value of parameter(s) \`regexp\` in \`${fn}\` is invalid: '${pattern}'.`, { parameter: '`regexp`', functionName: `\`${fn}\`` });
}

