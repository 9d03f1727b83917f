/**
 * The hot-path metrics (src/plugins/metric-series.ts) are written exactly as prom-client writes
 * its own counters and histograms: the same observations in a prom-client metric and in a series
 * metric give the same exposition, in both formats a Registry serves, and the same JSON.
 */
import { Counter, Histogram, Registry, type RegistryContentType } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { SeriesCounter, SeriesHistogram } from '../../src/plugins/metric-series.js';

const BUCKETS = [0.005, 0.05, 0.5, 5];
const OBSERVED: [string, string, number][] = [
  ['GET', '/chats', 0.004],
  ['GET', '/chats', 0.005], // on a bound: counted in that bucket (le)
  ['GET', '/chats', 0.3],
  ['POST', '/messages', 12], // above every bound: +Inf only
  ['GET', '/chats', 0.049],
];

function registries(contentType: RegistryContentType) {
  const theirs = new Registry<RegistryContentType>();
  const ours = new Registry<RegistryContentType>();
  theirs.setContentType(contentType);
  ours.setContentType(contentType);
  const labelNames = ['method', 'route'] as const;
  const spec = { name: 'calls', help: 'Calls "by" route\\n.', labelNames };
  const hspec = { name: 'call_seconds', help: 'Call durations.', labelNames, buckets: BUCKETS };
  const counter = new Counter({ ...spec, registers: [theirs] });
  const histogram = new Histogram({ ...hspec, registers: [theirs] });
  const seriesCounter = new SeriesCounter({ ...spec, registers: [ours] });
  const seriesHistogram = new SeriesHistogram({ ...hspec, registers: [ours] });
  for (const [method, route, seconds] of OBSERVED) {
    counter.labels(method, route).inc();
    histogram.labels(method, route).observe(seconds);
    seriesCounter.series(method, route).inc();
    seriesHistogram.series(method, route).observe(seconds);
  }
  return { theirs, ours };
}

describe('metric series', () => {
  it.each([
    ['Prometheus text', Registry.PROMETHEUS_CONTENT_TYPE],
    ['OpenMetrics', Registry.OPENMETRICS_CONTENT_TYPE],
  ] as const)('expose what prom-client exposes (%s)', async (_format, contentType) => {
    const { theirs, ours } = registries(contentType);
    const text = await ours.metrics();
    expect(text).toBe(await theirs.metrics());
    expect(text).toContain('call_seconds_bucket{le="0.005",method="GET",route="/chats"} 2');
    expect(text).toContain('call_seconds_bucket{le="+Inf",method="POST",route="/messages"} 1');
  });

  it('give the same JSON, and reset with the registry', async () => {
    const { theirs, ours } = registries(Registry.PROMETHEUS_CONTENT_TYPE);
    // prom-client adds an empty `exemplar` to its values (exemplars are off in the gateway).
    const withoutExemplars = (json: unknown) =>
      JSON.parse(JSON.stringify(json, (k, v: unknown) => (k === 'exemplar' ? undefined : v)));
    expect(await ours.getMetricsAsJSON()).toEqual(
      withoutExemplars(await theirs.getMetricsAsJSON()),
    );
    theirs.resetMetrics();
    ours.resetMetrics();
    expect(await ours.metrics()).toBe(await theirs.metrics());
  });

  it('refuse what prom-client refuses: bad names, unordered buckets, a wrong label count', () => {
    const registers: Registry[] = [];
    expect(() => new SeriesCounter({ name: 'a-b', help: 'x', labelNames: [], registers })).toThrow(
      /name/,
    );
    expect(
      () =>
        new SeriesHistogram({ name: 'h', help: 'x', labelNames: ['le'], buckets: [1], registers }),
    ).toThrow(/label/);
    expect(
      () =>
        new SeriesHistogram({ name: 'h', help: 'x', labelNames: [], buckets: [2, 1], registers }),
    ).toThrow(/buckets/);
    const counter = new SeriesCounter({ name: 'c', help: 'x', labelNames: ['a', 'b'], registers });
    expect(() => counter.series('only one')).toThrow(/2 label values/);
  });
});
