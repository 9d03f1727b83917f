/**
 * Who is calling and what they may do. Every GraphQL request (HTTP, SSE, graphql-ws, multipart)
 * is bound to one Caller before anything runs (auth/use-auth.ts); its scope is enforced by
 * the per-request upstream binding (scope-guard.ts), the one path every read and write takes.
 *
 * No GraphQL here: the scope is about Linq objects (phone numbers, chats).
 */
import { normaliseAddress } from '../upstream/address.js';
import type { Chat, Dialect } from '../upstream/model.js';

export type CallerKind = 'jwt' | 'api-key' | 'linq-token' | 'anonymous';

export interface Scope {
  /** The account's phone numbers the caller may use (normalised digits), or every one. */
  readonly phoneNumbers: ReadonlySet<string> | 'all';
  /** Send, edit, delete, react and upload. */
  readonly write: boolean;
}

export interface Caller {
  /** Names the caller in logs and metrics, never a secret: `jwt:<sub>`, `key:<name>`, … */
  readonly id: string;
  readonly kind: CallerKind;
  readonly scope: Scope;
  /** The Linq token used upstream on the caller's behalf (null: the adapter's default). */
  readonly upstreamToken: string | null;
  /** When the credential stops being valid (ms since the epoch); null: it does not expire. */
  readonly expiresAt: number | null;
}

export const FULL_SCOPE: Scope = Object.freeze({ phoneNumbers: 'all', write: true });

/** A scope from configuration or claims: `'*'` (or `['*']`) means every number. */
export function scopeOf(phoneNumbers: readonly string[] | '*', write: boolean): Scope {
  if (phoneNumbers === '*' || phoneNumbers.includes('*')) {
    return Object.freeze({ phoneNumbers: 'all', write });
  }
  const set = new Set(phoneNumbers.map(normaliseAddress).filter((n) => n !== ''));
  return Object.freeze({ phoneNumbers: set, write });
}

export const isUnrestricted = (scope: Scope): boolean => scope.phoneNumbers === 'all';

export function allowsNumber(scope: Scope, phoneNumber: string): boolean {
  return scope.phoneNumbers === 'all' || scope.phoneNumbers.has(normaliseAddress(phoneNumber));
}

/**
 * Whether a chat is on one of the caller's numbers: one of its own handles is in scope. v3 marks
 * the account's own handles (`isMe`); v2 handles carry no such flag, so any handle whose address
 * is a scoped number counts (the scoped numbers are the account's own).
 */
export function allowsChat(scope: Scope, chat: Chat, dialect: Dialect): boolean {
  if (scope.phoneNumbers === 'all') return true;
  return chat.handles.some(
    (h) => (dialect === 'v2' || h.isMe === true) && allowsNumber(scope, h.address),
  );
}

/** For logs: the scope without the numbers themselves. */
export function describeScope(scope: Scope): string {
  const numbers =
    scope.phoneNumbers === 'all' ? 'all numbers' : `${scope.phoneNumbers.size} number(s)`;
  return `${numbers}, ${scope.write ? 'read-write' : 'read-only'}`;
}
