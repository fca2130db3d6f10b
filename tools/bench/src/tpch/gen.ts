// A TPC-H data generator of ours (not dbgen): the spec's 8 tables, row counts, key relationships and value
// domains (TPC-H 2.18 §4.2.3), with a fixed seed, so the 22 queries with their default substitution parameters
// return non-trivial answers at any scale factor. Text columns come from the spec's word lists (shorter
// comments than dbgen's grammar); money columns are DOUBLE (Kindling has no DECIMAL), rounded to cents.
import { prng } from '../data.js';

export type ColumnType = 'int' | 'double' | 'string' | 'date';
export interface Column {
  readonly name: string;
  readonly type: ColumnType;
  readonly data: Int32Array | Float64Array | string[];
}
export interface Table {
  readonly name: string;
  readonly rows: number;
  readonly columns: readonly Column[];
}

const REGIONS = ['AFRICA', 'AMERICA', 'ASIA', 'EUROPE', 'MIDDLE EAST'];
const NATIONS: readonly [string, number][] = [
  ['ALGERIA', 0], ['ARGENTINA', 1], ['BRAZIL', 1], ['CANADA', 1], ['EGYPT', 4], ['ETHIOPIA', 0], ['FRANCE', 3],
  ['GERMANY', 3], ['INDIA', 2], ['INDONESIA', 2], ['IRAN', 4], ['IRAQ', 4], ['JAPAN', 2], ['JORDAN', 4], ['KENYA', 0],
  ['MOROCCO', 0], ['MOZAMBIQUE', 0], ['PERU', 1], ['CHINA', 2], ['ROMANIA', 3], ['SAUDI ARABIA', 4], ['VIETNAM', 2],
  ['RUSSIA', 3], ['UNITED KINGDOM', 3], ['UNITED STATES', 1],
];
const COLORS = ('almond antique aquamarine azure beige bisque black blanched blue blush brown burlywood burnished chartreuse ' +
  'chiffon chocolate coral cornflower cornsilk cream cyan dark deep dim dodger drab firebrick floral forest frosted ' +
  'gainsboro ghost goldenrod green grey honeydew hot indian ivory khaki lace lavender lawn lemon light lime linen ' +
  'magenta maroon medium metallic midnight mint misty moccasin navajo navy olive orange orchid pale papaya peach peru ' +
  'pink plum powder puff purple red rose rosy royal saddle salmon sandy seashell sienna sky slate smoke snow spring ' +
  'steel tan thistle tomato turquoise violet wheat white yellow').split(' ');
const TYPE1 = ['STANDARD', 'SMALL', 'MEDIUM', 'LARGE', 'ECONOMY', 'PROMO'];
const TYPE2 = ['ANODIZED', 'BURNISHED', 'PLATED', 'POLISHED', 'BRUSHED'];
const TYPE3 = ['TIN', 'NICKEL', 'BRASS', 'STEEL', 'COPPER'];
const CONTAINER1 = ['SM', 'LG', 'MED', 'JUMBO', 'WRAP'];
const CONTAINER2 = ['CASE', 'BOX', 'BAG', 'JAR', 'PKG', 'PACK', 'CAN', 'DRUM'];
const SEGMENTS = ['AUTOMOBILE', 'BUILDING', 'FURNITURE', 'MACHINERY', 'HOUSEHOLD'];
const PRIORITIES = ['1-URGENT', '2-HIGH', '3-MEDIUM', '4-NOT SPECIFIED', '5-LOW'];
const INSTRUCTIONS = ['DELIVER IN PERSON', 'COLLECT COD', 'NONE', 'TAKE BACK RETURN'];
const MODES = ['REG AIR', 'AIR', 'RAIL', 'SHIP', 'TRUCK', 'MAIL', 'FOB'];
const WORDS = ('furiously quickly carefully blithely slyly fluffily ironic final regular express pending bold even ' +
  'silent unusual special ruthless packages deposits accounts requests instructions theodolites pinto beans foxes ' +
  'ideas dependencies platelets asymptotes courts dolphins sleep wake are nag haggle cajole detect integrate boost ' +
  'among across above against along after').split(' ');

