// Relay: relay-compiler (21, its prebuilt binary) compiles a chat view's documents with
// clients/relay.config.json against schema.client.graphql (it panics on schema.graphql's
// `extend schema @link`), and relay-runtime as clients/relay.ts sets it up runs the compiled
// operations against a real gateway: a query, messageAdded over SSE and graphql-ws, an upload.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import {
  commitMutation,
  fetchQuery,
  requestSubscription,
  type Environment,
  type GraphQLTaggedNode,
} from 'relay-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createRelayEnvironment } from '../../clients/relay.js';
import { CLIENT_SCHEMA_FILE } from '../../src/print-schema.js';
import { streamsOf } from '../helpers/rig.js';
import { inboundMessage, invoice, startClientRig, type ClientRig } from './rig.js';

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const RELAY_COMPILER = root('node_modules/.bin/relay-compiler');

let project: string;
const artifacts = new Map<string, GraphQLTaggedNode>();

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'relay-app-'));
  cpSync(root('clients/relay.config.json'), join(project, 'relay.config.json'));
  cpSync(CLIENT_SCHEMA_FILE, join(project, 'schema.client.graphql'));
  cpSync(root('test/clients/relay/ChatView.ts'), join(project, 'src/ChatView.ts'));
  writeFileSync(join(project, 'package.json'), '{"type":"module"}');
  await promisify(execFile)(RELAY_COMPILER, [], { cwd: project });
  const generated = join(project, 'src/__generated__');
  for (const file of readdirSync(generated)) {
    const module = (await import(pathToFileURL(join(generated, file)).href)) as {
      default: GraphQLTaggedNode;
    };
    artifacts.set(file.replace(/\.graphql\.ts$/, ''), module.default);
  }
}, 60_000);
afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('relay-compiler', () => {
  it('compiles queries, a @connection, @prependEdge subscriptions and mutations', () => {
    expect([...artifacts.keys()].sort()).toEqual([
      'ChatViewMessageAddedSubscription',
      'ChatViewMessagesPaginationQuery',
      'ChatViewQuery',
      'ChatViewSendFileMutation',
      'ChatView_messages',
    ]);
    // The scalar mapping of clients/relay.config.json: DateTime is a string, not unknown.
    const fragment = readFileSync(
      join(project, 'src/__generated__/ChatView_messages.graphql.ts'),
      'utf8',
    );
    expect(fragment).toMatch(/readonly sentAt: string/);
  });
});

const artifact = (name: string) => {
  const node = artifacts.get(name);
  if (!node) throw new Error(`no artifact ${name}`);
  return node;
};

describe.each(['v3', 'v2'] as const)('relay-runtime (%s)', (dialect) => {
  let rig: ClientRig;
  beforeAll(async () => {
    rig = await startClientRig(dialect);
  });
  afterAll(() => rig?.gateway.close());

  const environment = (subscriptions: 'sse' | 'ws' = 'sse'): Environment =>
    createRelayEnvironment({ url: rig.gateway.url, subscriptions, webSocketImpl: WebSocket });

  it('fetches a query', async () => {
    type Data = { chat: { id: string; displayName: string | null } };
    const data = (await fetchQuery(environment(), artifact('ChatViewQuery'), {
      chatId: rig.chatId,
    }).toPromise()) as Data;
    expect(data.chat.id).toBe(rig.chatId);
  });

  it.each(['sse', 'ws'] as const)('gets messageAdded over %s', async (subscriptions) => {
    await expect.poll(() => streamsOf(rig.gateway)).toBe(0);
    const text = `hello Relay over ${subscriptions}`;
    type Event = { messageAdded: { node: { text: string; isFromMe: boolean } } };
    const event = await new Promise<Event>((resolve, reject) => {
      const subscription = requestSubscription(environment(subscriptions), {
        subscription: artifact('ChatViewMessageAddedSubscription'),
        variables: { chatId: rig.chatId, connections: [] },
        onNext: (data) => {
          subscription.dispose();
          resolve(data as Event);
        },
        onError: reject,
      });
      inboundMessage(rig, text)().catch(reject);
    });
    expect(event.messageAdded.node).toMatchObject({ text, isFromMe: false });
  });

  it('uploads a file (uploadables, with attachmentSizes)', async () => {
    const file = invoice();
    const response = await new Promise<unknown>((resolve, reject) => {
      commitMutation(environment(), {
        mutation: artifact('ChatViewSendFileMutation'),
        variables: {
          input: {
            chatId: rig.chatId,
            text: 'Invoice attached',
            attachments: [null],
            attachmentSizes: [file.size],
          },
          connections: [],
        },
        uploadables: { 'input.attachments.0': file },
        onCompleted: resolve,
        onError: reject,
      });
    });
    expect(response).toMatchObject({
      sendMessage: {
        __typename: 'SendMessagePayload',
        sentMessage: { attachments: [{ filename: 'invoice.txt', sizeBytes: file.size }] },
      },
    });
  });
});
