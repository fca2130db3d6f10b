// Result records of the engine benchmark, their agreement check, and the Markdown table printed at the end.
import type { CaseName } from './cli.js';

export interface EngineResult {
  /** kindling: the engine through its SDK; native / ts: kernel level, one thread; duckdb: the peer. */
  engine: 'kindling' | 'native' | 'ts' | 'duckdb';
  label: string;
  threads: number;
  timingsMs: number[];
  medianMs: number;
  rowsPerSec: number;
  answer: Record<string, number>;
}

export interface CaseResult {
  case: CaseName;
  title: string;
  inputRows: number;
  query: string;
  expected: Record<string, number>;
  results: EngineResult[];
  mismatches: string[];
  /** Bytes the case must read and write at least (its input columns, plus its output for the filter). */
  bytesTouched: number;
  /** bytesTouched at the measured memcpy bandwidth: no implementation can be faster. */
  boundMs: number;
}

const REL_TOLERANCE = 1e-6;

/** Lines describing every answer that differs from the expected one (counts exactly, sums within 1e-6). */
export function mismatches(expected: Record<string, number>, results: readonly EngineResult[]): string[] {
  const out: string[] = [];
  for (const r of results) {
    for (const [key, want] of Object.entries(expected)) {
      const got = r.answer[key];
      const exact = Number.isInteger(want);
      const ok = exact ? got === want : Math.abs(got - want) <= REL_TOLERANCE * Math.max(Math.abs(want), 1e-300);
      if (!ok) out.push(`${r.label}: ${key} = ${got}, expected ${want}${exact ? '' : ' (±1e-6 relative)'}`);
    }
  }
  return out;
}

export function si(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} k`;
  return n.toFixed(0);
}

/** Speed of `a` relative to `b` (time of b ÷ time of a: above 1 means a is faster). */
function ratio(a: EngineResult | undefined, b: EngineResult | undefined): string {
  return a && b ? `${(b.medianMs / a.medianMs).toFixed(2)}×` : '—';
}

export function markdownTable(cases: readonly CaseResult[]): string {
  const labels = [...new Set(cases.flatMap((c) => c.results.map((r) => r.label)))];
  const duck1 = (c: CaseResult) => c.results.find((r) => r.engine === 'duckdb' && r.threads === 1);
  const header = [
    'case',
    ...labels.map((l) => `${l}`),
    'memory-bandwidth bound',
    'Kindling ÷ DuckDB 1t',
    'kernels ÷ DuckDB 1t',
    'kernels ÷ TS loops',
    'kernels, % of bandwidth',
  ];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i < 1 ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const c of cases) {
    const byLabel = new Map(c.results.map((r) => [r.label, r]));
    const engine = c.results.find((r) => r.engine === 'kindling');
    const kernels = c.results.find((r) => r.engine === 'native');
    const ts = c.results.find((r) => r.engine === 'ts');
    const cells = [
      c.title,
      ...labels.map((l) => {
        const r = byLabel.get(l);
        return r ? `${r.medianMs.toFixed(0)} ms (best ${Math.min(...r.timingsMs).toFixed(0)})` : '—';
      }),
      `${c.boundMs.toFixed(1)} ms (${(c.bytesTouched / 1e6).toFixed(0)} MB)`,
      ratio(engine, duck1(c)),
      ratio(kernels, duck1(c)),
      ratio(kernels, ts),
      kernels ? `${((100 * c.boundMs) / kernels.medianMs).toFixed(0)} %` : '—',
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
