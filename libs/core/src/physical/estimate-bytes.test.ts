import { describe, expect, it } from 'vitest';
import { IntegerT, LongT, StringT, attr } from '../expr/expression.js';
import { aggCall, aggregate, filter, cmp, project, range } from '../optimizer/test-util.js';
import { estimateBytes } from './planner.js';

describe('estimateBytes', () => {
  const id = attr('id', LongT, false);
  const wide = project([id, { kind: 'alias', child: id, name: 's', exprId: 900001 } as never], range(0, 1000, id));

  it('scales a projection by the ratio of row widths, as Spark does without statistics', () => {
    // range: 1000 rows x 8 bytes; rows of [long] are 8 + 8 bytes wide, of [long, long] 8 + 16.
    expect(estimateBytes(range(0, 1000, id))).toBe(8000);
    expect(estimateBytes(wide)).toBe(Math.ceil((8000 * 24) / 16));
    const narrow = project([id], wide);
    expect(estimateBytes(narrow)).toBe(8000);
    expect(estimateBytes(filter(cmp('>', id, id), narrow))).toBe(8000);
  });

  it('counts strings at 20 bytes and a global aggregate as one row', () => {
    const s = attr('s', StringT);
    const strs = project([{ kind: 'alias', child: { kind: 'cast', child: id, to: StringT }, name: 's', exprId: s.exprId } as never], range(0, 1000, id));
    expect(estimateBytes(strs)).toBe(Math.ceil((8000 * 28) / 16));
    const count = aggregate([], [{ kind: 'alias', child: aggCall('count', [id], LongT, false), name: 'n', exprId: 900002 } as never], range(0, 10 ** 9, id));
    expect(estimateBytes(count)).toBe(16);
    const grouped = aggregate([id], [id, { kind: 'alias', child: aggCall('count', [id], IntegerT, false), name: 'n', exprId: 900003 } as never], range(0, 1000, id));
    expect(estimateBytes(grouped)).toBe(Math.ceil((8000 * 20) / 16));
  });
});