const day = (iso: string): number => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000;
const START = day('1992-01-01');
const END = day('1998-12-31');
const CURRENT = day('1995-06-17');

/** The 8 tables at scale factor `sf` (0.01 ≈ 87k rows in all, 1 ≈ 8.7M). */
export function generateTpch(sf: number, seed = 19): Table[] {
  const rnd = prng(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const money = (lo: number, hi: number): number => int(Math.round(lo * 100), Math.round(hi * 100)) / 100;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  const text = (lo: number, hi: number): string => {
    const words: string[] = [];
    let len = 0;
    const target = int(lo, hi);
    while (len < target) {
      const w = pick(WORDS);
      words.push(w);
      len += w.length + 1;
    }
    return words.join(' ');
  };
  // Comment pools: drawing from a few thousand generated texts keeps SF1 generation fast.
  const pool = (n: number, lo: number, hi: number): string[] => Array.from({ length: n }, () => text(lo, hi));
  const comments = pool(8192, 10, 60);
  const comment = (): string => pick(comments);
  const address = (): string => {
    const n = int(10, 40);
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(pick([48, 65, 97]) + int(0, 9));
    return s;
  };
  const phone = (nation: number): string => `${nation + 10}-${int(100, 999)}-${int(100, 999)}-${int(1000, 9999)}`;

  const tables: Table[] = [];
  tables.push({
    name: 'region', rows: 5, columns: [
      { name: 'r_regionkey', type: 'int', data: Int32Array.from(REGIONS.keys()) },
      { name: 'r_name', type: 'string', data: [...REGIONS] },
      { name: 'r_comment', type: 'string', data: REGIONS.map(() => comment()) },
    ],
  });
  tables.push({
    name: 'nation', rows: 25, columns: [
      { name: 'n_nationkey', type: 'int', data: Int32Array.from(NATIONS.keys()) },
      { name: 'n_name', type: 'string', data: NATIONS.map(([n]) => n) },
      { name: 'n_regionkey', type: 'int', data: Int32Array.from(NATIONS.map(([, r]) => r)) },
      { name: 'n_comment', type: 'string', data: NATIONS.map(() => comment()) },
    ],
  });

  const S = Math.max(1, Math.round(10_000 * sf));
  {
    const nation = new Int32Array(S);
    const cmt: string[] = [];
    for (let i = 0; i < S; i++) {
      nation[i] = int(0, 24);
      // §4.2.3: some suppliers have "Customer … Complaints" (Q16) or "Customer … Recommends" comments.
      const r = rnd();
      cmt.push(r < 0.01 ? `${text(5, 20)} Customer ${pick(WORDS)} Complaints ${text(5, 15)}` : r < 0.02 ? `${text(5, 20)} Customer ${pick(WORDS)} Recommends` : comment());
    }
    tables.push({
      name: 'supplier', rows: S, columns: [
        { name: 's_suppkey', type: 'int', data: Int32Array.from({ length: S }, (_, i) => i + 1) },
        { name: 's_name', type: 'string', data: Array.from({ length: S }, (_, i) => `Supplier#${pad(i + 1, 9)}`) },
        { name: 's_address', type: 'string', data: Array.from({ length: S }, address) },
        { name: 's_nationkey', type: 'int', data: nation },
        { name: 's_phone', type: 'string', data: Array.from(nation, phone) },
        { name: 's_acctbal', type: 'double', data: Float64Array.from({ length: S }, () => money(-999.99, 9999.99)) },
        { name: 's_comment', type: 'string', data: cmt },
      ],
    });
  }

  const P = Math.max(1, Math.round(200_000 * sf));
  const retail = new Float64Array(P + 1);
  {
    const name: string[] = [];
    const mfgr: string[] = [];
    const brand: string[] = [];
    const type: string[] = [];
    const size = new Int32Array(P);
    const container: string[] = [];
    const price = new Float64Array(P);
    for (let i = 0; i < P; i++) {
      const key = i + 1;
      const colors = new Set<string>();
      while (colors.size < 5) colors.add(pick(COLORS));
      name.push([...colors].join(' '));
      const m = int(1, 5);
      mfgr.push(`Manufacturer#${m}`);
      brand.push(`Brand#${m}${int(1, 5)}`);
      type.push(`${pick(TYPE1)} ${pick(TYPE2)} ${pick(TYPE3)}`);
      size[i] = int(1, 50);
      container.push(`${pick(CONTAINER1)} ${pick(CONTAINER2)}`);
      price[i] = retail[key] = (90_000 + (Math.floor(key / 10) % 20_001) + 100 * (key % 1000)) / 100;
    }
    tables.push({
      name: 'part', rows: P, columns: [
        { name: 'p_partkey', type: 'int', data: Int32Array.from({ length: P }, (_, i) => i + 1) },
        { name: 'p_name', type: 'string', data: name },
        { name: 'p_mfgr', type: 'string', data: mfgr },
        { name: 'p_brand', type: 'string', data: brand },
        { name: 'p_type', type: 'string', data: type },
        { name: 'p_size', type: 'int', data: size },
        { name: 'p_container', type: 'string', data: container },
        { name: 'p_retailprice', type: 'double', data: price },
        { name: 'p_comment', type: 'string', data: Array.from({ length: P }, comment) },
      ],
    });
  }
  // §4.2.3: part p's 4 suppliers.
  const supplierOf = (p: number, j: number): number => ((p + j * (Math.floor(S / 4) + Math.floor((p - 1) / S))) % S) + 1;
  {
    const n = 4 * P;
    const pk = new Int32Array(n);
    const sk = new Int32Array(n);
    for (let p = 1, r = 0; p <= P; p++) {
      for (let j = 0; j < 4; j++, r++) {
        pk[r] = p;
        sk[r] = supplierOf(p, j);
      }
    }
    tables.push({
      name: 'partsupp', rows: n, columns: [
        { name: 'ps_partkey', type: 'int', data: pk },
        { name: 'ps_suppkey', type: 'int', data: sk },
        { name: 'ps_availqty', type: 'int', data: Int32Array.from({ length: n }, () => int(1, 9999)) },
        { name: 'ps_supplycost', type: 'double', data: Float64Array.from({ length: n }, () => money(1, 1000)) },
        { name: 'ps_comment', type: 'string', data: Array.from({ length: n }, comment) },
      ],
    });
  }

  const C = Math.max(1, Math.round(150_000 * sf));
  {
    const nation = Int32Array.from({ length: C }, () => int(0, 24));
    tables.push({
      name: 'customer', rows: C, columns: [
        { name: 'c_custkey', type: 'int', data: Int32Array.from({ length: C }, (_, i) => i + 1) },
        { name: 'c_name', type: 'string', data: Array.from({ length: C }, (_, i) => `Customer#${pad(i + 1, 9)}`) },
        { name: 'c_address', type: 'string', data: Array.from({ length: C }, address) },
        { name: 'c_nationkey', type: 'int', data: nation },
        { name: 'c_phone', type: 'string', data: Array.from(nation, phone) },
        { name: 'c_acctbal', type: 'double', data: Float64Array.from({ length: C }, () => money(-999.99, 9999.99)) },
        { name: 'c_mktsegment', type: 'string', data: Array.from({ length: C }, () => pick(SEGMENTS)) },
        { name: 'c_comment', type: 'string', data: Array.from({ length: C }, comment) },
      ],
    });
  }

  const O = Math.max(1, Math.round(1_500_000 * sf));
  const orderComments = [...comments.slice(0, 8000), ...pool(192, 5, 20).map((t) => `${t} special ${pick(WORDS)} requests ${pick(WORDS)}`)];
  const o = {
    key: new Int32Array(O), cust: new Int32Array(O), status: [] as string[], total: new Float64Array(O), date: new Int32Array(O),
    priority: [] as string[], clerk: [] as string[], comment: [] as string[],
  };
  const li = {
    order: [] as number[], part: [] as number[], supp: [] as number[], line: [] as number[], qty: [] as number[], price: [] as number[],
    disc: [] as number[], tax: [] as number[], rflag: [] as string[], status: [] as string[], ship: [] as number[], commit: [] as number[],
    receipt: [] as number[], instruct: [] as string[], mode: [] as string[], comment: [] as string[],
  };
  for (let i = 0; i < O; i++) {
    // Sparse order keys (8 of every 32 used), and no orders for every third customer, as dbgen.
    const key = Math.floor(i / 8) * 32 + (i % 8) + 1;
    let cust = int(1, C);
    while (C >= 3 && cust % 3 === 0) cust = int(1, C);
    const date = int(START, END - 151);
    let total = 0;
    let shipped = 0;
    const lines = int(1, 7);
    for (let l = 1; l <= lines; l++) {
      const part = int(1, P);
      const qty = int(1, 50);
      const price = Math.round(qty * retail[part]! * 100) / 100;
      const disc = int(0, 10) / 100;
      const tax = int(0, 8) / 100;
      const ship = date + int(1, 121);
      const receipt = ship + int(1, 30);
      li.order.push(key);
      li.part.push(part);
      li.supp.push(supplierOf(part, int(0, 3)));
      li.line.push(l);
      li.qty.push(qty);
      li.price.push(price);
      li.disc.push(disc);
      li.tax.push(tax);
      li.rflag.push(receipt <= CURRENT ? (rnd() < 0.5 ? 'R' : 'A') : 'N');
      li.status.push(ship > CURRENT ? 'O' : 'F');
      if (ship <= CURRENT) shipped++;
      li.ship.push(ship);
      li.commit.push(date + int(30, 90));
      li.receipt.push(receipt);
      li.instruct.push(pick(INSTRUCTIONS));
      li.mode.push(pick(MODES));
      li.comment.push(comment());
      total += price * (1 + tax) * (1 - disc);
    }
    o.key[i] = key;
    o.cust[i] = cust;
    o.status.push(shipped === lines ? 'F' : shipped === 0 ? 'O' : 'P');
    o.total[i] = Math.round(total * 100) / 100;
    o.date[i] = date;
    o.priority.push(pick(PRIORITIES));
    o.clerk.push(`Clerk#${pad(int(1, Math.max(1, Math.round(1000 * sf))), 9)}`);
    o.comment.push(pick(orderComments));
  }
  tables.push({
    name: 'orders', rows: O, columns: [
      { name: 'o_orderkey', type: 'int', data: o.key },
      { name: 'o_custkey', type: 'int', data: o.cust },
      { name: 'o_orderstatus', type: 'string', data: o.status },
      { name: 'o_totalprice', type: 'double', data: o.total },
      { name: 'o_orderdate', type: 'date', data: o.date },
      { name: 'o_orderpriority', type: 'string', data: o.priority },
      { name: 'o_clerk', type: 'string', data: o.clerk },
      { name: 'o_shippriority', type: 'int', data: new Int32Array(O) },
      { name: 'o_comment', type: 'string', data: o.comment },
    ],
  });
  tables.push({
    name: 'lineitem', rows: li.order.length, columns: [
      { name: 'l_orderkey', type: 'int', data: Int32Array.from(li.order) },
      { name: 'l_partkey', type: 'int', data: Int32Array.from(li.part) },
      { name: 'l_suppkey', type: 'int', data: Int32Array.from(li.supp) },
      { name: 'l_linenumber', type: 'int', data: Int32Array.from(li.line) },
      { name: 'l_quantity', type: 'double', data: Float64Array.from(li.qty) },
      { name: 'l_extendedprice', type: 'double', data: Float64Array.from(li.price) },
      { name: 'l_discount', type: 'double', data: Float64Array.from(li.disc) },
      { name: 'l_tax', type: 'double', data: Float64Array.from(li.tax) },
      { name: 'l_returnflag', type: 'string', data: li.rflag },
      { name: 'l_linestatus', type: 'string', data: li.status },
      { name: 'l_shipdate', type: 'date', data: Int32Array.from(li.ship) },
      { name: 'l_commitdate', type: 'date', data: Int32Array.from(li.commit) },
      { name: 'l_receiptdate', type: 'date', data: Int32Array.from(li.receipt) },
      { name: 'l_shipinstruct', type: 'string', data: li.instruct },
      { name: 'l_shipmode', type: 'string', data: li.mode },
      { name: 'l_comment', type: 'string', data: li.comment },
    ],
  });
  return tables;
}
