/**
 * The benchmark scenarios: what each contender is asked, and how many upstream calls one
 * operation should cost. Every contender answers the same information; the gateway and the
 * ceiling answer byte-for-byte the same JSON (the harness checks it before measuring), the
 * Mesh peer answers in the shape of its OpenAPI-generated schema.
 */
import type { FixtureInfo } from './fixture-upstream.js';
import { S1, S1_MESH, S2, S2_MESH, S3, S3_MESH, S4, S4_MESH } from './queries.js';

export type ContenderName = 'gateway' | 'ceiling' | 'mesh';
export type ScenarioId = 's1' | 's2' | 's3' | 's4' | 's5';

/** One GraphQL-over-HTTP POST body. */
export interface GraphQLBody {
  operationName: string;
  query: string;
  variables: Record<string, unknown>;
}

export interface Scenario {
  id: ScenarioId;
  title: string;
  /** Upstream calls one operation needs (the same for every contender that has the scenario). */
  expectedCalls: number;
  /** Only under load scenarios (1–4); the upload scenario has its own runner (upload.ts). */
  kind: 'load' | 'upload';
  /** When set, the scenario runs only if schema.graphql contains this text. */
  needsSchema?: { text: string; reason: string };
  bodies: Partial<Record<ContenderName, (info: FixtureInfo) => GraphQLBody>>;
}

/** The relay global id the gateway issues (src/schema/global-id.ts), recomputed here. */
export const globalId = (typename: string, key: string): string =>
  Buffer.from(`lq1:v3:${typename}:${key}`, 'utf8').toString('base64url');

export const messageGlobalId = (chatId: string, id: string): string =>
  globalId('Message', JSON.stringify([chatId, id]));

export const UPLOAD_MUTATION = S4;

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 's1',
    title: "1 chat's 25 latest messages (text, sender, reactions)",
    expectedCalls: 2,
    kind: 'load',
    bodies: {
      gateway: (i) => ({
        operationName: 'S1',
        query: S1,
        variables: { id: globalId('Chat', i.chatId) },
      }),
      ceiling: (i) => ({
        operationName: 'S1',
        query: S1,
        variables: { id: globalId('Chat', i.chatId) },
      }),
      mesh: (i) => ({ operationName: 'S1', query: S1_MESH, variables: { id: i.chatId } }),
    },
  },
  {
    id: 's2',
    title: '10 chats × 10 messages with sender and chat (N+1 shape)',
    expectedCalls: 11,
    kind: 'load',
    bodies: {
      gateway: (i) => ({ operationName: 'S2', query: S2, variables: { phone: i.phoneNumber } }),
      ceiling: (i) => ({ operationName: 'S2', query: S2, variables: { phone: i.phoneNumber } }),
      mesh: (i) => ({ operationName: 'S2', query: S2_MESH, variables: { phone: i.phoneNumber } }),
    },
  },
  {
    id: 's3',
    title: 'node(id:) lookup of a message',
    expectedCalls: 1,
    kind: 'load',
    bodies: {
      gateway: (i) => ({
        operationName: 'S3',
        query: S3,
        variables: { id: messageGlobalId(i.chatId, i.messageId) },
      }),
      ceiling: (i) => ({
        operationName: 'S3',
        query: S3,
        variables: { id: messageGlobalId(i.chatId, i.messageId) },
      }),
      mesh: (i) => ({ operationName: 'S3', query: S3_MESH, variables: { id: i.messageId } }),
    },
  },
  {
    id: 's4',
    title: 'sendMessage, text only',
    expectedCalls: 1,
    kind: 'load',
    needsSchema: { text: 'sendMessage(', reason: 'n/a: mutation not in schema' },
    bodies: {
      gateway: (i) => ({
        operationName: 'S4',
        query: S4,
        variables: { input: { chatId: globalId('Chat', i.chatId), text: 'bench' } },
      }),
      mesh: (i) => ({
        operationName: 'S4',
        query: S4_MESH,
        variables: {
          chatId: i.chatId,
          input: { message: { parts: [{ TextPart_Input: { type: 'text', value: 'bench' } }] } },
        },
      }),
    },
  },
  {
    id: 's5',
    title: '100 MB upload (sendMessage with one file, multipart, streamed)',
    // presign + PUT + send
    expectedCalls: 3,
    kind: 'upload',
    needsSchema: { text: 'scalar Upload', reason: 'n/a: uploads not in schema' },
    bodies: {},
  },
];
