/**
 * `npm run bench`: the gateway against the practical ceiling and a peer, on a fast fixture
 * upstream, in one bounded run. Prints one table and writes it to bench/results/latest.md.
 * Settings: BENCH_* environment variables (bench/config.ts, bench/README.md).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { loadBenchConfig, type BenchConfig } from './config.js';
import { PLANS } from './ceiling.js';
import {
  composeMesh,
  ROOT,
  startCeiling,
  startGateway,
  startMesh,
  startTailcall,
  startUpstream,
  type Contender,
  type Upstream,
} from './contenders.js';
import { runLoad } from './load.js';
import {
  callsPerOperation,
  directEntry,
  measureInterleaved,
  naRow,
  preflight,
  type LoadEntry,
} from './measure.js';
import { pinSelf } from './proc.js';
import { loadAverage, renderReport } from './report.js';
import {
  globalId,
  SCENARIOS,
  UPLOAD_MUTATION,
  type ContenderName,
  type Scenario,
} from './scenarios.js';
import type { Row, RowContender } from './table.js';
import { runSoak } from './soak.js';
import { runUpload } from './upload.js';

const ORDER: RowContender[] = ['gateway', 'gateway-id', 'ceiling', 'tailcall', 'mesh', 'direct'];

function build(): string {
  const res = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (res.status === 0) return 'built with `npm run build`';
  const first = `${res.stdout}\n${res.stderr}`.split('\n').find((l) => /error TS/.test(l)) ?? '';
  const why = first.trim().slice(0, 160);
  return `\`npm run build\` exited ${res.status} (tsc still emitted dist/): ${why}`;
}

async function fixtureAlone(upstream: Upstream, seconds: number): Promise<string> {
  const url = `${upstream.url}${PLANS[upstream.info.dialect].listMessages(upstream.info.chatId, 25)}`;
  await runLoad({ url, connections: 10, seconds: Math.min(1, seconds) });
  const r = await runLoad({ url, connections: 10, seconds });
  const what = `GET 25 messages, 10 connections, ${seconds} s`;
  return `${r.rps.toFixed(0)} rps, p99 ${r.p99.toFixed(2)} ms (${what})`;
}

async function uploadRow(config: BenchConfig, upstream: Upstream, gateway: Contender, s: Scenario) {
  if (upstream.info.dialect !== 'v3') {
    // A v2 send carries the file in its own multipart body, which the fixture answers from its
    // cache without reading: nothing would be measured. The presigned v3 path is the one here.
    return naRow(config, s, 'gateway', 'n/a under BENCH_DIALECT=v2: run it with BENCH_DIALECT=v3');
  }
  const common = { url: gateway.url, pid: gateway.proc.pid, mutation: UPLOAD_MUTATION };
  const chatId = globalId(upstream.info.dialect, 'Chat', upstream.info.chatId);
  await runUpload({ ...common, chatId, size: 1_000_000 });
  const mb = (config.uploadBytes / 1e6).toFixed(0);
  const runs: { label: string; seconds: number; growth: number | null; peak: number | null }[] = [];
  let calls = 0;
  let received = 0;
  // Both paths: declared size (streamed through) and no size (spooled to a temporary file).
  for (const [label, declareSize] of [
    ['sized', true],
    ['unsized', false],
  ] as const) {
    await upstream.reset();
    const r = await runUpload({ ...common, chatId, size: config.uploadBytes, declareSize });
    const stats = await upstream.stats();
    const errors = /"errors"\s*:|"__typename"\s*:\s*"(?!SendMessagePayload)/.test(r.body);
    if (r.status !== 200 || errors) {
      const why = `error (${label}): HTTP ${r.status}: ${r.body.slice(0, 140)}`;
      return naRow(config, s, 'gateway', why);
    }
    const growth =
      r.peakRssMb !== null && r.rssBeforeMb !== null ? r.peakRssMb - r.rssBeforeMb : null;
    runs.push({ label, seconds: r.seconds, growth, peak: r.peakRssMb });
    calls = Math.max(calls, stats.count);
    received = stats.uploadBytes;
  }
  const worst = (pick: (run: (typeof runs)[number]) => number | null) =>
    runs.some((run) => pick(run) === null) ? null : Math.max(...runs.map((run) => pick(run)!));
  const describe = (run: (typeof runs)[number]) =>
    `${run.label}: ${run.seconds.toFixed(2)} s = ` +
    `${(config.uploadBytes / 1e6 / run.seconds).toFixed(0)} MB/s, ` +
    `RSS ${run.growth === null ? 'n/a' : `+${run.growth.toFixed(0)} MB`}`;
  return {
    ...naRow(config, s, 'gateway', ''),
    connections: 1,
    callsPerOp: calls,
    rssMb: worst((run) => run.peak),
    rssGrowthMb: worst((run) => run.growth),
    note:
      `1 × ${mb} MB, ${runs.map(describe).join('; ')}; upstream received ${received} B; ` +
      'RSS = peak while streaming over the RSS just before (the worse path is reported)',
  } satisfies Row;
}

async function startContender(
  name: ContenderName,
  config: BenchConfig,
  upstream: Upstream,
  running: Map<ContenderName, Contender>,
): Promise<Contender> {
  if (name === 'gateway' || name === 'gateway-id') {
    // One gateway process answers both: by text (`gateway`) and by document id (`gateway-id`).
    const other = running.get(name === 'gateway' ? 'gateway-id' : 'gateway');
    const gateway =
      other ??
      (await startGateway(upstream, { mode: config.gatewayMode, cpuProfDir: config.cpuProfDir }));
    return { ...gateway, name };
  }
  if (name === 'ceiling') return startCeiling(upstream);
  if (name === 'tailcall') return startTailcall(upstream);
  return startMesh(upstream, await composeMesh());
}

/** The scenarios a contender takes part in. */
function scenariosOf(name: ContenderName, config: BenchConfig): Scenario[] {
  return SCENARIOS.filter(
    (s) =>
      config.scenarios.includes(s.id) &&
      (s.bodies[name] || (s.kind === 'upload' && name === 'gateway')),
  );
}

