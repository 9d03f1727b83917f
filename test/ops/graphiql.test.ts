/**
 * GraphiQL works offline: the page and everything it references come from the gateway itself,
 * and no other host is named anywhere in the page. It opens with the product's title and the
 * default documents (a chat list with messages; sendMessage with variables).
 */
import { describe, expect, it } from 'vitest';
import {
  CHATS_DOCUMENT,
  GRAPHIQL_TITLE,
  SEND_DOCUMENT,
} from '../../src/graphiql/default-documents.js';
import { passThroughOnly } from '../../src/auth/index.js';
import { chatGlobalId } from '../helpers/ids.js';
import { useBlockRig } from '../helpers/rig.js';

const BASE = 'http://gateway.test';

describe('GraphiQL', () => {
  const rig = useBlockRig({ gateway: { graphiql: true } });

  const page = async () => {
    const response = await rig.yoga.fetch(`${BASE}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    return response.text();
  };

  it('loads the page and every asset it references from the gateway', async () => {
    const html = await page();
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    const workers = [...html.matchAll(/"(\/graphql\/graphiql\/[^"]+\.js)"/g)].map((m) => m[1]!);
    const all = [...new Set([...refs, ...workers])];
    expect(all.sort()).toEqual([
      '/graphql/graphiql/editor.worker.js',
      '/graphql/graphiql/favicon.ico',
      '/graphql/graphiql/graphiql.css',
      '/graphql/graphiql/graphiql.js',
      '/graphql/graphiql/graphql.worker.js',
      '/graphql/graphiql/json.worker.js',
    ]);
    for (const ref of all) {
      const response = await rig.yoga.fetch(`${BASE}${ref}`);
      expect(response.status, ref).toBe(200);
      expect((await response.arrayBuffer()).byteLength, ref).toBeGreaterThan(100);
    }
  });

  it('names no other host (no CDN, no absolute URL) in the page', async () => {
    const html = await page();
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/["'(]\/\/[a-z0-9]/i); // protocol-relative URLs
  });

  it('loads nothing from elsewhere: no remote url() or @import, no CDN in scripts', async () => {
    const css = await (await rig.yoga.fetch(`${BASE}/graphql/graphiql/graphiql.css`)).text();
    expect(css).not.toMatch(/url\(\s*['"]?(https?:)?\/\//i);
    expect(css).not.toMatch(/@import/i);
    for (const name of ['graphiql.js', 'editor.worker.js', 'json.worker.js', 'graphql.worker.js']) {
      const js = await (await rig.yoga.fetch(`${BASE}/graphql/graphiql/${name}`)).text();
      expect(js, name).not.toMatch(/unpkg\.com|jsdelivr|cdnjs|googleapis|esm\.sh|skypack/i);
    }
  });

  it('shows the product title and opens with the default documents', async () => {
    const html = await page();
    expect(html).toContain(`<title>${GRAPHIQL_TITLE}</title>`);
    expect(html).toContain('query ChatsWithMessages');
    expect(html).toContain('mutation SendMessage($input: SendMessageInput!)');
    expect(html).toContain('idempotencyKey');
  });

  it('opens with a document that runs against the sandbox as it is', async () => {
    const response = await rig.yoga.fetch(`${BASE}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: CHATS_DOCUMENT, variables: { phone: '+12025550101' } }),
    });
    const body = (await response.json()) as { data?: { chats: { edges: unknown[] } } };
    expect(body).not.toHaveProperty('errors');
    expect(body.data?.chats.edges.length).toBeGreaterThan(0);
  });

  it('opens with a sendMessage tab that sends (once per idempotency key)', async () => {
    const chatId = chatGlobalId('v3', rig.sandbox.store.fixtures().groupChat);
    const send = async () => {
      const response = await rig.yoga.fetch(`${BASE}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: SEND_DOCUMENT,
          variables: { input: { chatId, text: 'Hello from GraphiQL', idempotencyKey: 'gq-1' } },
        }),
      });
      return (await response.json()) as { data?: { sendMessage: Record<string, unknown> } };
    };
    const first = await send();
    expect(first).not.toHaveProperty('errors');
    expect(first.data?.sendMessage).toMatchObject({
      __typename: 'SendMessagePayload',
      idempotencyKey: 'gq-1',
      sentMessage: { text: 'Hello from GraphiQL' },
    });
    const again = await send();
    const sent = first.data?.sendMessage.sentMessage;
    expect(again.data?.sendMessage).toMatchObject({ sentMessage: sent });
  });

  it('fills the tabs with the demo chat on the sandbox only, and sends everything as POST', async () => {
    const chatId = chatGlobalId('v3', rig.sandbox.store.fixtures().bigChat);
    // createGatewayYoga's default caller policy, as `npm start` on the sandbox.
    const onSandbox = rig.yogaWith({ auth: passThroughOnly(), sandbox: rig.sandbox });
    const html = await (
      await onSandbox.fetch(`${BASE}/graphql`, { headers: { accept: 'text/html' } })
    ).text();
    expect(html).toContain(chatId);
    expect(html).toContain('mutation SimulateInbound');
    expect(html).toContain('"method":"POST"');
    const plain = await page();
    expect(plain).not.toContain(chatId);
    expect(plain).not.toContain('mutation SimulateInbound');
    expect(plain).toContain('subscription MessageAdded');
  });

  it('is off when disabled: the endpoint answers GraphQL only', async () => {
    const off = rig.yogaWith({ graphiql: false });
    const response = await off.fetch(`${BASE}/graphql`, { headers: { accept: 'text/html' } });
    expect(await response.text()).not.toContain('<html');
    expect((await off.fetch(`${BASE}/graphql/graphiql/graphiql.js`)).status).toBe(404);
  });
});
