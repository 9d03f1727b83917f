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
RSS is the contender's peak resident set during the measured run. The ceiling answers scenarios
1–3 only: the same upstream calls and the same JSON as the gateway (checked before measuring), no
GraphQL; it makes the two calls of scenario 1 in parallel. The peer is GraphQL Mesh
(@omnigraph/openapi + @graphql-mesh/compose-cli, served by @graphql-hive/gateway with its
defaults) over the same Linq v3 OpenAPI, with \`Chat.messages\` added for scenario 2; it answers
in its own OpenAPI-shaped JSON, and has no counterpart of the presigned upload (scenario 5).
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
    `- Gateway: ${r.buildNote}; NODE_ENV=production, LOG_LEVEL=warn, Linq dialect v3.`,
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
