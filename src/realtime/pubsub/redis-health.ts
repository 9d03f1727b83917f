/**
 * The health of a group of Redis connections, as one state: up while every connection is
 * ready, down from the first failure until all are ready again. Only the transitions are
 * reported (an outage is one "down" and one "up", however many commands failed meanwhile).
 */
import type { Redis } from 'ioredis';

export type RedisStateChange = (state: 'down' | 'up', reason?: string) => void;

export interface RedisHealth {
  /** Every connection is ready now. */
  ready(): boolean;
  /** A command or connection failed (reports "down" once per outage). */
  failed(error: unknown): void;
}

export function watchRedis(clients: readonly Redis[], onChange: RedisStateChange): RedisHealth {
  let down = false;
  const ready = () => clients.every((c) => c.status === 'ready');
  const failed = (error: unknown) => {
    if (down) return;
    down = true;
    // Only the message: an error object of a Redis client may carry its options (the URL).
    onChange('down', error instanceof Error ? error.message : String(error));
  };
  for (const client of clients) {
    client.on('error', failed);
    client.on('ready', () => {
      if (!down || !ready()) return;
      down = false;
      onChange('up');
    });
  }
  return { ready, failed };
}
