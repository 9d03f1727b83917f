/**
 * Measuring a scenario: for each contender a checked single request and the exact upstream calls
 * per operation (counted at the fixture over a few sequential operations); then every contender
 * under load in turns (warm-up, one-second bursts), at N connections and at one connection, with
 * each contender's peak RSS.
 */
import type { BenchConfig } from './config.js';
import type { Contender, Upstream } from './contenders.js';
import { PLANS } from './ceiling.js';
import { nextCallerToken, percentile, runLoad } from './load.js';
import { sampleRss } from './proc.js';
import type { Scenario } from './scenarios.js';
import type { Row } from './table.js';

const PROBES = 4;

export interface Preflight {
  ok: boolean;
  /** The parsed response (compared between gateway and ceiling). */
  json: unknown;
  note: string;
}

const callerHeaders = () => ({
  'content-type': 'application/json',
  accept: 'application/json',
  authorization: `Bearer ${nextCallerToken()}`,
});

export async function preflight(url: string, body: string): Promise<Preflight> {
  const res = await fetch(url, { method: 'POST', headers: callerHeaders(), body });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, json: null, note: `error: HTTP ${res.status}, not JSON` };
  }
  const errors = (json as { errors?: { message?: string; extensions?: { code?: string } }[] })
    .errors;
  if (res.status !== 200 || errors?.length) {
    const first = errors?.[0];
    const why = first ? `${first.extensions?.code ?? ''} ${first.message ?? ''}`.trim() : text;
    return { ok: false, json, note: `error: HTTP ${res.status}: ${why.slice(0, 120)}` };
  }
  return { ok: true, json, note: '' };
}

/** Exact upstream calls of one operation, counted at the fixture. */
export async function callsPerOperation(upstream: Upstream, url: string, body: string) {
  await upstream.reset();
  for (let i = 0; i < PROBES; i++) {
    await fetch(url, { method: 'POST', headers: callerHeaders(), body }).then((r) =>
      r.arrayBuffer(),
    );
  }
  return (await upstream.stats()).count / PROBES;
}

/** One contender of a scenario's load rows: what it is sent and what its rows say. */
export interface LoadEntry {
  name: Row['contender'];
  url: string;
  /** The POSTed body; a GET without one (the direct upstream call). */
  body?: string;
  /** The process whose RSS is sampled; none for the fixture itself. */
  pid: number | null;
  calls: number;
  note: string;
  /** Only in the one-connection rows (the direct call: "p99 added" is measured against it). */
  latencyOnly?: boolean;
}

interface Tally {
  ok: number;
  failed: number;
  seconds: number;
  upstreamCalls: number;
  rss: number | null;
  samples: Float64Array[];
}

/**
 * The load rows of one scenario, its contenders measured in turns. At each connection setting,
 * after each contender's warm-up, one-second bursts go to each contender in turn until each has
 * had its duration; a row merges its contender's bursts (answers over their time, percentiles
 * over every response time, the highest RSS). A slow spell of a shared machine then lands on
 * every contender alike: measured one after another, rows of the same run that were compared
 * with each other were a minute apart, and two runs in the same hour disagreed by 1.6×.
 */
