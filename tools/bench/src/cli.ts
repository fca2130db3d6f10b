// Command-line options of the engine benchmark (`node dist/engine.js --rows N --quick --engines …`).

export type EngineName = 'kindling' | 'native' | 'ts' | 'duckdb';
export const ALL_ENGINES: readonly EngineName[] = ['kindling', 'native', 'ts', 'duckdb'];
export const ALL_CASES = ['filter', 'sum', 'groupby-high', 'groupby-low', 'join'] as const;
export type CaseName = (typeof ALL_CASES)[number];

export interface BenchOptions {
  rows: number;
  quick: boolean;
  runs: number;
  engines: EngineName[];
  cases: CaseName[];
  duckdbThreads: number[];
  master: string;
  seed: number;
  batchRows: number;
  write: boolean;
}

const USAGE = `usage: node dist/engine.js [options]
  --rows N             rows of the big table (default 10000000)
  --quick              1M rows (a smoke test of the bench itself)
  --runs N             timed runs after one warm-up; the median is reported (default 3)
  --engines a,b        kindling (the engine, SDK), native (kernels, 1 thread), ts (the previous
                       TypeScript loops, 1 thread), duckdb (default all)
  --cases a,b          ${ALL_CASES.join(',')} (default all)
  --duckdb-threads a,b DuckDB thread counts, one result line each (default 1,2)
  --master M           Kindling master URL (default local[2])
  --seed N             PRNG seed (default 42)
  --batch-rows N       rows per Arrow record batch handed to Kindling (default 65536)
  --no-write           do not write results/engine-<date>.json`;

function positiveInt(flag: string, raw: string | undefined): number {
  const n = Number(raw?.replace(/_/g, ''));
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${flag} needs a positive integer, got ${raw ?? 'nothing'}`);
  return n;
}

function list<T extends string>(flag: string, raw: string | undefined, allowed: readonly T[]): T[] {
  const items = (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const bad = items.filter((s) => !allowed.includes(s as T));
  if (items.length === 0 || bad.length > 0) {
    throw new Error(`${flag} takes a comma list of ${allowed.join(', ')}; got ${raw ?? 'nothing'}`);
  }
  return items as T[];
}

export function parseArgs(argv: readonly string[]): BenchOptions {
  const opts: BenchOptions = {
    rows: 10_000_000,
    quick: false,
    runs: 3,
    engines: [...ALL_ENGINES],
    cases: [...ALL_CASES],
    duckdbThreads: [1, 2],
    master: 'local[2]',
    seed: 42,
    batchRows: 65_536,
    write: true,
  };
  let rowsGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    // Accept both `--flag value` and `--flag=value`.
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--rows': opts.rows = positiveInt(flag, value()); rowsGiven = true; break;
      case '--quick': opts.quick = true; break;
      case '--runs': opts.runs = positiveInt(flag, value()); break;
      case '--engines': opts.engines = list(flag, value(), ALL_ENGINES); break;
      case '--cases': opts.cases = list(flag, value(), ALL_CASES); break;
      case '--duckdb-threads':
        opts.duckdbThreads = (value() ?? '').split(',').map((s) => positiveInt(flag, s));
        break;
      case '--master': opts.master = value() ?? opts.master; break;
      case '--seed': opts.seed = positiveInt(flag, value()); break;
      case '--batch-rows': opts.batchRows = positiveInt(flag, value()); break;
      case '--no-write': opts.write = false; break;
      case '--help': case '-h': console.log(USAGE); process.exit(0); break;
      default: throw new Error(`unknown option ${arg}\n${USAGE}`);
    }
  }
  if (opts.quick && !rowsGiven) opts.rows = 1_000_000;
  return opts;
}
