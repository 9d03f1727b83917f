// Property: the transport's query strings (queryString, src/upstream/http/request.ts) are what
// URLSearchParams writes for the same entries, absent values left out: any name, any value
// (every code point, lone surrogates too: a JSON variable may carry one), numbers included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { queryString } from '../../src/upstream/http/request.js';

type Query = Record<string, string | number | null | undefined>;

const text = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom(...' !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~aZ09é€') }),
);
const value = fc.oneof(text, fc.integer(), fc.double(), fc.constant(null), fc.constant(undefined));

function reference(query: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null) params.append(k, String(v));
  }
  return params.toString();
}

describe('upstream query strings', () => {
  it('are what URLSearchParams writes', () => {
    fc.assert(
      fc.property(fc.dictionary(text, value), (query) => {
        expect(queryString(query)).toBe(reference(query));
      }),
      { numRuns: 2000 },
    );
  });

  it('for the reads the gateway makes: plain values stay as they are', () => {
    expect(queryString({ limit: 25, offset: 0, cursor: 'abc_-.*', from: '+15551234567' })).toBe(
      'limit=25&offset=0&cursor=abc_-.*&from=%2B15551234567',
    );
    expect(queryString({ skipped: null, gone: undefined })).toBe('');
    expect(queryString(undefined)).toBe('');
  });
});
