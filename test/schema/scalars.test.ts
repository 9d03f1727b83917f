/**
 * DateTime output (schema/types/scalars.ts): one UTC ISO 8601 format with milliseconds, whatever the
 * upstream sent; strings already in that format are passed through only when they name a real
 * instant.
 */
import { isScalarType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';

const dateTime = schema.getType('DateTime');
if (!isScalarType(dateTime)) throw new Error('DateTime is not a scalar');
const serialize = (value: unknown) => {
  const out = dateTime.serialize(value);
  return out instanceof Date ? out.toJSON() : out;
};

describe('DateTime output', () => {
  it('keeps a canonical UTC timestamp as it is', () => {
    expect(serialize('2025-06-01T12:34:56.789Z')).toBe('2025-06-01T12:34:56.789Z');
    expect(serialize('2024-02-29T00:00:00.000Z')).toBe('2024-02-29T00:00:00.000Z');
  });

  it('normalises offsets, nanoseconds and Dates to the same format', () => {
    expect(serialize('2025-06-01T14:34:56.789+02:00')).toBe('2025-06-01T12:34:56.789Z');
    expect(serialize('2025-06-01T12:34:56.789123456Z')).toBe('2025-06-01T12:34:56.789Z');
    expect(serialize('2025-06-01T12:34:56Z')).toBe('2025-06-01T12:34:56.000Z');
    expect(serialize(new Date(Date.UTC(2025, 5, 1, 12, 34, 56, 789)))).toBe(
      '2025-06-01T12:34:56.789Z',
    );
  });

  it('refuses a canonical-looking string that names no real instant', () => {
    // Date.parse rolls 30 February over to 2 March; the output must not.
    const bad = [
      '2025-02-30T00:00:00.000Z',
      '2025-02-29T00:00:00.000Z',
      '2025-13-01T00:00:00.000Z',
    ];
    for (const value of bad) {
      expect(() => serialize(value)).toThrow(/DateTime/);
    }
  });
});