/**
 * One contender on one scenario, before the load: its checked answer and its upstream calls per
 * operation (a load entry), or its n/a row (or, for the upload scenario, its upload row).
 */
async function prepareScenario(
  name: ContenderName,
  contender: Contender,
  s: Scenario,
  config: BenchConfig,
  upstream: Upstream,
  schema: string,
  answers: Map<string, unknown>,
): Promise<LoadEntry | Row> {
  if (name === 'gateway' && s.needsSchema && !schema.includes(s.needsSchema.text)) {
    return naRow(config, s, name, s.needsSchema.reason);
  }
  if (s.kind === 'upload') return uploadRow(config, upstream, contender, s);
  const body = JSON.stringify(s.bodies[name]?.(upstream.info));
  const check = await preflight(contender.url, body);
  if (!check.ok) return naRow(config, s, name, check.note);
  let note = '';
  if (name === 'gateway') answers.set(s.id, check.json);
  if ((name === 'ceiling' || name === 'gateway-id') && answers.has(s.id)) {
    note = isDeepStrictEqual(answers.get(s.id), check.json)
      ? 'same JSON as gateway'
      : 'JSON differs from gateway!';
  }
  const calls = await callsPerOperation(upstream, contender.url, body);
  return { name, url: contender.url, body, pid: contender.proc.pid ?? null, calls, note };
}

/**
 * Every contender runs for the whole benchmark, and each scenario's load rows are measured in
 * turns across contenders (measure.ts, measureInterleaved): the rows compared with each other
 * are measured in the same seconds, so a slow spell of a shared machine skews them together.
 */
async function measureAll(config: BenchConfig, upstream: Upstream, schema: string): Promise<Row[]> {
  const rows: Row[] = [];
  const running = new Map<ContenderName, Contender>();
  try {
    for (const name of config.contenders
      .slice()
      .sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b))) {
      if (scenariosOf(name, config).length === 0) continue;
      try {
        running.set(name, await startContender(name, config, upstream, running));
      } catch (error) {
        const reason = String((error as Error).message).split('\n')[0];
        const why = `n/a: ${name} did not start: ${reason}`.slice(0, 200);
        rows.push(...scenariosOf(name, config).map((s) => naRow(config, s, name, why)));
      }
    }
    const answers = new Map<string, unknown>();
    for (const s of SCENARIOS.filter((sc) => config.scenarios.includes(sc.id))) {
      const entries: LoadEntry[] = [];
      for (const [name, contender] of running) {
        if (!scenariosOf(name, config).includes(s)) continue;
        const args = [config, upstream, schema, answers] as const;
        const prepared = await prepareScenario(name, contender, s, ...args);
        if ('url' in prepared) entries.push(prepared);
        else rows.push(prepared);
      }
      if (s.kind !== 'load' || entries.length === 0) continue;
      const direct = directEntry(upstream, s);
      if (direct) entries.push(direct);
      rows.push(...(await measureInterleaved(config, upstream, s, entries)));
    }
  } finally {
    for (const contender of new Set([...running.values()].map((c) => c.proc)))
      await contender.stop();
  }
  return rows;
}

function sortRows(rows: Row[]): Row[] {
  return rows.sort(
    (a, b) =>
      a.scenario.localeCompare(b.scenario) ||
      b.connections - a.connections ||
      ORDER.indexOf(a.contender) - ORDER.indexOf(b.contender),
  );
}

export async function main(): Promise<void> {
  const config = loadBenchConfig(ROOT);
  const started = Date.now();
  const loadAtStart = loadAverage();
  pinSelf();
  const buildNote = config.build
    ? build()
    : `gateway from ${config.gatewayMode === 'dist' ? 'dist/ (not rebuilt)' : 'src/ through tsx'}`;
  const schema = readFileSync(`${ROOT}/schema.graphql`, 'utf8');
  const upstream = await startUpstream(config.dialect);
  const rows: Row[] = [];
  let fixture = 'not measured';
  try {
    if (config.duration >= 2) fixture = await fixtureAlone(upstream, Math.min(3, config.duration));
    rows.push(...(await measureAll(config, upstream, schema)));
  } finally {
    await upstream.proc.stop();
  }
  const report = renderReport({
    config,
    rows: sortRows(rows),
    startedAt: started,
    loadAtStart,
    buildNote,
    fixture,
  });
  mkdirSync(dirname(config.out), { recursive: true });
  writeFileSync(config.out, report);
  process.stdout.write(`${report}\nwritten to ${config.out}\n`);
  // The soak (bench/soak.ts) runs after the table when BENCH_SOAK_SECONDS is set.
  const soakSeconds = Number(process.env.BENCH_SOAK_SECONDS ?? 0);
  if (soakSeconds > 0) {
    const soak = await runSoak(soakSeconds);
    process.stdout.write(`\n${soak.lines.join('\n')}\n`);
    if (!soak.ok) process.exitCode = 1;
  }
}

await main();
