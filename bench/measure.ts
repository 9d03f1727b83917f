/**
 * Measuring one contender on one scenario: a checked single request, the exact upstream calls
 * per operation (counted at the fixture over a few sequential operations), warm-up, then the
 * measured runs at N connections and at one connection, with the contender's peak RSS.
 */
import type { BenchConfig } from './config.js';
import type { Contender, Upstream } from './contenders.js';
import { PLANS } from './ceiling.js';
import { nextCallerToken, runLoad } from './load.js';
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

export async function measureLoad(
  config: BenchConfig,
  upstream: Upstream,
  contender: Contender,
  scenario: Scenario,
  body: string,
  calls: number,
  note: string,
): Promise<Row[]> {
  const rows: Row[] = [];
  const runs = [
    { connections: config.connections, seconds: config.duration },
    ...(config.latencyDuration > 0 && config.connections !== 1
      ? [{ connections: 1, seconds: config.latencyDuration }]
      : []),
  ];
  for (const run of runs) {
    if (config.warmup > 0) {
      await runLoad({
        url: contender.url,
        body,
        connections: run.connections,
        seconds: config.warmup,
      });
    }
    await upstream.reset();
    const rss = sampleRss(contender.proc.pid);
    const result = await runLoad({ url: contender.url, body, ...run });
    const peak = rss.stop();
    const stats = await upstream.stats();
    const notes = [note];
    if (result.failed > 0) notes.push(`${result.failed} failed`);
    // Operations still in flight when the run stops have made some of their calls too.
    const low = calls * result.ok;
    const high = calls * (result.ok + run.connections);
    if (stats.count < low * 0.99 || stats.count > high * 1.01) {
      notes.push(`${(stats.count / Math.max(1, result.ok)).toFixed(2)} calls/op under load`);
    }
    rows.push({
      scenario: scenario.id,
      contender: contender.name,
      connections: run.connections,
      rps: result.rps,
      p50: result.p50,
      p99: result.p99,
      callsPerOp: calls,
      rssMb: peak,
      note: notes.filter(Boolean).join('; '),
    });
  }
  return rows;
}

/**
 * The direct upstream call of a scenario at one connection (the first call the ceiling makes:
 * scenario 1's message page, scenario 2's chat list, scenario 3's message), measured in the same
 * run: "p99 added" is a contender's p99 minus this one's.
 */
export async function measureDirect(
  config: BenchConfig,
  upstream: Upstream,
  scenario: Scenario,
): Promise<Row | null> {
  const plan = PLANS[upstream.info.dialect];
  const { chatId, messageId, phoneNumber } = upstream.info;
  const paths: Partial<Record<Scenario['id'], string>> = {
    s1: plan.listMessages(chatId, 25),
    s2: plan.listChats(phoneNumber, 10),
    s3: plan.getMessage(chatId, messageId),
  };
  const path = paths[scenario.id];
  const seconds = config.latencyDuration;
  if (!path || seconds <= 0) return null;
  const url = `${upstream.url}${path}`;
  if (config.warmup > 0) await runLoad({ url, connections: 1, seconds: config.warmup });
  const result = await runLoad({ url, connections: 1, seconds });
  return {
    scenario: scenario.id,
    contender: 'direct',
    connections: 1,
    rps: result.rps,
    p50: result.p50,
    p99: result.p99,
    callsPerOp: 1,
    rssMb: null,
    note: `the direct upstream call: GET ${path}`,
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
