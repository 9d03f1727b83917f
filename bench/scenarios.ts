/**
 * The benchmark scenarios: what each contender is asked, and how many upstream calls one
 * operation should cost. Every contender answers the same information; the gateway and the
 * ceiling answer byte-for-byte the same JSON (the harness checks it before measuring), the
 * Mesh and Tailcall peers answer in the shape of their own schemas.
 *
 * `gateway-id` is the same gateway process asked for the same operations by trusted document
 * id (`documentId`, the manifest below) instead of by their text.
 */
import { createHash } from 'node:crypto';
import type { FixtureInfo } from './fixture-upstream.js';
import {
  S1,
  S1_MESH,
  S1_TAILCALL_V2,
  S1_TAILCALL_V3,
  S2,
  S2_MESH,
  S2_TAILCALL_V2,
  S2_TAILCALL_V3,
  S3,
  S3_MESH,
  S4,
  S4_MESH,
} from './queries.js';

export type ContenderName = 'gateway' | 'gateway-id' | 'ceiling' | 'mesh' | 'tailcall';
export type ScenarioId = 's1' | 's2' | 's3' | 's4' | 's5';

/** One GraphQL-over-HTTP POST body: by text, or by trusted document id. */
export interface GraphQLBody {
  operationName: string;
  query?: string;
  documentId?: string;
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

/** The relay global id the gateway issues (src/schema/relay/global-id.ts), recomputed here. */
export const globalId = (dialect: 'v2' | 'v3', typename: string, key: string): string =>
  Buffer.from(`lq1:${dialect}:${typename}:${key}`, 'utf8').toString('base64url');

export const messageGlobalId = (dialect: 'v2' | 'v3', chatId: string, id: string): string =>
  globalId(dialect, 'Message', JSON.stringify([chatId, id]));

export const UPLOAD_MUTATION = S4;

/** Trusted document ids as GraphQL Code Generator's client preset makes them (sha256 hex). */
export const documentIdOf = (text: string): string =>
  `sha256:${createHash('sha256').update(text).digest('hex')}`;

/** The gateway's trusted-documents manifest for the `gateway-id` rows. */
export const TRUSTED_MANIFEST: Record<string, string> = Object.fromEntries(
  [S1, S2, S3, S4].map((text) => [documentIdOf(text), text]),
);

/** The gateway's body by text, and the same operation by document id. */
function gatewayBodies(query: string, variables: (i: FixtureInfo) => Record<string, unknown>) {
  const name = /query (\w+)|mutation (\w+)/.exec(query);
  const operationName = name?.[1] ?? name?.[2] ?? '';
  return {
    gateway: (i: FixtureInfo) => ({ operationName, query, variables: variables(i) }),
    'gateway-id': (i: FixtureInfo) => ({
      operationName,
      documentId: documentIdOf(query),
      variables: variables(i),
    }),
    ceiling: (i: FixtureInfo) => ({ operationName, query, variables: variables(i) }),
  };
}

const byDialect = (v2: string, v3: string) => (i: FixtureInfo) => (i.dialect === 'v2' ? v2 : v3);
const chatVar = (i: FixtureInfo) => (i.dialect === 'v2' ? Number(i.chatId) : i.chatId);

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 's1',
    title: "1 chat's 25 latest messages (text, sender, reactions), no other chat field",
    expectedCalls: 1,
    kind: 'load',
    bodies: {
      ...gatewayBodies(S1, (i) => ({ id: globalId(i.dialect, 'Chat', i.chatId) })),
      mesh: (i) => ({ operationName: 'S1', query: S1_MESH, variables: { id: i.v3.chatId } }),
      tailcall: (i) => ({
        operationName: 'S1',
        query: byDialect(S1_TAILCALL_V2, S1_TAILCALL_V3)(i),
        variables: { id: chatVar(i) },
      }),
    },
  },
  {
    id: 's2',
    title: '10 chats × 10 messages with sender and chat (N+1 shape)',
    expectedCalls: 11,
    kind: 'load',
    bodies: {
      ...gatewayBodies(S2, (i) => ({ phone: i.phoneNumber })),
      mesh: (i) => ({ operationName: 'S2', query: S2_MESH, variables: { phone: i.phoneNumber } }),
      tailcall: (i) => ({
        operationName: 'S2',
        query: byDialect(S2_TAILCALL_V2, S2_TAILCALL_V3)(i),
        variables: { phone: i.phoneNumber },
      }),
    },
  },
  {
    id: 's3',
    title: 'node(id:) lookup of a message',
    expectedCalls: 1,
    kind: 'load',
    bodies: {
      ...gatewayBodies(S3, (i) => ({ id: messageGlobalId(i.dialect, i.chatId, i.messageId) })),
      mesh: (i) => ({ operationName: 'S3', query: S3_MESH, variables: { id: i.v3.messageId } }),
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
        variables: { input: { chatId: globalId(i.dialect, 'Chat', i.chatId), text: 'bench' } },
      }),
      mesh: (i) => ({
        operationName: 'S4',
        query: S4_MESH,
        variables: {
          chatId: i.v3.chatId,
          input: { message: { parts: [{ TextPart_Input: { type: 'text', value: 'bench' } }] } },
        },
      }),
    },
  },
  {
    id: 's5',
    title: '100 MB upload (sendMessage with one file, multipart, streamed)',
    // v3: presign + PUT + send; v2: one multipart send (the file streams in it).
    expectedCalls: 3,
    kind: 'upload',
    needsSchema: { text: 'scalar Upload', reason: 'n/a: uploads not in schema' },
    bodies: {},
  },
];
