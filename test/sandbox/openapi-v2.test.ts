// Contract suite: every v2 operation the sandbox implements, happy path and main error paths,
// over real HTTP; requests and responses validated against spec/linq/linq-api-v2.json.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { contractCall, type ContractCall, type Target } from '../helpers/openapi-client.js';
import { runCase, untestedRoutes } from '../helpers/openapi-cases.js';
import { probeUnimplemented } from '../helpers/openapi-probe.js';
import { unrejected } from '../helpers/openapi-mutate.js';
import { V2_CASES as BASE_CASES } from './openapi-v2-cases.js';
import type { V2Ctx } from './openapi-v2-ctx.js';
import { V2_EFFECT_CASES } from './openapi-v2-effects.js';
import { V2_WEBHOOK_CASES } from './openapi-v2-webhook-cases.js';
import { V2_WRITE_CASES } from './openapi-v2-write-cases.js';

const V2_CASES = [...BASE_CASES, ...V2_WRITE_CASES, ...V2_EFFECT_CASES, ...V2_WEBHOOK_CASES];

const P = '/api/partner/v2';
/** Spec operations the sandbox does not implement, on purpose. Shrink it; never grow it. */
const V2_UNIMPLEMENTED = [
  `POST ${P}/chats`,
  `GET ${P}/chats/find`,
  `PUT ${P}/chats/{chat_id}/mark_as_read`,
  `POST ${P}/chats/{chat_id}/start_typing`,
  `DELETE ${P}/chats/{chat_id}/stop_typing`,
  `POST ${P}/chats/{chat_id}/share_contact`,
  `GET ${P}/contacts`,
  `POST ${P}/contacts`,
  `GET ${P}/contacts/{id}`,
  `PUT ${P}/contacts/{id}`,
  `DELETE ${P}/contacts/{id}`,
  `PATCH ${P}/contacts/{id}`,
  `GET ${P}/contacts/find`,
  `PUT ${P}/phone_numbers/{id}`,
  `POST ${P}/i_message_availability/check`,
];

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let target: Target;
const ctx = {} as V2Ctx;
const succeeded = new Set<string>();

/** A validated call that must succeed; returns the parsed body. */
async function ok(route: string, call: Omit<ContractCall, 'route'>): Promise<unknown> {
  const r = await contractCall(target, { route, ...call });
  expect(r.responseErrors, `${route} → ${r.status}`).toEqual([]);
  if (r.status >= 300) throw new Error(`${route} → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

async function discover(): Promise<V2Ctx> {
  type Numbers = { phone_numbers: Array<{ phone_number: string }> };
  type List = { data: Array<{ id: number }> };
  const phone = ((await ok(`GET ${P}/phone_numbers`, {})) as Numbers).phone_numbers[0]!
    .phone_number;
  const otherPhone = ((await ok(`GET ${P}/phone_numbers`, { auth: 'other' })) as Numbers)
    .phone_numbers[0]!.phone_number;
  const chatId = ((await ok(`GET ${P}/chats`, { query: { phone_number: phone } })) as List).data[0]!
    .id;
  const otherChatId = (
    (await ok(`GET ${P}/chats`, {
      query: { phone_number: otherPhone },
      auth: 'other',
    })) as List
  ).data[0]!.id;
  const messages = `GET ${P}/chats/{chat_id}/chat_messages`;
  const messageId = ((await ok(messages, { path: { chat_id: chatId } })) as List).data[0]!.id;
  const otherMessageId = (
    (await ok(messages, {
      path: { chat_id: otherChatId },
      auth: 'other',
    })) as List
  ).data[0]!.id;
  const sendForm = async (body: Array<[string, string | Blob]>): Promise<number> => {
    const res = await ok(`POST ${P}/chats/{chat_id}/chat_messages`, {
      path: { chat_id: chatId },
      body,
    });
    return (res as { data: { id: number } }).data.id;
  };
  return {
    phone,
    chatId,
    otherChatId,
    messageId,
    otherMessageId,
    sendForm,
    get: ok,
    sendText: (text) => sendForm([['message[text]', text]]),
    react: async () => {
      const res = await ok(`POST ${P}/chat_messages/{chat_message_id}/reactions`, {
        path: { chat_message_id: messageId },
        body: { type: 'question', operation: 'add' },
      });
      return (res as { data: { id: number } }).data.id;
    },
  };
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  target = { url: sandbox.url, tokens: sandbox.tokens };
  Object.assign(ctx, await discover());
});

afterAll(async () => {
  await sandbox?.close();
});

describe('v2 contract (linq-api-v2.json)', () => {
  for (const c of V2_CASES) {
    it(`${c.route} — ${c.name}`, async () => {
      const r = await runCase(target, c, ctx, (route, fault) => {
        sandbox.controls.injectFault({ route, times: 1, fault });
      });
      if (r.status < 300) succeeded.add(c.route);
    });
  }

  // Runs after the cases above (vitest runs a file's tests in order): a route counts as tested
  // only when one of its cases got a success status.
  it('leaves exactly the listed operations unimplemented', async () => {
    expect(untestedRoutes('v2', V2_CASES, succeeded).sort()).toEqual([...V2_UNIMPLEMENTED].sort());
    const served = await probeUnimplemented(sandbox, target, V2_UNIMPLEMENTED);
    expect(
      served,
      'the sandbox serves these: add contract cases and drop them from the list',
    ).toEqual([]);
  });
});

describe('v2: the sandbox rejects every spec-invalid variant of a valid body with 400/422', () => {
  type Base = (c: V2Ctx) => Promise<Omit<ContractCall, 'route'>>;
  const bodies: Array<[string, Base]> = [
    [
      `POST ${P}/chats/{chat_id}/chat_messages`,
      async (c) => ({
        path: { chat_id: c.chatId },
        body: [
          ['message[text]', 'hi'],
          ['message[idempotency_key]', 'mutation-key'],
          ['message[attachments][]', new Blob([new Uint8Array([1, 2])], { type: 'image/png' })],
          ['message[attachment_urls][]', 'https://example.com/a.jpg'],
        ],
      }),
    ],
    [
      `POST ${P}/chats/{chat_id}/chat_messages/{id}/edit`,
      async (c) => ({
        path: { chat_id: c.chatId, id: await c.sendText('edit me') },
        body: { text: 'x' },
      }),
    ],
    [
      `POST ${P}/chat_messages/{chat_message_id}/reactions`,
      async (c) => ({
        path: { chat_message_id: await c.sendText('react') },
        body: { type: 'love', operation: 'add' },
      }),
    ],
  ];
  for (const [route, base] of bodies) {
    it(route, async () => {
      const { sent, bad } = await unrejected(target, route, () => base(ctx), [400, 422]);
      expect(sent).toBeGreaterThan(0);
      expect(bad).toEqual([]);
    });
  }
});
