/**
 * `node --import tsx bench/gc-trace.ts [entry] [scenario] [connections] [seconds]`: the GC of a
 * gateway build under load. Starts the fixture upstream and the gateway (`entry`, default
 * dist/src/server.js) with `--trace-gc-nvp`, loads it with one scenario (default s1, by full text,
 * a distinct caller token per request) and prints the scavenges seen while measuring: count,
 * pause p50/p99/max, bytes promoted per scavenge and per request, and the mark-compacts.
 */
import { resolve } from 'node:path';
import { gatewayEnv, ROOT, SETUP_AUTH, startUpstream } from './contenders.js';
import { runLoad } from './load.js';
import { freePort, PINNING, pinSelf, start, waitForHttp } from './proc.js';
import { SCENARIOS, type ScenarioId } from './scenarios.js';

const [entry = 'dist/src/server.js', id = 's1', conns = '1', secs = '10'] = process.argv.slice(2);
const scenario = SCENARIOS.find((s) => s.id === (id as ScenarioId));
const build = scenario?.bodies.gateway;
if (!build) throw new Error(`no gateway body for ${id}`);

interface Gc {
  kind: string;
  pause: number;
  promoted: number;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

pinSelf();
const upstream = await startUpstream(process.env.BENCH_DIALECT === 'v3' ? 'v3' : 'v2');
const port = await freePort();
// BENCH_NODE_FLAGS: more node flags for the gateway (e.g. --max-semi-space-size=64).
const flags = process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
const tsx = entry.endsWith('.ts') ? ['--import', 'tsx'] : [];
const proc = start(
  'gateway',
  process.execPath,
  ['--trace-gc-nvp', ...flags, ...tsx, resolve(ROOT, entry)],
  {
    cpu: PINNING?.contender,
    cwd: ROOT,
    env: {
      ...gatewayEnv(upstream, port),
      // The ceiling's names (bench/ceiling.ts), so it can be traced too.
      UPSTREAM: upstream.url,
      DIALECT: upstream.info.dialect,
      ...(process.env.GATEWAY_EXECUTION
        ? { GATEWAY_EXECUTION: process.env.GATEWAY_EXECUTION }
        : {}),
      // BENCH_GATEWAY_ENV: more settings for the gateway, `NAME=value NAME=value`.
      ...Object.fromEntries(
        (process.env.BENCH_GATEWAY_ENV?.split(' ').filter(Boolean) ?? []).map((s) => s.split('=')),
      ),
    },
  },
);
let measuring = false;
const seen: Gc[] = [];
let buffer = '';
proc.child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
  buffer += chunk;
  const lines = buffer.split('\n');
  buffer = lines.pop() ?? '';
  for (const line of lines) {
    if (!measuring || !line.includes('pause=')) continue;
    const field = (name: string) =>
      Number(new RegExp(`\\b${name}=([\\d.]+)`).exec(line)?.[1] ?? NaN);
    const kind = /\bgc=(\w+)/.exec(line)?.[1] ?? '?';
    seen.push({ kind, pause: field('pause'), promoted: field('promoted') });
  }
});
try {
  const url = `http://127.0.0.1:${port}/graphql`;
  await waitForHttp(proc, url, JSON.stringify({ query: '{ __typename }' }), SETUP_AUTH);
  const body = JSON.stringify(build(upstream.info));
  const connections = Number(conns);
  await runLoad({ url, body, connections, seconds: 3 });
  measuring = true;
  const r = await runLoad({ url, body, connections, seconds: Number(secs) });
  await new Promise((done) => setTimeout(done, 200));
  measuring = false;
  const scavenges = seen.filter((g) => g.kind === 's');
  const marks = seen.filter((g) => g.kind !== 's');
  const promoted = scavenges.reduce((sum, g) => sum + g.promoted, 0);
  const pauses = scavenges.map((g) => g.pause);
  const out = {
    entry,
    execution: process.env.GATEWAY_EXECUTION ?? '(default)',
    scenario: id,
    connections,
    requests: r.ok,
    rps: Math.round(r.rps),
    p99ms: Number(r.p99.toFixed(2)),
    scavenges: scavenges.length,
    scavengePauseMs: {
      p50: percentile(pauses, 50),
      p99: percentile(pauses, 99),
      max: Math.max(...pauses),
    },
    promotedKBPerScavenge: Math.round(promoted / Math.max(1, scavenges.length) / 1024),
    promotedKBPerRequest: Number((promoted / Math.max(1, r.ok) / 1024).toFixed(1)),
    markCompacts: marks.length,
    markCompactPauseMaxMs: marks.length ? Math.max(...marks.map((g) => g.pause)) : 0,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
} finally {
  await proc.stop();
  await upstream.proc.stop();
}
