/** Starts the sandbox on port 0 with one adapter client per dialect, with fast retries. */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { createLinqClient, type LinqApi, type LinqClientConfig } from '../../src/upstream/index.js';

export interface Rig {
  sandbox: Sandbox;
  v2: LinqApi;
  v3: LinqApi;
  logs: string[];
  client(overrides: Partial<LinqClientConfig> & Pick<LinqClientConfig, 'dialect'>): LinqApi;
  close(): Promise<void>;
}

export async function startRig(): Promise<Rig> {
  const sandbox = await startSandbox({ port: 0 });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(chunk.toString('utf8'));
      cb();
    },
  });
  const logger = pino({ level: 'debug' }, sink);
  const clients: LinqApi[] = [];
  const client: Rig['client'] = (overrides) => {
    const api = createLinqClient({
      baseUrl: sandbox.url,
      token: sandbox.tokens.primary,
      retryBaseDelayMs: 5,
      headersTimeoutMs: 400,
      bodyTimeoutMs: 400,
      logger,
      ...overrides,
    });
    clients.push(api);
    return api;
  };
  const v2 = client({ dialect: 'v2' });
  const v3 = client({ dialect: 'v3' });
  return {
    sandbox,
    v2,
    v3,
    logs,
    client,
    async close() {
      await Promise.all(clients.map((c) => c.close()));
      await sandbox.close();
    },
  };
}
