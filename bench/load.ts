/**
 * One load run with autocannon: fixed connections and duration, POSTing one GraphQL body.
 * Every request carries a caller token of its own (`Authorization: Bearer bench-<n>`), as the
 * held-out harness sends them: nothing may be shared between callers.
 * Latency percentiles come from our own sample of every 2xx response time (autocannon's
 * histogram keeps whole milliseconds only, too coarse for sub-millisecond services).
 */
import autocannon from 'autocannon';

let tokens = 0;
/** A caller token never sent before (by this process). */
export const nextCallerToken = (): string => `bench-${process.pid}-${++tokens}`;

export interface LoadResult {
  /** 2xx responses. */
  ok: number;
  /** Non-2xx responses plus socket errors and timeouts. */
  failed: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  /** Every 2xx response time, in ms, sorted. */
  samples: Float64Array;
}

export interface LoadOptions {
  url: string;
  /** A POST body; GET when absent. */
  body?: string;
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  let samples = new Float64Array(1 << 16);
  let count = 0;
  // Without a callback autocannon returns its instance, which is also a promise of the result.
  const headers = { 'content-type': 'application/json', ...options.headers };
  const instance = autocannon({
    url: options.url,
    method: options.body === undefined ? 'GET' : 'POST',
    headers,
    ...(options.body === undefined ? {} : { body: options.body }),
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          headers: { ...headers, authorization: `Bearer ${nextCallerToken()}` },
        }),
      },
    ],
    connections: options.connections,
    pipelining: 1,
    duration: options.seconds,
    timeout: 10,
  }) as unknown as autocannon.Instance & Promise<autocannon.Result>;
  const events: autocannon.Instance = instance;
  events.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status < 200 || status >= 300) return;
    if (count === samples.length) {
      const bigger = new Float64Array(samples.length * 2);
      bigger.set(samples);
      samples = bigger;
    }
    samples[count++] = ms;
  });
  const result = await instance;
  const sorted = samples.subarray(0, count).sort();
  const seconds = result.duration;
  return {
    ok: count,
    failed: result.non2xx + result.errors + result.timeouts,
    seconds,
    rps: count / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    samples: sorted,
  };
}
