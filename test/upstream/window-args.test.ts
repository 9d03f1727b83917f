/**
 * The combination rules of window arguments live in one place (pagination/window.ts) and are
 * the same for a program using the adapter and for a GraphQL client: same argument blamed, same
 * words, and no upstream call either way.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError, type PageQuery } from '../../src/upstream/index.js';
import { chatGlobalId } from '../helpers/ids.js';
import { useRig } from '../helpers/rig.js';

const CASES = [
  [{ first: 5, last: 5 }, 'last', 'Pass either first or last, not both'],
  [{ last: 5, after: 'x', before: 'y' }, 'before', 'Pass either after or before, not both'],
  [{ first: 5, before: 'x' }, 'before', 'before can only be combined with last'],
  [{ last: 5, after: 'x' }, 'after', 'after can only be combined with first'],
] as const;

describe('window argument combinations (v2: both directions)', () => {
  const t = useRig({ dialect: 'v2' });

  it.each(CASES)('%j: the adapter blames %s', async (args, field, message) => {
    const chatId = String(t.rig.fixtures.bigChat.v2Id);
    t.rig.resetCounts();
    // The types already refuse these combinations; a JavaScript caller is not held by them.
    const query = args as unknown as PageQuery;
    const error = await t.rig.api.listMessages({ chatId, ...query }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual([{ field, message }]);
    expect(t.rig.upstream()).toBe(0);
  });

  it.each(CASES)('%j: the connection blames %s in the same words', async (args, field, message) => {
    // Cursors are checked after the combination, so placeholders do not matter here.
    const query = `query ($id: ID!, $first: Int, $last: Int, $after: String, $before: String) {
      chat(id: $id) { messages(first: $first, last: $last, after: $after, before: $before) {
        nodes { id } } } }`;
    const id = chatGlobalId('v2', t.rig.fixtures.bigChat);
    const result = await t.rig.post(null, query, { id, ...args });
    const error = result.errors?.[0];
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: field });
    expect(error?.message).toBe(message);
  });
});
