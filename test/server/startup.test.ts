// The gateway process as `npm start` runs it (src/server.ts in a child process): configuration
// errors end it with a clear message and status 1, never a raw stack trace; the last-resort
// guards log what nothing else caught.
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installProcessGuards } from '../../src/process-guards.js';
import { captureLogs } from '../helpers/logs.js';

const SERVER = fileURLToPath(new URL('../../src/server.ts', import.meta.url));

function runGateway(env: Record<string, string>): Promise<{ status: number | null; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) =>
    child.once('exit', (status) => {
      clearTimeout(timer);
      resolve({ status, err });
    }),
  );
}

let taken: Server;
let takenPort: number;
beforeAll(async () => {
  taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  takenPort = (taken.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())));

describe('startup errors', () => {
  it('NODE_ENV=production without LINQ_BASE_URL refuses to start', async () => {
    const { status, err } = await runGateway({ NODE_ENV: 'production', PORT: '0' });
    expect(status).toBe(1);
    expect(err).toContain('Invalid configuration:');
    expect(err).toContain('LINQ_BASE_URL: required when NODE_ENV=production');
  }, 30_000);

  it('a port already in use is a configuration error, not a stack trace', async () => {
    const { status, err } = await runGateway({ HOST: '127.0.0.1', PORT: String(takenPort) });
    expect(status).toBe(1);
    expect(err.trim()).toBe(
      `Invalid configuration:\n  - PORT: 127.0.0.1 port ${takenPort} is already in use`,
    );
  }, 30_000);
});

describe('last-resort process guards', () => {
  it('logs an unhandled rejection and keeps serving; an uncaught exception shuts down once', () => {
    const logs = captureLogs('info');
    const proc = new EventEmitter();
    let fatal = 0;
    const uninstall = installProcessGuards(logs.logger, () => fatal++, proc);
    proc.emit('unhandledRejection', new Error('lost promise'));
    expect(fatal).toBe(0);
    proc.emit('uncaughtException', new TypeError('boom'));
    proc.emit('uncaughtException', new TypeError('boom again'));
    expect(fatal).toBe(1);
    const lines = logs.lines.map((l) => JSON.parse(l) as { level: number; msg: string });
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [50, 'unhandled promise rejection (still serving)'],
      [60, 'uncaught exception: shutting down'],
      [60, 'uncaught exception: shutting down'],
    ]);
    uninstall();
    expect(proc.listenerCount('unhandledRejection')).toBe(0);
  });
});
