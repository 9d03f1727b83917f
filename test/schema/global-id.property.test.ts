// Property: a global id is base64url("lq1:" + dialect + ":" + typename + ":" + key), for every
// dialect, type and key, and it decodes back to its type and key.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeNodeId, encodeNodeId, NODE_TYPES } from '../../src/schema/relay/global-id.js';

const whole = (dialect: string, typename: string, key: string) =>
  Buffer.from(`lq1:${dialect}:${typename}:${key}`, 'utf8').toString('base64url');

describe('global ids', () => {
  it('are the base64url of their whole text, for every dialect, type and key', () => {
    const typename = fc.oneof(fc.constantFrom(...NODE_TYPES, 'PhoneNumber', 'X'), fc.string());
    fc.assert(
      fc.property(fc.constantFrom('v2', 'v3' as const), typename, fc.string(), (d, t, key) => {
        expect(encodeNodeId(d, t, key)).toBe(whole(d, t, key));
      }),
      { numRuns: 3000 },
    );
  });

  it('decode back to their type and key', () => {
    const key = fc.tuple(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 1, max: 1e9 }));
    fc.assert(
      fc.property(key, ([chat, message]) => {
        const k = JSON.stringify([String(chat), String(message)]);
        expect(decodeNodeId('v2', encodeNodeId('v2', 'Message', k))).toEqual({
          typename: 'Message',
          id: k,
        });
        expect(decodeNodeId('v2', encodeNodeId('v2', 'Chat', String(chat)))).toEqual({
          typename: 'Chat',
          id: String(chat),
        });
      }),
    );
  });
});
