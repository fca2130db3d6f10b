// Result records of the engine benchmark, their agreement check, and the Markdown table printed at the end.
import type { CaseName } from './cli.js';

export interface EngineResult {
  engine: 'kindling' | 'duckdb';
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

function si(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} k`;
  return n.toFixed(0);
}

export function markdownTable(cases: readonly CaseResult[]): string {
  const labels = [...new Set(cases.flatMap((c) => c.results.map((r) => r.label)))];
  const duckLabels = [...new Set(cases.flatMap((c) => c.results.filter((r) => r.engine === 'duckdb').map((r) => r.label)))];
  const hasKindling = cases.some((c) => c.results.some((r) => r.engine === 'kindling'));
  const ratioLabels = hasKindling ? duckLabels : [];
  const header = ['case', 'input rows', ...labels.map((l) => `${l} rows/s (median)`), ...ratioLabels.map((l) => `Kindling ÷ ${l}`)];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i < 2 ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const c of cases) {
    const byLabel = new Map(c.results.map((r) => [r.label, r]));
    const kindling = c.results.find((r) => r.engine === 'kindling');
    const cells = [
      c.title,
      c.inputRows.toLocaleString('en-US'),
      ...labels.map((l) => {
        const r = byLabel.get(l);
        return r ? `${si(r.rowsPerSec)} (${r.medianMs.toFixed(0)} ms)` : '—';
      }),
      ...ratioLabels.map((l) => {
        const d = byLabel.get(l);
        return kindling && d ? `${(kindling.rowsPerSec / d.rowsPerSec).toFixed(2)}×` : '—';
      }),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
