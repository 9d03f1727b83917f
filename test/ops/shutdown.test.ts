/**
 * Graceful shutdown of the real process: `node --import tsx src/server.ts` on a free port with
 * the embedded sandbox. A request held up by a sandbox 'delay' fault (set through the sandbox's
 * HTTP control endpoint) is in flight when SIGTERM arrives: the gateway stops accepting new
 * connections, finishes that request, closes its pools and exits 0.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface LogLine {
  msg?: string;
  url?: string;
  upstream?: string;
  [key: string]: unknown;
}

function startProcess() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', NODE_ENV: 'test' },
    stdio: 'pipe',
  });
  const lines: LogLine[] = [];
  const waiters: { test: (l: LogLine) => boolean; resolve: (l: LogLine) => void }[] = [];
  createInterface({ input: child.stdout }).on('line', (text) => {
    let line: LogLine;
    try {
      line = JSON.parse(text) as LogLine;
    } catch {
      return;
    }
    lines.push(line);
    for (const w of [...waiters]) {
      if (w.test(line)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = (test: (l: LogLine) => boolean) =>
    new Promise<LogLine>((resolve, reject) => {
      const found = lines.find(test);
      if (found) return resolve(found);
      waiters.push({ test, resolve });
      void exited.then((code) => reject(new Error(`exited with ${code}: ${stderr}`)));
    });
  return { child, lines, exited, waitFor };
}

describe('graceful shutdown (child process)', () => {
  let child: ChildProcessWithoutNullStreams | null = null;
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('drains an in-flight request on SIGTERM, refuses new ones, and exits 0', async () => {
    const proc = startProcess();
    child = proc.child;
    const upstream = (await proc.waitFor((l) => typeof l.upstream === 'string')).upstream!;
    const url = (await proc.waitFor((l) => l.msg?.startsWith('gateway ready') === true)).url!;

    const fault = { route: 'GET /v3/phone_numbers', times: 1, fault: { type: 'delay', ms: 1500 } };
    const added = await fetch(`${upstream}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(fault),
    });
    expect(added.status).toBe(201);

    const inFlight = fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query Slow { phoneNumbers { number } }' }),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as { data?: unknown } }));

    // Wait until the sandbox holds the request, then ask the process to stop.
    for (let i = 0; i < 100; i++) {
      const recorded = (await (await fetch(`${upstream}/__sandbox/requests`)).json()) as {
        requests: { route: string | null }[];
      };
      if (recorded.requests.some((r) => r.route === 'GET /v3/phone_numbers')) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    proc.child.kill('SIGTERM');
    await proc.waitFor((l) => l.msg?.startsWith('shutting down') === true);

    // New connections are refused while the slow request is still being answered.
    await expect(
      fetch(url, { method: 'POST', body: '{}', headers: { connection: 'close' } }),
    ).rejects.toThrow();

    const result = await inFlight;
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ data: { phoneNumbers: expect.any(Array) } });
    expect(await proc.exited).toBe(0);
    expect(proc.lines.some((l) => l.msg === 'bye')).toBe(true);
    // The drained request was logged like any other.
    expect(proc.lines.find((l) => l.operationName === 'Slow')).toMatchObject({
      status: 200,
      upstreamCalls: 1,
    });
  }, 20_000);
});
