/**
 * A caller's scope on every path data can take, both dialects, over real HTTP: a JWT caller
 * allowed one of the account's numbers (the "home" line) against chats of another of its
 * numbers (the "away" line). Out-of-scope reads look exactly like "not found"; out-of-scope
 * writes are FORBIDDEN with no Linq write (read-only: no Linq call at all); the sandbox's
 * request recorder proves the counts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeNodeId } from '../../src/schema/relay/global-id.js';
import { messageKey } from '../../src/schema/loading/keys.js';
import type { Dialect } from '../../src/upstream/model.js';
import { sseSubscribe } from '../subscriptions/helpers/sse.js';
import { AUDIENCE, ISSUER, startIdentityProvider, type IdentityProvider } from './identity.js';
import { bearer, startSecuredGateway, type SecuredGateway } from './rig.js';

/** One of each write: send, edit, delete and react. */
const EVERY_WRITE = `mutation ($chat: ID!, $msg: ID!) {
  s: sendMessage(input: { chatId: $chat, text: "x" }) { __typename }
  e: editMessage(input: { messageId: $msg, text: "y" }) { __typename }
  d: deleteMessage(input: { messageId: $msg }) { __typename }
  r: addReaction(input: { messageId: $msg, type: LIKE }) { __typename }
}`;

interface ChatRecLike {
  v2Id: number;
  uuid: string;
  messages: { v2Id: number; uuid: string }[];
}

