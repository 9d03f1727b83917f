/** The one results table (Markdown), its ratios, and the targets of the optimisation step. */
import type { ContenderName, ScenarioId } from './scenarios.js';

export interface Row {
  scenario: ScenarioId;
  contender: ContenderName;
  connections: number;
  rps: number | null;
  p50: number | null;
  p99: number | null;
  callsPerOp: number | null;
  rssMb: number | null;
  /** s5: peak RSS while the file streams minus the RSS just before it, in MB. */
  rssGrowthMb?: number | null;
  /** Why the row has no numbers, or what else it measured. */
  note: string;
}

const fixed = (n: number | null, digits: number) =>
  n === null || !Number.isFinite(n) ? 'n/a' : n.toFixed(digits);

function find(rows: readonly Row[], like: Row, contender: ContenderName): Row | undefined {
  return rows.find(
    (r) =>
      r.scenario === like.scenario &&
      r.connections === like.connections &&
      r.contender === contender,
  );
}

export function ratio(rows: readonly Row[], row: Row, other: ContenderName): number | null {
  const base = find(rows, row, other);
  if (row.rps === null || !base?.rps) return null;
  return row.rps / base.rps;
}

export function renderTable(rows: readonly Row[]): string {
  const head =
    '| scenario | contender | conns | rps | p50 ms | p99 ms | upstream calls/op | ' +
    'rps ÷ ceiling | rps ÷ peer | RSS MB | notes |';
  const sep = '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|';
  const lines = rows.map((r) =>
    [
      r.scenario,
      r.contender,
      String(r.connections),
      fixed(r.rps, 0),
      fixed(r.p50, 2),
      fixed(r.p99, 2),
      fixed(r.callsPerOp, 2),
      r.contender === 'ceiling' ? '1.00' : fixed(ratio(rows, r, 'ceiling'), 2),
      r.contender === 'mesh' ? '1.00' : fixed(ratio(rows, r, 'mesh'), 2),
      fixed(r.rssMb, 0),
      r.note,
    ].join(' | '),
  );
  return [head, sep, ...lines.map((l) => `| ${l} |`)].join('\n');
}

/** The targets of the issue, checked against the gateway's rows. */
export function renderTargets(rows: readonly Row[], connections: number): string[] {
  const gw = (scenario: ScenarioId, conns: number) =>
    rows.find(
      (r) => r.scenario === scenario && r.contender === 'gateway' && r.connections === conns,
    );
  const out: string[] = [];
  const check = (label: string, value: number | null, ok: (v: number) => boolean, unit = '') => {
    const verdict = value === null ? 'not measured' : ok(value) ? 'met' : 'NOT met';
    out.push(`- ${label}: ${value === null ? 'n/a' : value.toFixed(2) + unit} (${verdict})`);
  };
  const s1 = gw('s1', connections);
  const s2 = gw('s2', connections);
  const vsCeiling = (row: Row | undefined) => (row ? ratio(rows, row, 'ceiling') : null);
  check('s1 rps ÷ ceiling ≥ 0.60', vsCeiling(s1), (v) => v >= 0.6);
  check('s2 rps ÷ ceiling ≥ 0.80', vsCeiling(s2), (v) => v >= 0.8);
  for (const scenario of ['s1', 's2', 's3'] as const) {
    const one = gw(scenario, 1);
    const base = rows.find(
      (r) => r.scenario === scenario && r.contender === 'ceiling' && r.connections === 1,
    );
    const added = one?.p99 != null && base?.p99 != null ? one.p99 - base.p99 : null;
    check(`${scenario} p99 added latency at 1 connection ≤ 2 ms`, added, (v) => v <= 2, ' ms');
  }
  const upload = rows.find((r) => r.scenario === 's5' && r.contender === 'gateway');
  const growth = upload?.rssGrowthMb ?? null;
  check('s5 RSS growth during the upload ≤ 32 MB', growth, (v) => v <= 32, ' MB');
  return out;
}
