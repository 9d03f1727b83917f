/** messageKey builds plain keys by hand: it must stay exactly JSON.stringify([chatId, id]). */
import { describe, expect, it } from 'vitest';
import { messageKey } from '../../src/schema/loading/keys.js';

describe('messageKey', () => {
  it('is JSON.stringify([chatId, id]) for plain ids and for ids that need escaping', () => {
    const ids = ['1', '123456789012345678', '7c9e6679-7425-40de-944b-e07fc1f90ae7', 'a.b_c-d'];
    const odd = ['', 'quo"te', 'back\\slash', 'tab\there', 'nl\n', 'é', '\u007f', '\ud800', '😀'];
    for (const chatId of [...ids, ...odd]) {
      for (const id of [...ids, ...odd]) {
        expect(messageKey({ chatId, id })).toBe(JSON.stringify([chatId, id]));
      }
    }
  });
});
