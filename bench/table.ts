/** The one results table (Markdown), its ratios, and the targets of the optimisation step. */
import type { ContenderName, ScenarioId } from './scenarios.js';

/** A contender, or `direct`: the scenario's upstream call itself (for "p99 added"). */
export type RowContender = ContenderName | 'direct';

export interface Row {
  scenario: ScenarioId;
  contender: RowContender;
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

function find(rows: readonly Row[], like: Row, contender: RowContender): Row | undefined {
  return rows.find(
    (r) =>
      r.scenario === like.scenario &&
      r.connections === like.connections &&
      r.contender === contender,
  );
}

export function ratio(rows: readonly Row[], row: Row, other: RowContender): number | null {
  const base = find(rows, row, other);
  if (row.rps === null || !base?.rps) return null;
  return row.rps / base.rps;
}

/** p99 at one connection minus the direct upstream call's p99 (same scenario, same run). */
export function p99Added(rows: readonly Row[], row: Row | undefined): number | null {
  if (!row || row.connections !== 1 || row.p99 === null || row.contender === 'direct') return null;
  const direct = find(rows, row, 'direct');
  return direct?.p99 == null ? null : row.p99 - direct.p99;
}

const PEERS: RowContender[] = ['mesh'];

export function renderTable(rows: readonly Row[]): string {
  const head =
    '| scenario | contender | conns | rps | p50 ms | p99 ms | p99 added ms | upstream calls/op | ' +
    'rps ÷ ceiling | rps ÷ Mesh | RSS MB | notes |';
  const sep = '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|';
  const lines = rows.map((r) =>
    [
      r.scenario,
      r.contender,
      String(r.connections),
      fixed(r.rps, 0),
      fixed(r.p50, 2),
      fixed(r.p99, 2),
      fixed(p99Added(rows, r), 2),
      fixed(r.callsPerOp, 2),
      r.contender === 'direct' ? '' : fixed(ratio(rows, r, 'ceiling'), 2),
      r.contender === 'direct' || PEERS.includes(r.contender)
        ? ''
        : fixed(ratio(rows, r, 'mesh'), 2),
      fixed(r.rssMb, 0),
      r.note,
    ].join(' | '),
  );
  return [head, sep, ...lines.map((l) => `| ${l} |`)].join('\n');
}

/** The targets of the issue, checked against the gateway's rows. */
export function renderTargets(rows: readonly Row[], connections: number): string[] {
  const row = (scenario: ScenarioId, contender: RowContender, conns: number) =>
    rows.find(
      (r) => r.scenario === scenario && r.contender === contender && r.connections === conns,
    );
  const out: string[] = [];
  const check = (label: string, value: number | null, ok: (v: number) => boolean, unit = '') => {
    const verdict = value === null ? 'not measured' : ok(value) ? 'met' : 'NOT met';
    out.push(`- ${label}: ${value === null ? 'n/a' : value.toFixed(2) + unit} (${verdict})`);
  };
  const vsCeiling = (r: Row | undefined) => (r ? ratio(rows, r, 'ceiling') : null);
  const minimum = { s1: 0.6, s2: 0.8 } as const;
  for (const scenario of ['s1', 's2'] as const) {
    const least = minimum[scenario];
    const gw = row(scenario, 'gateway', connections);
    check(
      `${scenario} rps ÷ ceiling ≥ ${least.toFixed(2)} (full text)`,
      vsCeiling(gw),
      (v) => v >= least,
    );
    const byId = row(scenario, 'gateway-id', connections);
    check(
      `${scenario} rps ÷ ceiling ≥ ${least.toFixed(2)} (by document id)`,
      vsCeiling(byId),
      (v) => v >= least,
    );
    const idVsText = byId && gw ? ratio(rows, byId, 'gateway') : null;
    check(`${scenario} by document id ÷ full text ≥ 1.00 (rps)`, idVsText, (v) => v >= 1);
    const ceiling = row(scenario, 'ceiling', connections);
    const calls = gw?.callsPerOp ?? null;
    const same = calls !== null && ceiling?.callsPerOp != null ? calls - ceiling.callsPerOp : null;
    check(`${scenario} upstream calls/op − ceiling's = 0`, same, (v) => v === 0);
  }
  for (const scenario of ['s1', 's2', 's3'] as const) {
    for (const contender of ['gateway', 'gateway-id'] as const) {
      const what = contender === 'gateway' ? 'full text' : 'by document id';
      const added = p99Added(rows, row(scenario, contender, 1));
      check(`${scenario} p99 added at 1 connection ≤ 2 ms (${what})`, added, (v) => v <= 2, ' ms');
    }
  }
  const upload = rows.find((r) => r.scenario === 's5' && r.contender === 'gateway');
  const growth = upload?.rssGrowthMb ?? null;
  check('s5 RSS growth during the upload ≤ 32 MB', growth, (v) => v <= 32, ' MB');
  return out;
}