describe.each<Dialect>(['v2', 'v3'])('scopes on %s', (dialect) => {
  let idp: IdentityProvider;
  let gw: SecuredGateway;
  let home: string;
  let away: string;
  let homeChat: ChatRecLike;
  let awayChat: ChatRecLike;
  let reader: string;
  let writer: string;

  const up = (rec: { v2Id: number; uuid: string }) =>
    dialect === 'v2' ? String(rec.v2Id) : rec.uuid;
  const chatId = (chat: ChatRecLike) => encodeNodeId(dialect, 'Chat', up(chat));
  const messageId = (chat: ChatRecLike, i = 0) =>
    encodeNodeId(dialect, 'Message', messageKey({ chatId: up(chat), id: up(chat.messages[i]!) }));
  const missingChatId = () =>
    encodeNodeId(
      dialect,
      'Chat',
      dialect === 'v2' ? '987654' : '00000000-0000-4000-8000-000000000000',
    );

  beforeAll(async () => {
    idp = await startIdentityProvider();
    gw = await startSecuredGateway(
      {
        AUTH_MODES: 'jwt',
        JWT_JWKS_URL: idp.jwksUrl,
        JWT_ISSUER: ISSUER,
        JWT_AUDIENCE: AUDIENCE,
        LINQ_MAX_RETRIES: '0',
      },
      dialect,
    );
    const store = gw.sandbox.store;
    const account = store.accounts.find((a) => a.id === 'primary')!;
    [home, away] = gw.fixtures.primaryPhones as [string, string];
    const withMessages = (phone: string) =>
      store
        .chatsOf(account, phone)
        .find((c) => c.messages.length >= 2 && !c.isGroup) as unknown as ChatRecLike;
    homeChat = withMessages(home);
    awayChat = withMessages(away);
    expect(homeChat && awayChat).toBeTruthy();
    reader = await idp.sign({ sub: 'reader', linq_phone_numbers: [home] }, { expiresIn: '1h' });
    writer = await idp.sign(
      { sub: 'writer', linq_phone_numbers: [home], scope: 'linq:read linq:write' },
      { expiresIn: '1h' },
    );
  });
  afterAll(async () => {
    await gw.close();
    await idp.close();
  });
  beforeEach(() => gw.resetCalls());

  const errorOf = (reply: {
    body: { errors?: { message: string; extensions?: Record<string, unknown> }[] };
  }) => {
    const e = reply.body.errors?.[0];
    return e ? { message: e.message, extensions: e.extensions } : null;
  };

  it('phoneNumbers lists only the numbers in scope', async () => {
    const reply = await gw.post<{ phoneNumbers: { number: string }[] }>(
      '{ phoneNumbers { number } }',
      {
        headers: bearer(reader),
      },
    );
    expect(reply.body.data?.phoneNumbers.map((p) => p.number)).toEqual([home]);
  });

  it('chats of a number out of scope are empty, with no Linq call', async () => {
    const query =
      'query ($p: String!) { chats(phoneNumber: $p, first: 5) { edges { node { id } } pageInfo { hasNextPage } } }';
    const awayReply = await gw.post<{ chats: { edges: unknown[] } }>(query, {
      variables: { p: away },
      headers: bearer(reader),
    });
    expect(awayReply.body.errors).toBeUndefined();
    expect(awayReply.body.data?.chats.edges).toEqual([]);
    expect(gw.upstreamCalls()).toBe(0);
    const homeReply = await gw.post<{ chats: { edges: unknown[] } }>(query, {
      variables: { p: home },
      headers: bearer(reader),
    });
    expect(homeReply.body.data?.chats.edges.length).toBeGreaterThan(0);
  });

  it('chat(id:) out of scope is indistinguishable from a chat that does not exist', async () => {
    const query = 'query ($id: ID!) { chat(id: $id) { id displayName } }';
    const awayReply = await gw.post(query, {
      variables: { id: chatId(awayChat) },
      headers: bearer(reader),
    });
    const missing = await gw.post(query, {
      variables: { id: missingChatId() },
      headers: bearer(reader),
    });
    expect(awayReply.body.data).toEqual({ chat: null });
    expect(errorOf(awayReply)?.extensions?.code).toBe('NOT_FOUND');
    expect(errorOf(awayReply)).toEqual(errorOf(missing));
    const homeReply = await gw.post(query, {
      variables: { id: chatId(homeChat) },
      headers: bearer(reader),
    });
    expect(homeReply.body.errors).toBeUndefined();
  });

  it('node, nodes, message and nested fields hold the scope', async () => {
    const reply = await gw.post<{ nodes: ({ id: string } | null)[]; m: unknown; n: unknown }>(
      `query ($ids: [ID!]!, $msg: ID!, $chat: ID!) {
        nodes(ids: $ids) { id }
        m: message(id: $msg) { id text chat { id } }
        n: node(id: $chat) { id ... on Chat { messages(first: 2) { edges { node { id text } } } } }
      }`,
      {
        variables: {
          ids: [chatId(homeChat), chatId(awayChat), messageId(homeChat), messageId(awayChat)],
          msg: messageId(awayChat, 1),
          chat: chatId(awayChat),
        },
        headers: bearer(reader),
      },
    );
    const nodes = reply.body.data?.nodes ?? [];
    expect(nodes.map((n) => n !== null)).toEqual([true, false, true, false]);
    expect(reply.body.data?.m).toBeNull();
    expect(reply.body.data?.n).toBeNull();
    const codes = (reply.body.errors ?? []).map((e) => e.extensions?.['code']);
    expect(codes.length).toBe(4);
    expect(new Set(codes)).toEqual(new Set(['NOT_FOUND']));
    // No message text of the away chat left the gateway.
    const text = JSON.stringify(reply.body);
    for (const m of awayChat.messages.slice(0, 2)) expect(text).not.toContain(up(m));
  });

  it('a scoped caller pays at most the one chat read its scope needs (shared with the loader)', async () => {
    const chatWithMessages =
      'query ($id: ID!) { chat(id: $id) { id messages(first: 5) { edges { node { id } } } } }';
    const messageWithChat = 'query ($id: ID!) { message(id: $id) { id chat { id displayName } } }';
    const wide = await idp.sign({ sub: 'wide', linq_phone_numbers: '*' }, { expiresIn: '1h' });
    const counts: Record<string, number[]> = {};
    for (const token of [wide, reader]) {
      for (const [name, query, id] of [
        ['chat+messages', chatWithMessages, chatId(homeChat)],
        ['message+chat', messageWithChat, messageId(homeChat)],
      ] as const) {
        gw.resetCalls();
        const reply = await gw.post(query, { variables: { id }, headers: bearer(token) });
        expect(reply.body.errors).toBeUndefined();
        (counts[name] ??= []).push(gw.upstreamCalls());
      }
    }
    // chat(id:) { messages } is one list call for a caller allowed every number; a caller held
    // to some numbers needs the chat to decide, once.
    expect(counts['chat+messages']).toEqual([1, 2]);
    expect(counts['message+chat']).toEqual([2, 2]);
  });

  it('_entities holds the scope', async () => {
    const reply = await gw.post<{ _entities: ({ id: string } | null)[] }>(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Chat { id displayName } ... on Message { id text } } }',
      {
        variables: {
          r: [
            { __typename: 'Chat', id: chatId(awayChat) },
            { __typename: 'Message', id: messageId(awayChat) },
            { __typename: 'Chat', id: chatId(homeChat) },
          ],
        },
        headers: bearer(reader),
      },
    );
    expect(reply.body.data?._entities.map((e) => e !== null)).toEqual([false, false, true]);
    expect((reply.body.errors ?? []).every((e) => e.extensions?.['code'] === 'NOT_FOUND')).toBe(
      true,
    );
  });

  it('two callers with different scopes never share loaded objects', async () => {
    const wide = await idp.sign({ sub: 'wide', linq_phone_numbers: '*' }, { expiresIn: '1h' });
    const query = 'query ($id: ID!) { chat(id: $id) { id } }';
    const variables = { id: chatId(awayChat) };
    const replies = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        gw.post(query, { variables, headers: bearer(i % 2 ? wide : reader) }),
      ),
    );
    replies.forEach((r, i) => expect(r.body.data?.chat === null).toBe(i % 2 === 0));
  });

  it('a read-only caller may not write: FORBIDDEN with no Linq call (send, edit, delete, react)', async () => {
    const reply = await gw.post<Record<string, { __typename: string }>>(EVERY_WRITE, {
      variables: { chat: chatId(homeChat), msg: messageId(homeChat) },
      headers: bearer(reader),
    });
    expect(reply.body.errors).toBeUndefined();
    expect(Object.values(reply.body.data ?? {}).map((v) => v.__typename)).toEqual(
      Array(4).fill('ForbiddenError'),
    );
    expect(gw.upstreamCalls()).toBe(0);
  });

  it('a writer may not write to a chat of another number: FORBIDDEN, no Linq write', async () => {
    const reply = await gw.post<Record<string, { __typename: string }>>(EVERY_WRITE, {
      variables: { chat: chatId(awayChat), msg: messageId(awayChat) },
      headers: bearer(writer),
    });
    expect(Object.values(reply.body.data ?? {}).map((v) => v.__typename)).toEqual(
      Array(4).fill('ForbiddenError'),
    );
    const methods = gw.sandbox.controls.requests().map((r) => r.method);
    expect(methods.every((m) => m === 'GET')).toBe(true); // the chat read that decided it
    expect(methods.length).toBeLessThanOrEqual(1);
  });

  it('a writer writes to its own chat', async () => {
    const reply = await gw.post<{ sendMessage: { __typename: string } }>(
      'mutation ($chat: ID!) { sendMessage(input: { chatId: $chat, text: "in scope" }) { __typename } }',
      { variables: { chat: chatId(homeChat) }, headers: bearer(writer) },
    );
    expect(reply.body.data?.sendMessage.__typename).toBe('SendMessagePayload');
  });

  it('an upload from a read-only caller is FORBIDDEN before any Linq call', async () => {
    const form = new FormData();
    form.set(
      'operations',
      JSON.stringify({
        query:
          'mutation ($c: ID!, $f: [Upload!]) { sendMessage(input: { chatId: $c, attachments: $f, attachmentSizes: [5] }) { __typename } }',
        variables: { c: chatId(homeChat), f: [null] },
      }),
    );
    form.set('map', JSON.stringify({ '0': ['variables.f.0'] }));
    form.set('0', new Blob(['hello'], { type: 'text/plain' }), 'a.txt');
    const res = await fetch(gw.gateway.url, {
      method: 'POST',
      headers: { ...bearer(reader), 'x-graphql-yoga-csrf': '1' },
      body: form,
    });
    const body = (await res.json()) as { data?: { sendMessage: { __typename: string } } };
    expect(body.data?.sendMessage.__typename).toBe('ForbiddenError');
    expect(gw.upstreamCalls()).toBe(0);
  });

  it('a subscription to a chat out of scope fails like a missing chat; its own works', async () => {
    const query = 'subscription ($chatId: ID!) { typing(chatId: $chatId) { isTyping } }';
    const awaySub = await sseSubscribe<unknown>(
      gw.gateway.url,
      query,
      { chatId: chatId(awayChat) },
      reader,
    );
    const first = await awaySub.nth(0);
    expect(first.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    awaySub.close();
  });
});

