// Every seeded record, not just the first page: both accounts, both dialects, every chat and every
// message list validated strictly against the OpenAPI documents (seed data with rare shapes —
// stickers, custom emoji, media, replies, left handles — must be spec-valid too).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import {
  contractCall,
  type Auth,
  type ContractCall,
  type Target,
} from '../helpers/openapi-client.js';

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let target: Target;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  target = { url: sandbox.url, tokens: sandbox.tokens };
});

afterAll(async () => {
  await sandbox?.close();
});

/** Calls, asserts a 200 with a spec-valid body, returns the body. */
async function valid(route: string, call: Omit<ContractCall, 'route'>): Promise<unknown> {
  const r = await contractCall(target, { route, ...call });
  expect({ route, status: r.status, errors: r.responseErrors }).toEqual({
    route,
    status: 200,
    errors: [],
  });
  return r.body;
}

type Numbers = { phone_numbers: Array<{ phone_number: string }> };
const ACCOUNTS: Auth[] = ['primary', 'other'];
const P = '/api/partner/v2';

describe.each(ACCOUNTS)('seed data of the %s account', (auth) => {
  it('v3: every chat list page, message list and thread is spec-valid', async () => {
    type Msg = { id: string; reply_to?: { message_id: string } | null };
    const numbers = (await valid('GET /v3/phone_numbers', { auth })) as Numbers;
    let checked = 0;
    for (const { phone_number: from } of numbers.phone_numbers) {
      const { chats } = (await valid('GET /v3/chats', { auth, query: { from, limit: 100 } })) as {
        chats: Array<{ id: string }>;
      };
      for (const chat of chats) {
        const { messages } = (await valid('GET /v3/chats/{chatId}/messages', {
          auth,
          path: { chatId: chat.id },
          query: { limit: 100 },
        })) as { messages: Msg[] };
        checked += messages.length;
        for (const m of messages.filter((x) => x.reply_to)) {
          await valid('GET /v3/messages/{messageId}/thread', { auth, path: { messageId: m.id } });
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('v2: every chat list page and message list is spec-valid', async () => {
    const numbers = (await valid(`GET ${P}/phone_numbers`, { auth })) as Numbers;
    let checked = 0;
    for (const { phone_number } of numbers.phone_numbers) {
      const { data: chats } = (await valid(`GET ${P}/chats`, {
        auth,
        query: { phone_number, per_page: 100 },
      })) as { data: Array<{ id: number }> };
      for (const chat of chats) {
        const { data } = (await valid(`GET ${P}/chats/{chat_id}/chat_messages`, {
          auth,
          path: { chat_id: chat.id },
          query: { per_page: 100 },
        })) as { data: Array<{ reactions: Array<{ id: number }> }> };
        checked += data.length;
        const reaction = data.flatMap((m) => m.reactions)[0];
        if (reaction) {
          await valid(`GET ${P}/chat_message_reactions/{reaction_id}`, {
            auth,
            path: { reaction_id: reaction.id },
          });
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
  });
});