export async function measureInterleaved(
  config: BenchConfig,
  upstream: Upstream,
  scenario: Scenario,
  entries: readonly LoadEntry[],
): Promise<Row[]> {
  const rows: Row[] = [];
  const runs = [
    { connections: config.connections, seconds: config.duration },
    ...(config.latencyDuration > 0 && config.connections !== 1
      ? [{ connections: 1, seconds: config.latencyDuration }]
      : []),
  ];
  for (const run of runs) {
    const measured = entries.filter((e) => !e.latencyOnly || run.connections === 1);
    for (const entry of measured) {
      if (config.warmup <= 0) continue;
      await runLoad({ ...target(entry), connections: run.connections, seconds: config.warmup });
    }
    const bursts = Math.max(1, Math.round(run.seconds));
    const tallies = new Map<LoadEntry, Tally>(
      measured.map((e) => [
        e,
        { ok: 0, failed: 0, seconds: 0, upstreamCalls: 0, rss: null, samples: [] },
      ]),
    );
    for (let burst = 0; burst < bursts; burst++) {
      // Each burst starts one contender later: none always follows the same one (the gateway
      // and gateway-id rows share a process, and one may pay for the other's garbage).
      const turn = [
        ...measured.slice(burst % measured.length),
        ...measured.slice(0, burst % measured.length),
      ];
      for (const entry of turn) {
        const tally = tallies.get(entry)!;
        await upstream.reset();
        const rss = entry.pid === null ? null : sampleRss(entry.pid);
        const result = await runLoad({
          ...target(entry),
          connections: run.connections,
          seconds: run.seconds / bursts,
        });
        const peak = rss?.stop() ?? null;
        tally.upstreamCalls += (await upstream.stats()).count;
        tally.ok += result.ok;
        tally.failed += result.failed;
        tally.seconds += result.seconds;
        tally.samples.push(result.samples);
        if (peak !== null) tally.rss = Math.max(tally.rss ?? 0, peak);
      }
    }
    for (const [entry, tally] of tallies) {
      rows.push(rowOf(scenario, entry, run.connections, bursts, tally));
    }
  }
  return rows;
}

const target = (entry: LoadEntry) => ({
  url: entry.url,
  ...(entry.body === undefined ? {} : { body: entry.body }),
});

function merged(parts: readonly Float64Array[]): Float64Array {
  const all = new Float64Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return all.sort();
}

function rowOf(
  scenario: Scenario,
  entry: LoadEntry,
  connections: number,
  bursts: number,
  tally: Tally,
): Row {
  const notes = [entry.note];
  if (tally.failed > 0) notes.push(`${tally.failed} failed`);
  // Operations still in flight when a burst stops have made some of their calls too.
  const low = entry.calls * tally.ok;
  const high = entry.calls * (tally.ok + connections * bursts);
  if (tally.upstreamCalls < low * 0.99 || tally.upstreamCalls > high * 1.01) {
    notes.push(`${(tally.upstreamCalls / Math.max(1, tally.ok)).toFixed(2)} calls/op under load`);
  }
  const samples = merged(tally.samples);
  return {
    scenario: scenario.id,
    contender: entry.name,
    connections,
    rps: tally.seconds > 0 ? tally.ok / tally.seconds : null,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    callsPerOp: entry.calls,
    rssMb: entry.pid === null ? null : tally.rss,
    note: notes.filter(Boolean).join('; '),
  };
}

/**
 * The direct upstream call of a scenario (the first call the ceiling makes: scenario 1's message
 * page, scenario 2's chat list, scenario 3's message), for the one-connection rows: "p99 added"
 * is a contender's p99 minus this one's, measured in the same turns.
 */
export function directEntry(upstream: Upstream, scenario: Scenario): LoadEntry | null {
  const plan = PLANS[upstream.info.dialect];
  const { chatId, messageId, phoneNumber } = upstream.info;
  const paths: Partial<Record<Scenario['id'], string>> = {
    s1: plan.listMessages(chatId, 25),
    s2: plan.listChats(phoneNumber, 10),
    s3: plan.getMessage(chatId, messageId),
  };
  const path = paths[scenario.id];
  if (!path) return null;
  return {
    name: 'direct',
    url: `${upstream.url}${path}`,
    pid: null,
    calls: 1,
    note: `the direct upstream call: GET ${path}`,
    latencyOnly: true,
  };
}

export function naRow(
  config: BenchConfig,
  scenario: Scenario,
  contender: Contender['name'],
  note: string,
): Row {
  return {
    scenario: scenario.id,
    contender,
    connections: config.connections,
    rps: null,
    p50: null,
    p99: null,
    callsPerOp: null,
    rssMb: null,
    note,
  };
}
