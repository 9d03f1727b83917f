/** Comparing Linq handles and phone numbers (no GraphQL here: used by the schema and by scopes). */

/** Digits of a phone number, US numbers without +1 completed (v2 accepts both forms). */
export function normaliseAddress(address: string): string {
  const trimmed = address.trim();
  if (trimmed.includes('@')) return trimmed.toLowerCase();
  const digits = trimmed.replace(/\D/g, '');
  return digits.length === 10 ? `1${digits}` : digits;
}
