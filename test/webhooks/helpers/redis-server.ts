// Starts a throwaway real redis-server on a free port (no persistence) and stops it.
// When redis-server is not installed the caller's beforeAll FAILS with a clear message:
// these tests must never silently skip.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';

export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** `port`: restart a stopped server on the port its clients know (outage tests). */
export async function startRedisServer(port?: number): Promise<RedisServer> {
  const which = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (which.error || which.status !== 0) {
    throw new Error(
      'redis-server was not found on PATH. The cross-instance webhook tests need a real Redis: ' +
        'install it with `apt-get update && apt-get install -y redis-server`.',
    );
  }
  port ??= await freePort();
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0 });
  probe.on('error', () => undefined);
  for (let i = 0; ; i++) {
    try {
      await probe.connect();
      await probe.ping();
      break;
    } catch (error) {
      probe.disconnect();
      if (i >= 100 || child.exitCode !== null) {
        child.kill('SIGKILL');
        throw new Error(`redis-server did not start on port ${port}: ${String(error)}`);
      }
      await sleep(50);
    }
  }
  probe.disconnect();
  return {
    url,
    port,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Waits until `channel` has at least `count` Redis subscribers (SUBSCRIBE is asynchronous). */
export async function waitForSubscribers(url: string, channel: string, count = 1): Promise<void> {
  const client = new Redis(url);
  try {
    for (let i = 0; i < 200; i++) {
      const reply = (await client.pubsub('NUMSUB', channel)) as [string, number];
      if (Number(reply[1]) >= count) return;
      await sleep(10);
    }
    throw new Error(`no subscriber on ${channel}`);
  } finally {
    client.disconnect();
  }
}
