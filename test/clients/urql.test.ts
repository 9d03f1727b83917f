// urql (@urql/core) as clients/urql.ts sets it up, against a real gateway over HTTP and
// WebSocket: queries (urql's default GET), subscriptions over SSE and graphql-ws, uploads.
import { Client, fetchExchange } from '@urql/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createUrqlClient } from '../../clients/urql.js';
import {
  CHATS,
  expectChats,
  expectMessageAdded,
  expectUpload,
  startClientRig,
  type ClientAdapter,
  type ClientRig,
} from './rig.js';

function adapter(client: Client): ClientAdapter {
  const unwrap = (result: { data?: unknown; error?: Error | undefined }) => {
    if (result.error) throw result.error;
    return result.data as Record<string, unknown>;
  };
  return {
    query: async (document, variables) =>
      unwrap(await client.query(document, variables).toPromise()),
    mutate: async (document, variables) =>
      unwrap(await client.mutation(document, variables).toPromise()),
    firstEvent: (document, variables, trigger) =>
      new Promise((resolve, reject) => {
        const { unsubscribe } = client.subscription(document, variables).subscribe((result) => {
          unsubscribe();
          if (result.error) reject(result.error);
          else resolve(result.data as Record<string, unknown>);
        });
        trigger().catch(reject);
      }),
  };
}

describe.each(['v3', 'v2'] as const)('urql (%s)', (dialect) => {
  let rig: ClientRig;
  beforeAll(async () => {
    rig = await startClientRig(dialect);
  });
  afterAll(() => rig?.gateway.close());

  it('queries with its default GET (the CSRF header is in fetchOptions)', async () => {
    await expectChats(adapter(createUrqlClient({ url: rig.gateway.url })), rig);
  });

  it('is refused without that header: GET needs it (CSRF prevention)', async () => {
    const bare = new Client({ url: rig.gateway.url, exchanges: [fetchExchange] });
    const result = await bare.query(CHATS, { phone: rig.phone }).toPromise();
    expect(result.error?.response?.status).toBe(403);
  });

  it.each(['sse', 'ws'] as const)('gets messageAdded over %s', async (subscriptions) => {
    const client = createUrqlClient({
      url: rig.gateway.url,
      subscriptions,
      webSocketImpl: WebSocket,
    });
    await expectMessageAdded(adapter(client), rig);
  });

  it('uploads a file (multipart, with attachmentSizes)', async () => {
    await expectUpload(adapter(createUrqlClient({ url: rig.gateway.url })), rig);
  });
});
