/** Settings of a benchmark run, from BENCH_* environment variables (see bench/README.md). */
import { resolve } from 'node:path';
import type { ContenderName, ScenarioId } from './scenarios.js';

export interface BenchConfig {
  /** Seconds measured per row under load. */
  duration: number;
  /** Seconds of warm-up before each measured row. */
  warmup: number;
  /** Seconds of the one-connection latency rows (0: none). */
  latencyDuration: number;
  connections: number;
  contenders: ContenderName[];
  scenarios: ScenarioId[];
  gatewayMode: 'dist' | 'src';
  /** Run `npm run build` first (only with gatewayMode 'dist'). */
  build: boolean;
  out: string;
  /** Write a --cpu-prof of the gateway here. */
  cpuProfDir: string | undefined;
  uploadBytes: number;
  /** The Linq dialect the gateway, the ceiling and Tailcall speak (Mesh: v3 only). */
  dialect: 'v2' | 'v3';
}

const num = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number ≥ 0`);
  return value;
};

function list<T extends string>(name: string, allowed: readonly T[]): T[] {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return [...allowed];
  const values = raw
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  const bad = values.filter((v) => !(allowed as readonly string[]).includes(v));
  if (bad.length > 0)
    throw new Error(`${name}: unknown ${bad.join(', ')} (use ${allowed.join(', ')})`);
  return values as T[];
}

export function loadBenchConfig(root: string): BenchConfig {
  const duration = num('BENCH_DURATION', 8);
  const gatewayMode = process.env.BENCH_GATEWAY === 'src' ? 'src' : 'dist';
  return {
    duration,
    warmup: num('BENCH_WARMUP', Math.min(2, duration)),
    latencyDuration: num('BENCH_LATENCY_DURATION', Math.min(5, duration)),
    connections: Math.max(1, Math.round(num('BENCH_CONNECTIONS', 10))),
    contenders: list('BENCH_CONTENDERS', [
      'gateway',
      'gateway-id',
      'ceiling',
      'mesh',
      'tailcall',
    ] as const),
    scenarios: list('BENCH_SCENARIOS', ['s1', 's2', 's3', 's4', 's5'] as const),
    gatewayMode,
    build: gatewayMode === 'dist' && process.env.BENCH_BUILD !== '0',
    out: resolve(root, process.env.BENCH_OUT ?? 'bench/results/latest.md'),
    cpuProfDir: process.env.BENCH_CPU_PROF ? resolve(root, process.env.BENCH_CPU_PROF) : undefined,
    uploadBytes: num('BENCH_UPLOAD_BYTES', 100_000_000),
    dialect: process.env.BENCH_DIALECT === 'v3' ? 'v3' : 'v2',
  };
}
