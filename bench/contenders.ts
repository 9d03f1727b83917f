/**
 * Starting the processes of a run: the fixture upstream (load core) and one contender at a time
 * (contender core): the gateway as shipped (compiled dist/, NODE_ENV=production,
 * LOG_LEVEL=warn, callers' Linq tokens passed through), the hand-written ceiling, the GraphQL
 * Mesh peer and the Tailcall peer (its npm-shipped binary, where it runs).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FixtureInfo, FixtureStats } from './fixture-upstream.js';
import { firstJsonLine, freePort, PINNING, start, waitForHttp, type Proc } from './proc.js';
import { TRUSTED_MANIFEST, type ContenderName } from './scenarios.js';

export const ROOT = resolve(import.meta.dirname, '..');
const NODE = process.execPath;
const TSX = ['--import', 'tsx'];
const PING = JSON.stringify({ query: '{ __typename }' });
/** Any token: the fixture upstream accepts every one as the seeded account. */
export const SETUP_AUTH = { authorization: 'Bearer bench-setup' };

/** Only what the children need: no stray LINQ_* or NODE_OPTIONS from the caller's shell. */
const baseEnv = (): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  TMPDIR: process.env.TMPDIR,
});

export interface Upstream {
  url: string;
  info: FixtureInfo;
  proc: Proc;
  stats(): Promise<FixtureStats>;
  reset(): Promise<void>;
}

export interface Contender {
  name: ContenderName;
  url: string;
  proc: Proc;
}

export async function startUpstream(dialect: 'v2' | 'v3'): Promise<Upstream> {
  const proc = start('fixture upstream', NODE, [...TSX, join(ROOT, 'bench/fixture-upstream.ts')], {
    cpu: PINNING?.load,
    env: { ...baseEnv(), DIALECT: dialect },
    cwd: ROOT,
  });
  const ready = await firstJsonLine<{ url: string; info: FixtureInfo }>(proc);
  return {
    ...ready,
    proc,
    stats: async () => (await (await fetch(`${ready.url}/__bench/stats`)).json()) as FixtureStats,
    reset: async () => {
      await (await fetch(`${ready.url}/__bench/reset`, { method: 'POST' })).arrayBuffer();
    },
  };
}

export interface GatewayOptions {
  /** 'dist': the compiled build (production); 'src': TypeScript through tsx (smoke test). */
  mode: 'dist' | 'src';
  /** Directory for `--cpu-prof` output; no profiling when absent. */
  cpuProfDir?: string | undefined;
}

/** The trusted-documents manifest of the scenarios, written once per run. */
function manifestFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'linq-bench-docs-')), 'persisted-documents.json');
  writeFileSync(file, JSON.stringify(TRUSTED_MANIFEST));
  return file;
}

/**
 * The gateway's environment for a bench run: production settings, the fixture as Linq in the
 * run's dialect, pass-through callers (each request's own Linq token goes upstream; no service
 * token), the scenarios' trusted documents (APQ and full text still accepted).
 */
export function gatewayEnv(upstream: Upstream, port: number): NodeJS.ProcessEnv {
  return {
    ...baseEnv(),
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: String(port),
    LINQ_BASE_URL: upstream.url,
    AUTH_MODES: 'linq-token',
    LINQ_API_VERSION: upstream.info.dialect,
    TRUSTED_DOCUMENTS_FILE: manifestFile(),
    // GATEWAY_EXECUTION / GRAPHQL_JIT from the caller's shell, to compare execution paths.
    ...(process.env.GATEWAY_EXECUTION ? { GATEWAY_EXECUTION: process.env.GATEWAY_EXECUTION } : {}),
    // BENCH_TRACING=1: every operation traced (always_on) and exported to the fixture's sink.
    ...(process.env.BENCH_TRACING === '1' ? tracingEnv(upstream) : {}),
  };
}

/** OpenTelemetry on, exporting OTLP/HTTP protobuf to the fixture upstream's sink. */
export const tracingEnv = (upstream: Upstream): NodeJS.ProcessEnv => ({
  OTEL_EXPORTER_OTLP_ENDPOINT: `${upstream.url}/__bench`,
  OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
  OTEL_TRACES_SAMPLER: 'always_on',
});

