/**
 * Relay-style windows (`first/after`, `last/before`) pushed down to the upstream's pagination.
 *
 * v2 is page-based with totals: a position is an offset into the list, and a window is covered
 * by choosing `page`/`per_page` so that it needs one request (two at most).
 * v3 is cursor-based without totals: a position is the upstream cursor of the page an item came
 * from plus its index in that page; the last item of a page carries `next_cursor` instead, so
 * plain forward paging costs exactly one request per page. v3 cannot page backwards.
 *
 * This file: the window, the limits and the position codec; pagination-offset.ts (v2) and
 * pagination-cursor.ts (v3) page with them.
 */
import { ValidationError, badInput } from '../errors.js';
import type { PageQuery, Position } from '../model.js';

/** The largest page, for both dialects and the GraphQL connections. */
export const MAX_PAGE_SIZE = 100;

export const isPageSize = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_PAGE_SIZE;

export type Window =
  | { dir: 'forward'; count: number; after: Position | null }
  | { dir: 'backward'; count: number; before: Position | null };

/** The arguments of a window, as a GraphQL connection or a PageQuery names them. */
export interface WindowArgs {
  first?: number | null;
  after?: unknown;
  last?: number | null;
  before?: unknown;
}

/** What is wrong with how window arguments are combined: the argument to blame, and why. */
export interface WindowArgsProblem {
  field: 'last' | 'before' | 'after';
  message: string;
}

/**
 * The combination rules of window arguments, for the adapter and the GraphQL connections:
 * not first with last, not after with before, after only with first, before only with last.
 * `beforeDirection` runs between the first two rules and the last two (the connections check
 * whether the dialect can page backwards there, so that a backward window on v3 is reported as
 * unsupported rather than as a bad combination).
 */
export function windowArgsProblem(
  args: WindowArgs,
  beforeDirection?: (backward: boolean) => void,
): WindowArgsProblem | null {
  const has = (value: unknown) => value !== undefined && value !== null;
  if (has(args.first) && has(args.last)) {
    return { field: 'last', message: 'Pass either first or last, not both' };
  }
  if (has(args.after) && has(args.before)) {
    return { field: 'before', message: 'Pass either after or before, not both' };
  }
  beforeDirection?.(has(args.last) || has(args.before));
  if (has(args.first) && has(args.before)) {
    return { field: 'before', message: 'before can only be combined with last' };
  }
  if (has(args.last) && has(args.after)) {
    return { field: 'after', message: 'after can only be combined with first' };
  }
  return null;
}

function checkCount(field: string, value: unknown): number {
  if (!isPageSize(value)) throw badInput(field, `must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  return value;
}

/** Validates a PageQuery: exactly one of `first`/`last`, in 1..100, combined as windowArgsProblem says. */
export function toWindow(q: PageQuery): Window {
  const problem = windowArgsProblem(q);
  if (problem) throw badInput(problem.field, problem.message);
  const hasFirst = q.first !== undefined && q.first !== null;
  const hasLast = q.last !== undefined && q.last !== null;
  if (hasFirst === hasLast) {
    throw new ValidationError('Pass exactly one of first or last', [
      { field: 'first', message: 'pass exactly one of first or last' },
    ]);
  }
  return hasFirst
    ? { dir: 'forward', count: checkCount('first', q.first), after: q.after ?? null }
    : { dir: 'backward', count: checkCount('last', q.last), before: q.before ?? null };
}

// ---------------------------------------------------------------------------------------------
// Position codec: base64url(JSON) with a dialect tag; anything else is BAD_USER_INPUT.
//
// A position names its item (its id) and remembers where it was seen, as a hint:
//   ['2i', offset, id, total]   v2: the item's offset and the list's total when it was listed
//   ['3i', cursor, index, id]   v3: the upstream cursor of the page it came from and its index
//   ['3n', next]                v3: the last item of a page, named by the upstream's next cursor
//                               (keyset: the cursor itself names that item)
// Paging after (or before) a position finds its item again by id, so it stays right when items
// arrived or left since. ['2', offset] and ['3c', cursor, index] are the older, positional
// forms; they are still read (as hints without an id).

type PositionData =
  | ['2i', number, string | null, number | null]
  | ['3i', string | null, number, string | null]
  | ['3n', string];

/** Items are located again by their id. */
export interface Identified {
  id: string;
}

/** How many pages of MAX_PAGE_SIZE are read, each way, to find a moved item again. */
export const SEEK_PAGES = 3;

export function encodePosition(data: PositionData): Position {
  return Buffer.from(JSON.stringify(data), 'utf8').toString('base64url');
}

export function invalidPosition(field: string): ValidationError {
  return badInput(field, 'is not a valid cursor for this list');
}

export function lostItem(field: string): ValidationError {
  return badInput(
    field,
    `names an item that is no longer in this list (deleted, or more than ` +
      `${SEEK_PAGES * MAX_PAGE_SIZE} items arrived since); start again from the first page`,
  );
}

export function decodePosition(pos: Position, field: string): PositionData {
  let data: unknown;
  try {
    if (typeof pos !== 'string' || pos.length === 0 || pos.length > 4096) throw new Error();
    data = JSON.parse(Buffer.from(pos, 'base64url').toString('utf8'));
  } catch {
    throw invalidPosition(field);
  }
  if (!Array.isArray(data)) throw invalidPosition(field);
  const [tag, a, b, d] = data as unknown[];
  const isIndex = (n: unknown, max: number): n is number =>
    typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && n <= max;
  const isCursor = (c: unknown): c is string => typeof c === 'string' && c.length <= 2048;
  const isId = (id: unknown): id is string =>
    typeof id === 'string' && id.length > 0 && id.length <= 256;
  if (tag === '2i' && data.length === 4 && isIndex(a, 1e9) && isId(b)) {
    return ['2i', a, b, isIndex(d, 1e9) ? d : null];
  }
  if (tag === '2' && data.length === 2 && isIndex(a, 1e9)) return ['2i', a, null, null];
  const cursorOk = a === null || isCursor(a);
  if (tag === '3i' && data.length === 4 && cursorOk && isIndex(b, 99) && isId(d)) {
    return ['3i', a, b, d];
  }
  if (tag === '3c' && data.length === 3 && cursorOk && isIndex(b, 99)) return ['3i', a, b, null];
  if (tag === '3n' && data.length === 2 && isCursor(a)) return ['3n', a];
  throw invalidPosition(field);
}

/**
 * A position naming `id` whose whereabouts are only roughly known (near the item of `near`, a
 * position of the same list): paging from it seeks the item around that hint.
 */
export function positionNear(near: Position, id: string): Position {
  const data = decodePosition(near, 'after');
  if (data[0] === '2i') return encodePosition(['2i', data[1], id, null]);
  // A v3 item is sought from the top of the list (where arrivals are).
  return encodePosition(['3i', null, 0, id]);
}
