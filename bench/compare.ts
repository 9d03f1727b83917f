/**
 * A/B comparison of gateway builds that holds up on a noisy machine: every contender runs at
 * once (each idle while another is measured), the load alternates between them in short bursts
 * over several rounds, and each is scored by the CPU time its process spent per answered
 * request (from /proc, Linux), besides its throughput. A slow minute on a shared host then
 * slows every contender alike instead of whichever happened to run in it.
 *
 *   node --import tsx bench/compare.ts [--scenario s1] [--rounds 8] [--burst 1] \
 *     [--connections 10] <contender> <contender> ...
 *
 * A contender is `ceiling` (bench/ceiling.ts), `gateway` (dist/src/server.js) or the path of
 * another server entry (e.g. a copy of an older dist/), optionally followed by `#<node flag>`
 * and `@NAME=value` settings: `gateway@GRAPHQL_JIT=false`, `gateway#--max-semi-space-size=32`.
 * `gateway+tracing` is the gateway with OpenTelemetry tracing on, exporting every span
 * (always_on, OTLP/HTTP protobuf) to the fixture upstream's sink.
 * The first contender is the reference of the ratio columns.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gatewayEnv, ROOT, SETUP_AUTH, startUpstream, tracingEnv } from './contenders.js';
import { runLoad } from './load.js';
import { freePort, PINNING, pinSelf, start, waitForHttp, type Proc } from './proc.js';
import { SCENARIOS, type ScenarioId } from './scenarios.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    scenario: { type: 'string', default: 's1' },
    rounds: { type: 'string', default: '8' },
    burst: { type: 'string', default: '1' },
    connections: { type: 'string', default: '10' },
  },
});
const scenario = SCENARIOS.find((s) => s.id === (values.scenario as ScenarioId));
if (!scenario || scenario.kind !== 'load') {
  throw new Error(`not a load scenario: ${values.scenario}`);
}
if (positionals.length === 0) throw new Error('name at least one contender');
const rounds = Number(values.rounds);
const burst = Number(values.burst);
const connections = Number(values.connections);

/** utime + stime of a process, in microseconds (Linux: /proc/<pid>/stat, in clock ticks). */
function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

interface Entry {
  spec: string;
  proc: Proc;
  url: string;
  body: string;
  cpu: number;
  ok: number;
  seconds: number;
}

pinSelf();
const upstream = await startUpstream(process.env.BENCH_DIALECT === 'v3' ? 'v3' : 'v2');
const entries: Entry[] = [];
try {
  for (const spec of positionals) {
    const [head = '', ...settings] = spec.split('@');
    const [given = '', ...flags] = head.split('#');
    // `gateway+tracing`: the gateway with OpenTelemetry on (spans to the fixture's OTLP sink).
    const traced = given.endsWith('+tracing');
    const name = traced ? given.slice(0, -'+tracing'.length) : given;
    const ceiling = name === 'ceiling';
    const script = ceiling
      ? resolve(ROOT, 'bench/ceiling.ts')
      : resolve(name === 'gateway' ? resolve(ROOT, 'dist/src/server.js') : name);
    const args = [...flags, ...(script.endsWith('.ts') ? ['--import', 'tsx'] : []), script];
    const port = await freePort();
    const proc = start(spec, process.execPath, args, {
      cpu: PINNING?.contender,
      cwd: ROOT,
      env: {
        ...gatewayEnv(upstream, port),
        UPSTREAM: upstream.url, // the ceiling's names for it
        DIALECT: upstream.info.dialect,
        ...(traced ? tracingEnv(upstream) : {}),
        ...Object.fromEntries(settings.map((s) => s.split('=') as [string, string])),
      },
    });
    const build = scenario.bodies[ceiling ? 'ceiling' : 'gateway'];
    if (!build) throw new Error(`${scenario.id} has no body for ${spec}`);
    const body = JSON.stringify(build(upstream.info));
    const url = `http://127.0.0.1:${port}/graphql`;
    await waitForHttp(proc, url, body, SETUP_AUTH);
    entries.push({ spec, proc, url, body, cpu: 0, ok: 0, seconds: 0 });
    await runLoad({ url, body, connections, seconds: 2 }); // warm-up
  }
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? entries : [...entries].reverse();
    for (const e of order) {
      const before = cpuMicros(e.proc.pid);
      const r = await runLoad({ url: e.url, body: e.body, connections, seconds: burst });
      e.cpu += cpuMicros(e.proc.pid) - before;
      e.ok += r.ok;
      e.seconds += r.seconds;
    }
  }
  const ref = entries[0];
  const perReq = (e: Entry) => e.cpu / Math.max(1, e.ok);
  const rps = (e: Entry) => e.ok / Math.max(1e-9, e.seconds);
  console.log(
    `${scenario.id}: ${scenario.title}; ${connections} connections, ${rounds} × ${burst} s each`,
  );
  console.log('| contender | CPU µs/request | rps | CPU ÷ first | rps ÷ first |');
  console.log('|---|--:|--:|--:|--:|');
  for (const e of entries) {
    const cpuRatio = ref ? (perReq(e) / perReq(ref)).toFixed(2) : 'n/a';
    const rpsRatio = ref ? (rps(e) / rps(ref)).toFixed(2) : 'n/a';
    const cells = [e.spec, perReq(e).toFixed(0), rps(e).toFixed(0), cpuRatio, rpsRatio];
    console.log(`| ${cells.join(' | ')} |`);
  }
} finally {
  for (const e of entries) await e.proc.stop();
  await upstream.proc.stop();
}
