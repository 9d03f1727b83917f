/** The results file: where and how it was measured, the table, the targets, and how to read it. */
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg, platform, release } from 'node:os';
import type { BenchConfig } from './config.js';
import { CPUS, PINNING } from './proc.js';
import { renderTable, renderTargets, type Row } from './table.js';

export interface ReportInput {
  config: BenchConfig;
  rows: Row[];
  startedAt: number;
  /** Load average when the run started (other work on the machine skews numbers). */
  loadAtStart: number;
  buildNote: string;
  fixture: string;
}

const NOTES = `Upstream calls/op are counted at the fixture upstream over 4 sequential operations.
"p99 added" is a row's p99 at one connection minus the p99 of the scenario's direct upstream call
(the \`direct\` row: the fixture asked directly, at one connection, in the same run).
RSS is the contender's peak resident set during the measured run. The ceiling answers scenarios
1–3 only: the same upstream calls and the same JSON as the gateway (checked before measuring), no
GraphQL, each caller's token passed upstream. \`gateway-id\` is the same gateway process asked by
trusted document id (\`documentId\`) instead of the text. Tailcall (its npm-shipped 1.0.0
binary, bench/tailcall/) and GraphQL Mesh (@omnigraph/openapi + @graphql-mesh/compose-cli,
served by @graphql-hive/gateway with its defaults, over the Linq v3 OpenAPI whatever the dialect)
answer in their own upstream-shaped JSON and pass each caller's Authorization header upstream.
Numbers from a shared machine are noisy: compare rows of one run, not runs.`;

/** The hand-kept log of optimisations and their measured effect, appended to every report. */
const OPTIMISATIONS = new URL('./results/optimisations.md', import.meta.url);

export function renderReport(r: ReportInput): string {
  const { config } = r;
  const pin = PINNING
    ? `load generator and fixture upstream on core ${PINNING.load}, ` +
      `contender on core ${PINNING.contender} (taskset)`
    : 'none';
  const seconds = ((Date.now() - r.startedAt) / 1000).toFixed(0);
  const machine =
    `${CPUS} CPUs (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, ` +
    `${platform()} ${release()}, load average ${r.loadAtStart.toFixed(2)} at start`;
  const load =
    `autocannon, ${config.connections} connections for ${config.duration} s` +
    (config.latencyDuration > 0 ? ` and 1 connection for ${config.latencyDuration} s` : '') +
    `, each after ${config.warmup} s of warm-up`;
  return [
    '# Benchmark results',
    '',
    `Run ${new Date(r.startedAt).toISOString()} with \`npm run bench\` (${seconds} s).`,
    '',
    `- Machine: ${machine}.`,
    `- Pinning: ${pin}.`,
    `- Gateway: ${r.buildNote}; NODE_ENV=production, LOG_LEVEL=warn, AUTH_MODES=linq-token ` +
      `(a distinct caller token on every request), Linq dialect ${config.dialect}` +
      `${process.env.GATEWAY_EXECUTION ? `, GATEWAY_EXECUTION=${process.env.GATEWAY_EXECUTION}` : ''}.`,
    `- Load: ${load}.`,
    `- Fixture upstream alone: ${r.fixture}.`,
    '',
    renderTable(r.rows),
    '',
    'Targets of the optimisation step (gateway):',
    '',
    ...renderTargets(r.rows, config.connections),
    '',
    NOTES,
    '',
    ...(existsSync(OPTIMISATIONS) ? [readFileSync(OPTIMISATIONS, 'utf8').trimEnd(), ''] : []),
  ].join('\n');
}

export const loadAverage = (): number => loadavg()[0] ?? 0;
