// What the client-library tests share: `npm start`'s gateway (embedded sandbox, real HTTP and
// WebSocket on port 0), the documents a chat UI sends, and one scenario per capability, run by
// each library's adapter (urql, Apollo Client; Relay has its own compiled documents).
import { expect } from 'vitest';
import type { Dialect } from '../../src/upstream/model.js';
import type { RunningGateway } from '../../src/server.js';
import { chatGlobalId } from '../helpers/ids.js';
import { post } from '../helpers/graphql.js';
import { startInstance, streamsOf, waitForStreams } from '../helpers/rig.js';

export const CHATS = `query Chats($phone: String!) {
  chats(phoneNumber: $phone, first: 3) { edges { node { id displayName } } }
}`;

export const MESSAGE_ADDED = `subscription MessageAdded($chatId: ID!) {
  messageAdded(chatId: $chatId) { cursor node { id text isFromMe } }
}`;

export const SIMULATE = `mutation Simulate($chatId: ID!, $text: String) {
  sandboxSimulateInbound(chatId: $chatId, text: $text) { message { id } }
}`;

export const SEND_FILE = `mutation SendFile($input: SendMessageInput!) {
  sendMessage(input: $input) {
    __typename
    ... on SendMessagePayload { sentMessage { id attachments { filename sizeBytes } } }
    ... on Error { message }
  }
}`;

export interface ClientRig {
  gateway: RunningGateway;
  dialect: Dialect;
  phone: string;
  chatId: string;
}

export async function startClientRig(dialect: Dialect): Promise<ClientRig> {
  const gateway = await startInstance({ LINQ_API_VERSION: dialect });
  const fixtures = gateway.sandbox!.store.fixtures();
  return {
    gateway,
    dialect,
    phone: fixtures.primaryPhone,
    chatId: chatGlobalId(dialect, fixtures.bigChat),
  };
}

/** A small text file for an upload, with its size for `attachmentSizes`. */
export function invoice(): File {
  return new File(['invoice #4821\n'.repeat(64)], 'invoice.txt', { type: 'text/plain' });
}

type Data = Record<string, unknown> | null | undefined;

/** The three things a chat UI does, as one library does them. */
export interface ClientAdapter {
  query(document: string, variables: Record<string, unknown>): Promise<Data>;
  mutate(document: string, variables: Record<string, unknown>): Promise<Data>;
  /** Starts a subscription; resolves with its first event once `trigger` made one. */
  firstEvent(
    document: string,
    variables: Record<string, unknown>,
    trigger: () => Promise<void>,
  ): Promise<Data>;
}

export async function expectChats(client: ClientAdapter, rig: ClientRig): Promise<void> {
  const data = await client.query(CHATS, { phone: rig.phone });
  const edges = (data?.chats as { edges: { node: { id: string } }[] }).edges;
  expect(edges.length).toBe(3);
}

/** A trigger for firstEvent: once the subscription is open, a message arrives (sandbox). */
export function inboundMessage(rig: ClientRig, text: string): () => Promise<void> {
  return async () => {
    await waitForStreams(rig.gateway, 1);
    // The sandbox-only mutation is not in schema.client.graphql (Relay could not compile it).
    const made = await post(rig.gateway, SIMULATE, { chatId: rig.chatId, text });
    expect(made.errors).toBeUndefined();
  };
}

export async function expectMessageAdded(client: ClientAdapter, rig: ClientRig): Promise<void> {
  const text = `hello over ${Math.random().toString(36).slice(2)}`;
  // The streams of earlier tests are closed first, so the one counted is this client's.
  await expect.poll(() => streamsOf(rig.gateway)).toBe(0);
  const event = await client.firstEvent(
    MESSAGE_ADDED,
    { chatId: rig.chatId },
    inboundMessage(rig, text),
  );
  expect(event?.messageAdded).toMatchObject({ node: { text, isFromMe: false } });
}

export async function expectUpload(client: ClientAdapter, rig: ClientRig): Promise<void> {
  const file = invoice();
  const data = await client.mutate(SEND_FILE, {
    input: {
      chatId: rig.chatId,
      text: 'Invoice attached',
      attachments: [file],
      attachmentSizes: [file.size],
    },
  });
  expect(data?.sendMessage).toMatchObject({
    __typename: 'SendMessagePayload',
    sentMessage: { attachments: [{ filename: 'invoice.txt', sizeBytes: file.size }] },
  });
}
