/**
 * Safe retries of sendMessage, counted in the sandbox: the same request twice, and a failure
 * after Linq stored the message, each leave exactly one stored message.
 */
import { describe, expect, it } from 'vitest';
import { encodeNodeId } from '../../src/schema/relay/global-id.js';
import { dataOf } from '../helpers/graphql.js';
import { SendMessage } from './documents.js';
import { useMutationRig } from './rig.js';

const SEND_ROUTE = {
  v2: 'POST /api/partner/v2/chats/{chat_id}/chat_messages',
  v3: 'POST /v3/chats/{chatId}/messages',
} as const;

describe.each(['v2', 'v3'] as const)('%s sendMessage idempotency', (dialect) => {
  const rig = useMutationRig(dialect);

  const send = async (text: string, idempotencyKey?: string) => {
    const res = dataOf(
      await rig.gql(SendMessage, { input: { chatId: rig.chatId(), text, idempotencyKey } }),
    ).sendMessage;
    if (res.__typename !== 'SendMessagePayload') throw new Error(JSON.stringify(res));
    return res;
  };

  it('returns the same message for the same request sent twice', async () => {
    const before = rig.messageCount();
    const key = `gql-${dialect}-twice`;
    const first = await send('only once', key);
    const second = await send('only once', key);
    expect(second.sentMessage.id).toBe(first.sentMessage.id);
    expect(second.idempotencyKey).toBe(key);
    expect(first.replayed).toBe(false);
    // v2 says so itself (200); v3 answers 202 either way: the gateway's memory of keys tells.
    expect(second.replayed).toBe(true);
    expect(rig.messageCount()).toBe(before + 1);
    expect(rig.sandbox.controls.count(SEND_ROUTE[dialect])).toBe(2);
  });

  it('refuses the same key with a different message: ConflictError, nothing sent', async () => {
    const before = rig.messageCount();
    const key = `gql-${dialect}-conflict`;
    const first = await send('the original', key);
    const res = dataOf(
      await rig.gql(SendMessage, {
        input: { chatId: rig.chatId(), text: 'something else', idempotencyKey: key },
      }),
    ).sendMessage;
    expect(res).toMatchObject({ __typename: 'ConflictError' });
    expect(rig.messageCount()).toBe(before + 1);
    // The conflict is caught before any upstream call.
    expect(rig.sandbox.controls.count(SEND_ROUTE[dialect])).toBe(1);
    // The original message under its key still replays.
    const again = await send('the original', key);
    expect(again).toMatchObject({ replayed: true, sentMessage: { id: first.sentMessage.id } });
  });

  it('forgets the key of a send Linq refused, so a corrected message can use it', async () => {
    const key = `gql-${dialect}-refused`;
    const missingChat = encodeNodeId(
      dialect,
      'Chat',
      dialect === 'v2' ? '987654321' : '00000000-0000-4000-8000-000000000000',
    );
    const input = { chatId: missingChat, text: 'lost', idempotencyKey: key };
    const refused = dataOf(await rig.gql(SendMessage, { input })).sendMessage;
    expect(refused.__typename).toBe('NotFoundError');
    const sent = await send('found', key);
    expect(sent).toMatchObject({ replayed: false, sentMessage: { text: 'found' } });
  });

  it('retries a send that failed after Linq stored it, without a second message', async () => {
    rig.sandbox.controls.injectFault({
      route: SEND_ROUTE[dialect],
      times: 1,
      phase: 'after',
      fault: { type: 'status', status: 503 },
    });
    const before = rig.messageCount();
    const sent = await send('stored, then 503');
    expect(rig.sandbox.controls.count(SEND_ROUTE[dialect])).toBe(2);
    expect(rig.messageCount()).toBe(before + 1);
    expect(sent.sentMessage.text).toBe('stored, then 503');
  });

  it('lets a client retry safely with the generated key it got back', async () => {
    rig.sandbox.controls.injectFault({
      route: SEND_ROUTE[dialect],
      phase: 'after',
      fault: { type: 'status', status: 503 },
    });
    const before = rig.messageCount();
    const failed = dataOf(
      await rig.gql(SendMessage, {
        input: { chatId: rig.chatId(), text: 'client retry', idempotencyKey: 'client-key-1' },
      }),
    ).sendMessage;
    expect(failed.__typename).toBe('UpstreamUnavailableError');
    expect(rig.messageCount()).toBe(before + 1); // stored before the 503s
    rig.sandbox.controls.clearFaults();
    const retried = await send('client retry', 'client-key-1');
    expect(retried.sentMessage.text).toBe('client retry');
    expect(rig.messageCount()).toBe(before + 1);
  });

  it('generates a fresh key when none is given (two sends, two messages)', async () => {
    const before = rig.messageCount();
    const a = await send('no key');
    const b = await send('no key');
    expect(a.idempotencyKey).not.toBe(b.idempotencyKey);
    expect(a.sentMessage.id).not.toBe(b.sentMessage.id);
    expect(rig.messageCount()).toBe(before + 2);
  });
});
