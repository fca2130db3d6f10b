// A cursor over tokens with the small vocabulary the parsers share: peek/accept/expect words and operators,
// and errors that point at the current token.
import { ParseError, syntaxError } from './parse-error.js';
import type { Token } from './tokenizer.js';

export class TokenStream {
  private i = 0;

  constructor(
    readonly sql: string,
    private readonly tokens: readonly Token[],
  ) {}

  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.i + ahead, this.tokens.length - 1)]!;
  }

  next(): Token {
    const t = this.peek();
    if (this.i < this.tokens.length - 1) this.i++;
    return t;
  }

  get position(): number {
    return this.i;
  }

  reset(position: number): void {
    this.i = position;
  }

  /** True when the token `ahead` is the (unquoted, case-insensitive) keyword `w`. */
  isWord(w: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'word' && t.text.toUpperCase() === w;
  }

  isOp(op: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'op' && t.text === op;
  }

  acceptWord(...words: string[]): boolean {
    if (!words.every((w, k) => this.isWord(w, k))) return false;
    for (let k = 0; k < words.length; k++) this.next();
    return true;
  }

  acceptOp(op: string): boolean {
    if (!this.isOp(op)) return false;
    this.next();
    return true;
  }

  expectWord(...words: string[]): void {
    for (const w of words) {
      if (!this.acceptWord(w)) throw this.error(`expected '${w}'`);
    }
  }

  expectOp(op: string): void {
    if (!this.acceptOp(op)) throw this.error(`expected '${op}'`);
  }

  /**
   * PARSE_SYNTAX_ERROR at the current token (or at `t`). `expected` documents what the grammar wanted at the call
   * site; the message leaves it out, as Spark's "Syntax error at or near 'x'." does.
   */
  error(expected = '', t: Token = this.peek()): ParseError {
    void expected;
    return syntaxError(this.sql, t.kind === 'eof' ? null : t.raw, t.line, t.pos);
  }

  /** Another error class, at the current token (or at `t`): for valid syntax Kindling does not support. */
  unsupported(errorClass: string, message: string, t: Token = this.peek()): ParseError {
    return new ParseError(errorClass, message, t.line, t.pos, this.sql, {}, Math.max(1, t.raw.length));
  }
}
