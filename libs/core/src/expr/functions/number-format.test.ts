// to_number and to_char with Spark's number formats (answers from Spark 4).
import { describe, expect, it } from 'vitest';
import { DecimalT } from '../../types/data-type.js';
import { formatNumber, parseNumberFormat } from './number-format.js';

const fmt = (value: bigint, scale: number, f: string) => formatNumber(parseNumberFormat(f), value, scale);

describe('number formats', () => {
  it('give to_number its decimal type', () => {
    for (const [f, p, s] of [['999', 3, 0], ['000.00', 5, 2], ['$99.99', 4, 2], ['99,999.9S', 6, 1]] as const) {
      const parsed = parseNumberFormat(f);
      expect(DecimalT(parsed.precision, parsed.scale)).toEqual(DecimalT(p, s));
    }
    expect(() => parseNumberFormat('abc')).toThrow("The format is invalid: 'ABC'. The format string requires at least one number digit.");
  });

  it('to_char pads, signs and overflows as Spark', () => {
    expect(fmt(454n, 0, '9999')).toBe(' 454');
    expect(fmt(45400n, 2, '000D00')).toBe('454.00');
    expect(fmt(-124548n, 1, '99G999D9S')).toBe('12,454.8-');
    expect(fmt(-454n, 0, '999PR')).toBe('<454>');
    expect(fmt(454n, 0, '999PR')).toBe('454  ');
    expect(fmt(454n, 0, '999MI')).toBe('454 ');
    expect(fmt(454n, 0, 'S999')).toBe('+454');
    expect(fmt(4542n, 0, '999')).toBe('###');
    expect(fmt(1236n, 3, '9.99')).toBe('#.##');
    expect(fmt(123456n, 0, '9,999')).toBe('# ###');
    expect(fmt(12n, 0, '9,999')).toBe('   12');
    expect(fmt(5n, 1, '9.99')).toBe('0.50');
    expect(fmt(0n, 0, '990')).toBe('   ');
    expect(fmt(5n, 0, '000')).toBe('005');
  });
});
