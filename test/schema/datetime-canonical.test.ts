/**
 * The DateTime scalar's output shortcut (isCanonicalInstant) accepts exactly the strings the
 * Date round trip it replaced accepted: the pattern of `toJSON`, and a real instant.
 */
import { describe, expect, it } from 'vitest';
import { isCanonicalInstant } from '../../src/schema/types/scalars.js';

const PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const roundTrip = (value: string): boolean => {
  if (!PATTERN.test(value)) return false;
  const time = Date.parse(value);
  return !Number.isNaN(time) && new Date(time).toISOString() === value;
};

const pad = (n: number, width: number) => String(n).padStart(width, '0');

describe('isCanonicalInstant', () => {
  it('agrees with the Date round trip on every day, edge time and malformed variant', () => {
    const values: string[] = [];
    for (const year of [0, 1, 4, 100, 1900, 1970, 2000, 2023, 2024, 2100, 2400, 9999]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          values.push(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T12:00:00.000Z`);
        }
      }
    }
    for (const time of ['00:00:00.000', '23:59:59.999', '24:00:00.000', '12:60:00.000']) {
      values.push(`2024-02-29T${time}Z`);
    }
    values.push(
      '2024-02-29T12:00:59.000Z',
      '2024-02-29T12:00:60.000Z',
      '2024-02-29T12:00:00.000+00:00',
      '2024-02-29T12:00:00Z',
      '2024-02-29 12:00:00.000Z',
      '2024-02-29T12:00:00.00aZ',
      '+02024-02-29T12:00:00.000Z',
      '2024-2-29T12:00:00.000ZZ',
      '２０２４-02-29T12:00:00.000Z',
      '',
    );
    expect(values.length).toBeGreaterThan(5000);
    for (const value of values)
      expect([value, isCanonicalInstant(value)]).toEqual([value, roundTrip(value)]);
  });
});