describe('subscriptions check the credential on every event', () => {
  it('a subscription whose token expired ends with UNAUTHENTICATED at the next event', async () => {
    const idp = await startIdentityProvider();
    const gw = await startSecuredGateway({
      AUTH_MODES: 'jwt',
      JWT_JWKS_URL: idp.jwksUrl,
      JWT_ISSUER: ISSUER,
      JWT_AUDIENCE: AUDIENCE,
    });
    try {
      const chat = gw.fixtures.bigChat;
      const token = await idp.sign(
        { sub: 'short', linq_phone_numbers: '*' },
        { expiresIn: Math.floor(Date.now() / 1000) + 2 },
      );
      const sub = await sseSubscribe<{ messageAdded: { node: { text: string } } }>(
        gw.gateway.url,
        'subscription ($chatId: ID!) { messageAdded(chatId: $chatId) { node { text } } }',
        { chatId: encodeNodeId('v3', 'Chat', chat.uuid) },
        token,
      );
      expect(sub.status).toBe(200);
      await new Promise((r) => setTimeout(r, 300));
      gw.sandbox.controls.simulateInbound({ chatId: chat.uuid, text: 'while valid' });
      expect((await sub.nth(0)).data?.messageAdded.node.text).toBe('while valid');
      await new Promise((r) => setTimeout(r, 2200));
      gw.sandbox.controls.simulateInbound({ chatId: chat.uuid, text: 'after expiry' });
      const next = await sub.nth(1);
      expect(next.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(JSON.stringify(sub.results)).not.toContain('after expiry');
      sub.close();
    } finally {
      await gw.close();
      await idp.close();
    }
  });
});
