/**
 * Child processes of the benchmark: spawn (pinned to a core with `taskset` when it exists),
 * wait until ready, sample RSS from /proc, stop by pid.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism } from 'node:os';

export const CPUS = availableParallelism();

const hasTaskset =
  process.env.BENCH_PIN !== '0' &&
  process.platform === 'linux' &&
  spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status === 0;

/**
 * Core plan on a machine with ≥ 2 cores: load generator and fixture upstream on core 0, the
 * contender on core 1. null: no pinning (one core, no taskset, or BENCH_PIN=0).
 */
export const PINNING = hasTaskset && CPUS >= 2 ? { load: 0, contender: 1 } : null;

/** Pins the current process (the load generator) to the load core. */
export function pinSelf(): void {
  if (PINNING)
    spawnSync('taskset', ['-cp', String(PINNING.load), String(process.pid)], { stdio: 'ignore' });
}

export interface Proc {
  readonly name: string;
  readonly child: ChildProcess;
  readonly pid: number;
  /** Lines of stderr seen so far (for error messages). */
  readonly log: string[];
  stop(): Promise<void>;
}

export function start(
  name: string,
  command: string,
  args: string[],
  options: { cpu?: number | undefined; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Proc {
  const pinned = PINNING && options.cpu !== undefined;
  const child = pinned
    ? spawn('taskset', ['-c', String(options.cpu), command, ...args], {
        env: options.env,
        cwd: options.cwd,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
    : spawn(command, args, {
        env: options.env,
        cwd: options.cwd,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
  const log: string[] = [];
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    log.push(chunk);
    if (log.length > 200) log.shift();
  });
  if (child.pid === undefined) throw new Error(`${name}: could not start ${command}`);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  // taskset execs the command, so the pid is the command's own.
  return { name, child, pid: child.pid, log, stop };
}

/** Resolves with the first stdout line parsed as JSON. */
export function firstJsonLine<T>(proc: Proc, timeoutMs = 30_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(
      () => fail(new Error(`${proc.name}: not ready after ${timeoutMs} ms`)),
      timeoutMs,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(new Error(`${error.message}\n${proc.log.join('').slice(-2000)}`));
    };
    proc.child.once('exit', (code) => fail(new Error(`${proc.name}: exited with ${code}`)));
    proc.child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      const end = buffer.indexOf('\n');
      if (end < 0) return;
      clearTimeout(timer);
      try {
        resolve(JSON.parse(buffer.slice(0, end)) as T);
      } catch (error) {
        fail(error as Error);
      }
    });
  });
}

/** Polls until a POST of `body` answers 200. */
export async function waitForHttp(
  proc: Proc,
  url: string,
  body: string,
  headers: Record<string, string> = {},
  timeoutMs = 60_000,
) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) break;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
      last = `${res.status} ${(await res.text()).slice(0, 300)}`;
      if (res.status === 200) return;
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${proc.name}: not ready at ${url} (${last})\n${proc.log.join('').slice(-2000)}`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resident set size of a process in MB, from /proc (null where there is no /proc). */
export function rssMb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

/** Samples a process's RSS every `everyMs` and keeps the peak. */
export function sampleRss(pid: number, everyMs = 100) {
  let peak: number | null = rssMb(pid);
  const timer = setInterval(() => {
    const now = rssMb(pid);
    if (now !== null && (peak === null || now > peak)) peak = now;
  }, everyMs);
  return {
    stop(): number | null {
      clearInterval(timer);
      const now = rssMb(pid);
      if (now !== null && (peak === null || now > peak)) peak = now;
      return peak;
    },
  };
}
