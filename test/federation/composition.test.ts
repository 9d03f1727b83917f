/**
 * Composition: our subgraph (schema.graphql, as a platform team would take it) and a foreign CRM
 * subgraph compose with @apollo/composition; @apollo/gateway (hosted by Yoga) then runs queries
 * that span both over real HTTP. The router batches each hop's references into one `_entities`
 * request, which our loaders turn into one upstream read per distinct chat.
 */
import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { ApolloGateway } from '@apollo/gateway';
import { useApolloFederation } from '@envelop/apollo-federation';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_FILE } from '../../src/print-schema.js';
import { chatGlobalId } from '../helpers/ids.js';
import { startRig, type Rig } from '../helpers/rig.js';
import { ROUTES } from '../schema/budgets.js';
import { createCrmYoga, CRM_TYPE_DEFS } from './crm-subgraph.js';
import { serveGraph, type ServedGraph } from './http.js';
import { JSON_ONLY, post } from '../helpers/graphql.js';
import { closeAll } from '../helpers/close.js';

const quietLogger = { debug() {}, info() {}, warn() {}, error() {} };

describe('composition with a foreign subgraph (v3)', () => {
  let rig: Rig;
  let linq: ServedGraph;
  let crm: ServedGraph;
  let router: ServedGraph;
  let gateway: ApolloGateway;
  let bigChat: string;
  let groupChat: string;
  let contact: string;

  beforeAll(async () => {
    rig = await startRig({ dialect: 'v3' });
    bigChat = chatGlobalId('v3', rig.fixtures.bigChat);
    groupChat = chatGlobalId('v3', rig.fixtures.groupChat);
    const handles = await post<{ chat: { handles: { address: string; isMe: boolean }[] } }>(
      rig.yoga,
      'query($id: ID!) { chat(id: $id) { handles { address isMe } } }',
      { id: bigChat },
      JSON_ONLY,
    );
    contact = handles.data!.chat.handles.find((h) => !h.isMe)!.address;

    linq = await serveGraph((request) => rig.yoga.fetch(request));
    crm = await serveGraph(
      createCrmYoga({
        pinned: [bigChat, groupChat, bigChat],
        notes: { [contact]: ['prefers SMS', 'VIP'] },
      }).fetch,
    );
    const composed = composeServices([
      { name: 'linq', typeDefs: parse(readFileSync(SCHEMA_FILE, 'utf8')), url: linq.url },
      { name: 'crm', typeDefs: CRM_TYPE_DEFS, url: crm.url },
    ]);
    if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
    gateway = new ApolloGateway({ supergraphSdl: composed.supergraphSdl, logger: quietLogger });
    await gateway.load();
    const yoga = createYoga({
      plugins: [useApolloFederation({ gateway, logger: quietLogger })],
      logging: false,
      graphiql: false,
    });
    router = await serveGraph(yoga.fetch);
  });

  afterAll(async () => {
    await gateway?.stop();
    await closeAll(router, crm, linq, rig);
  });

  it('refuses a second owner of Query.node (ids only resolve here)', () => {
    const typeDefs = parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])
      interface Node { id: ID! }
      type Query { node(id: ID!): Node }
    `);
    const composed = composeServices([
      { name: 'linq', typeDefs: parse(readFileSync(SCHEMA_FILE, 'utf8')), url: linq.url },
      { name: 'other', typeDefs, url: 'http://127.0.0.1:9/graphql' },
    ]);
    expect(composed.errors?.map((e) => e.extensions['code'])).toContain('INVALID_FIELD_SHARING');
  });

  const reset = () => {
    rig.resetCounts();
    linq.received.length = 0;
    crm.received.length = 0;
  };

  it('composes schema.graphql with the CRM and merges their fields', async () => {
    reset();
    const result = await post<{
      pinnedChats: {
        id: string;
        pinnedReason: string | null;
        isGroup: boolean;
        handles: { address: string; notes: string[] }[];
      }[];
    }>(
      router.url,
      `query Pinned { pinnedChats { id pinnedReason isGroup displayName
        handles { address isMe notes } } }`,
      {},
      JSON_ONLY,
    );
    expect(result.errors).toBeUndefined();
    const chats = result.data!.pinnedChats;
    expect(chats.map((c) => [c.id, c.isGroup, c.pinnedReason])).toEqual([
      [bigChat, false, 'pinned by support'],
      [groupChat, true, 'pinned by support'],
      [bigChat, false, 'pinned by support'],
    ]);
    const notes = chats[0]!.handles.find((h) => h.address === contact)?.notes;
    expect(notes).toEqual(['prefers SMS', 'VIP']);

    // CRM → linq (one batched _entities for all pinned chats) → CRM (one for the handles).
    expect(crm.received).toHaveLength(2);
    expect(linq.received).toHaveLength(1);
    expect(linq.received[0]!.query).toContain('_entities');
    const reps = linq.received[0]!.variables?.representations as { id: string }[];
    expect(new Set(reps.map((r) => r.id))).toEqual(new Set([bigChat, groupChat]));
    // ... which the Chat loader turns into one read per distinct chat, nothing else.
    expect(rig.calls()).toEqual({ [ROUTES.v3.getChat]: 2 });
  });

  it('runs queries that start in our subgraph and fetch CRM fields by key', async () => {
    reset();
    const result = await post<{
      chat: { pinnedReason: string | null; messages: { nodes: { sender: { notes: string[] } }[] } };
    }>(
      router.url,
      `query($id: ID!) { chat(id: $id) { id pinnedReason
        messages(first: 20) { nodes { id sender { address notes } } } } }`,
      { id: groupChat },
      JSON_ONLY,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.chat.pinnedReason).toBe('pinned by support');
    expect(result.data!.chat.messages.nodes.length).toBeGreaterThan(0);
    expect(linq.received).toHaveLength(1);
    // The router asks linq for the chat's id and messages only (pinnedReason is the CRM's):
    // one list call, no chat read; then, in parallel, one CRM _entities request for the chat
    // and one for all the senders (however many messages there are).
    expect(crm.received).toHaveLength(2);
    expect(crm.received.every((op) => op.query.includes('_entities'))).toBe(true);
    expect(rig.calls()).toEqual({ [ROUTES.v3.listMessages]: 1 });
  });
});
