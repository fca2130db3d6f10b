// Broadcasting a literal to a column of n rows.
import type * as arrow from 'apache-arrow';
import type { DataType } from '../../types/data-type.js';
import type { LiteralValue } from '../expression.js';
import { decimalData, writeDecimal } from '../../execution/decimal-data.js';
import { primitiveData, stringData } from '../../execution/vectors.js';
import { nullColumn } from './columns.js';
import { encodeUtf8 } from './strings.js';

export function broadcastLiteral(value: LiteralValue, type: DataType, n: number): arrow.Data {
  if (value === null) return nullColumn(type, n);
  switch (type.kind) {
    case 'int32':
    case 'date':
      return primitiveData(type, n, new Int32Array(n).fill(Number(value)), null);
    case 'int64':
    case 'timestamp':
      return primitiveData(type, n, new BigInt64Array(n).fill(typeof value === 'bigint' ? value : BigInt(value as number)), null);
    case 'float64':
      return primitiveData(type, n, new Float64Array(n).fill(Number(value)), null);
    case 'decimal': {
      // The value is the unscaled integer; both words of the first row repeat down the column.
      const words = new BigInt64Array(2 * n);
      if (n > 0) {
        writeDecimal(words, 0, BigInt(value as bigint));
        for (let i = 1; i < n; i++) {
          words[2 * i] = words[0]!;
          words[2 * i + 1] = words[1]!;
        }
      }
      return decimalData(type, n, words, null, 0);
    }
    case 'boolean':
      return primitiveData(type, n, new Uint8Array((n + 7) >> 3).fill(value ? 0xff : 0), null);
    case 'string': {
      const one = encodeUtf8(String(value));
      const len = one.length;
      const bytes = new Uint8Array(len * n);
      if (len > 0 && n > 0) {
        bytes.set(one, 0);
        // Doubling copies: log2(n) set() calls instead of n.
        let filled = len;
        while (filled < bytes.length) {
          const chunk = Math.min(filled, bytes.length - filled);
          bytes.copyWithin(filled, 0, chunk);
          filled += chunk;
        }
      }
      const offsets = new Int32Array(n + 1);
      for (let i = 1; i <= n; i++) offsets[i] = i * len;
      return stringData(n, offsets, bytes, null);
    }
    case 'null':
      return nullColumn(type, n);
    case 'binary':
    case 'array':
    case 'map':
    case 'struct':
      throw new Error(`${type.kind} literals are not supported`);
  }
}