export async function startGateway(
  upstream: Upstream,
  options: GatewayOptions,
): Promise<Contender> {
  const port = await freePort();
  const entry =
    options.mode === 'dist'
      ? [join(ROOT, 'dist/src/server.js')]
      : [...TSX, join(ROOT, 'src/server.ts')];
  if (options.mode === 'dist' && !existsSync(join(ROOT, 'dist/src/server.js'))) {
    throw new Error('dist/src/server.js is missing: run `npm run build` first');
  }
  const prof = options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : [];
  const proc = start('gateway', NODE, [...prof, ...entry], {
    cpu: PINNING?.contender,
    cwd: ROOT,
    env: gatewayEnv(upstream, port),
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  await waitForHttp(proc, url, PING, SETUP_AUTH);
  return { name: 'gateway', url, proc };
}

export async function startCeiling(upstream: Upstream): Promise<Contender> {
  const proc = start('ceiling', NODE, [...TSX, join(ROOT, 'bench/ceiling.ts')], {
    cpu: PINNING?.contender,
    cwd: ROOT,
    env: {
      ...baseEnv(),
      NODE_ENV: 'production',
      UPSTREAM: upstream.url,
      DIALECT: upstream.info.dialect,
    },
  });
  const { url } = await firstJsonLine<{ url: string }>(proc);
  return { name: 'ceiling', url, proc };
}

const bin = (name: string) => realpathSync(join(ROOT, 'node_modules/.bin', name));

/** Composes the Mesh supergraph from the Linq v3 OpenAPI; returns its path. */
export async function composeMesh(): Promise<string> {
  const spec = resolve(ROOT, 'spec/linq/linq-api-v3.yaml');
  if (!existsSync(spec)) throw new Error(`the Linq v3 OpenAPI is not at ${spec}`);
  const out = join(mkdtempSync(join(tmpdir(), 'linq-bench-mesh-')), 'supergraph.graphql');
  const args = [bin('mesh-compose'), '-c', join(ROOT, 'bench/mesh/mesh.config.ts'), '-o', out];
  const child = spawn(NODE, args, {
    cwd: ROOT,
    env: { ...baseEnv(), LINQ_OPENAPI_V3: spec },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  if (code !== 0 || !existsSync(out))
    throw new Error(`mesh-compose failed (${code}): ${err.slice(-500)}`);
  return out;
}

export async function startMesh(upstream: Upstream, supergraph: string): Promise<Contender> {
  const port = await freePort();
  const args = [
    bin('hive-gateway'),
    'supergraph',
    supergraph,
    '--port',
    String(port),
    '--host',
    '127.0.0.1',
  ];
  const proc = start('mesh', NODE, args, {
    cpu: PINNING?.contender,
    cwd: ROOT,
    env: {
      ...baseEnv(),
      NODE_ENV: 'production',
      LINQ_BASE_URL: upstream.url,
    },
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  await waitForHttp(proc, url, PING, SETUP_AUTH);
  return { name: 'mesh', url, proc };
}

/** Tailcall's platform package, pinned: 1.6 needs glibc ≥ 2.38, Debian 12 has 2.36. */
const TAILCALL_PACKAGE = '@tailcallhq/core-linux-x64-gnu@1.0.0';
const TAILCALL_DIR = join(ROOT, 'bench/.tailcall');

/**
 * Tailcall's npm-shipped binary, or TAILCALL_BIN. It is not a dependency of the project (the
 * package installs on linux x64 glibc only, and `npm ci` must work everywhere): the first bench
 * run installs it into bench/.tailcall (git-ignored) from the npm registry. Throws with the
 * reason when it cannot be had or does not run here; the report then says so.
 */
export function tailcallBinary(): string {
  const installed = join(TAILCALL_DIR, 'node_modules/@tailcallhq/core-linux-x64-gnu/bin/tailcall');
  if (!process.env.TAILCALL_BIN && !existsSync(installed)) {
    const res = spawnSync(
      'npm',
      [
        'install',
        '--no-save',
        '--no-audit',
        '--no-fund',
        '--prefix',
        TAILCALL_DIR,
        TAILCALL_PACKAGE,
      ],
      { encoding: 'utf8' },
    );
    if (res.status !== 0) {
      throw new Error(`cannot install ${TAILCALL_PACKAGE}: ${res.stderr.trim().split('\n').pop()}`);
    }
  }
  const found = process.env.TAILCALL_BIN ?? installed;
  if (!existsSync(found)) throw new Error(`no Tailcall binary at ${found}`);
  const res = spawnSync(found, ['--version'], { encoding: 'utf8' });
  if (res.status !== 0) {
    throw new Error(`tailcall does not run here: ${(res.stderr || String(res.error)).trim()}`);
  }
  return found;
}

/** Tailcall over the same fixture, in the run's dialect (bench/tailcall/linq-<dialect>.graphql). */
export async function startTailcall(upstream: Upstream): Promise<Contender> {
  const binary = tailcallBinary();
  const port = await freePort();
  const template = readFileSync(
    join(ROOT, `bench/tailcall/linq-${upstream.info.dialect}.graphql`),
    'utf8',
  );
  const config = join(mkdtempSync(join(tmpdir(), 'linq-bench-tailcall-')), 'linq.graphql');
  writeFileSync(
    config,
    template.replace('__PORT__', String(port)).replaceAll('__UPSTREAM__', upstream.url),
  );
  const proc = start('tailcall', binary, ['start', config], {
    cpu: PINNING?.contender,
    cwd: ROOT,
    // No usage tracking (the machine is offline anyway), no log line per request.
    env: { ...baseEnv(), TRACKER: 'false', TAILCALL_LOG_LEVEL: 'error', TC_LOG_LEVEL: 'error' },
  });
  proc.child.stdout?.resume();
  const url = `http://127.0.0.1:${port}/graphql`;
  await waitForHttp(proc, url, PING, SETUP_AUTH);
  return { name: 'tailcall', url, proc };
}
