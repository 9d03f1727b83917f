/**
 * Relay-style windows (`first/after`, `last/before`) pushed down to the upstream's pagination.
 *
 * v2 is page-based with totals: a position is an offset into the list, and a window is covered
 * by choosing `page`/`per_page` so that it needs one request (two at most).
 * v3 is cursor-based without totals: a position is the upstream cursor of the page an item came
 * from plus its index in that page; the last item of a page carries `next_cursor` instead, so
 * plain forward paging costs exactly one request per page. v3 cannot page backwards.
 */
import { UnsupportedByDialectError, ValidationError, badInput } from './errors.js';
import type { Page, PageQuery, Position } from './model.js';

export const MAX_PAGE_SIZE = 100;

export type Window =
  | { dir: 'forward'; count: number; after: Position | null }
  | { dir: 'backward'; count: number; before: Position | null };

function checkCount(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw badInput(field, `must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  }
  return value;
}

/** Validates a PageQuery: exactly one of `first`/`last`, in 1..100. */
export function toWindow(q: PageQuery): Window {
  const hasFirst = q.first !== undefined && q.first !== null;
  const hasLast = q.last !== undefined && q.last !== null;
  if (hasFirst === hasLast) {
    throw new ValidationError('Pass exactly one of first or last', [
      { field: 'first', message: 'pass exactly one of first or last' },
    ]);
  }
  if (hasFirst && q.before != null) throw badInput('before', 'use before with last');
  if (hasLast && q.after != null) throw badInput('after', 'use after with first');
  return hasFirst
    ? { dir: 'forward', count: checkCount('first', q.first), after: q.after ?? null }
    : { dir: 'backward', count: checkCount('last', q.last), before: q.before ?? null };
}

// ---------------------------------------------------------------------------------------------
// Position codec: base64url(JSON) with a dialect tag; anything else is BAD_USER_INPUT.

type PositionData = ['2', number] | ['3c', string | null, number] | ['3n', string];

export function encodePosition(data: PositionData): Position {
  return Buffer.from(JSON.stringify(data), 'utf8').toString('base64url');
}

function invalidPosition(field: string): ValidationError {
  return badInput(field, 'is not a valid cursor for this list');
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
  const [tag, a, b] = data as unknown[];
  const isIndex = (n: unknown, max: number): n is number =>
    typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && n <= max;
  const isCursor = (c: unknown): c is string => typeof c === 'string' && c.length <= 2048;
  if (tag === '2' && data.length === 2 && isIndex(a, 1e9)) return ['2', a];
  if (tag === '3c' && data.length === 3 && (a === null || isCursor(a)) && isIndex(b, 99)) {
    return ['3c', a, b];
  }
  if (tag === '3n' && data.length === 2 && isCursor(a)) return ['3n', a];
  throw invalidPosition(field);
}

// ---------------------------------------------------------------------------------------------
// v2: offsets

export interface OffsetPage<T> {
  items: T[];
  total: number | null;
}
export type FetchOffsetPage<T> = (page: number, perPage: number) => Promise<OffsetPage<T>>;

/** The smallest `per_page` ≥ count that covers [start, start+count) with one page, else two. */
export function planWindow(start: number, count: number): { perPage: number; pages: number[] } {
  for (let perPage = count; perPage <= MAX_PAGE_SIZE; perPage++) {
    const page = Math.floor(start / perPage);
    if (Math.floor((start + count - 1) / perPage) === page) return { perPage, pages: [page + 1] };
  }
  const page = Math.floor(start / count) + 1;
  return { perPage: count, pages: [page, page + 1] };
}

async function fetchRange<T>(fetch: FetchOffsetPage<T>, start: number, count: number) {
  const { perPage, pages } = planWindow(start, count);
  const firstPage = pages[0] ?? 1;
  let got: T[] = [];
  let total: number | null = null;
  let fullLastPage = false;
  for (const page of pages) {
    const res = await fetch(page, perPage);
    got = got.concat(res.items);
    total = res.total;
    fullLastPage = res.items.length >= perPage;
    if (!fullLastPage) break;
  }
  const base = (firstPage - 1) * perPage;
  const items = got.slice(start - base, start - base + count);
  const beyond = got.length > start - base + count;
  return { items, total, more: beyond || fullLastPage };
}

function offsetPage<T>(items: T[], start: number, total: number | null, more: boolean): Page<T> {
  const end = start + items.length;
  return {
    items,
    positions: items.map((_, i) => encodePosition(['2', start + i])),
    hasNextPage: total !== null ? end < total : more,
    hasPreviousPage: start > 0,
    totalCount: total,
  };
}

function offsetOf(pos: Position, field: string): number {
  const data = decodePosition(pos, field);
  if (data[0] !== '2') throw invalidPosition(field);
  return data[1];
}

export async function pageByOffset<T>(fetch: FetchOffsetPage<T>, q: PageQuery): Promise<Page<T>> {
  const w = toWindow(q);
  if (w.dir === 'forward') {
    const start = w.after === null ? 0 : offsetOf(w.after, 'after') + 1;
    const r = await fetchRange(fetch, start, w.count);
    return offsetPage(r.items, start, r.total, r.more);
  }
  let end: number;
  if (w.before !== null) {
    end = offsetOf(w.before, 'before');
  } else {
    // Learn the total with a first page of the wanted size; small lists end here.
    const probe = await fetch(1, w.count);
    const total = probe.total ?? probe.items.length;
    if (total <= w.count) return offsetPage(probe.items, 0, probe.total, false);
    end = total;
  }
  const start = Math.max(0, end - w.count);
  if (end === start) {
    const probe = await fetch(1, 1);
    return { ...offsetPage<T>([], 0, probe.total, probe.items.length > 0), hasNextPage: true };
  }
  const r = await fetchRange(fetch, start, end - start);
  return offsetPage(r.items, start, r.total, true);
}

// ---------------------------------------------------------------------------------------------
// v3: cursors

export interface CursorPage<T> {
  items: T[];
  next: string | null;
}
export type FetchCursorPage<T> = (cursor: string | null, limit: number) => Promise<CursorPage<T>>;

export async function pageByCursor<T>(fetch: FetchCursorPage<T>, q: PageQuery): Promise<Page<T>> {
  const w = toWindow(q);
  if (w.dir === 'backward') {
    throw new UnsupportedByDialectError('Backward pagination (last/before) needs the v2 dialect');
  }
  let cursor: string | null = null;
  let skip = 0;
  if (w.after !== null) {
    const data = decodePosition(w.after, 'after');
    if (data[0] === '2') throw invalidPosition('after');
    if (data[0] === '3c') {
      cursor = data[1];
      skip = data[2] + 1;
    } else {
      cursor = data[1];
    }
  }
  const items: T[] = [];
  const positions: Position[] = [];
  let hasNextPage = false;
  for (let requests = 0; requests < 4 && items.length < w.count; requests++) {
    const need = w.count - items.length;
    const res = await fetch(cursor, Math.min(MAX_PAGE_SIZE, skip + need));
    const taken = res.items.slice(skip, skip + need);
    taken.forEach((item, i) => {
      const index = skip + i;
      const last = index === res.items.length - 1 && res.next !== null;
      items.push(item);
      positions.push(encodePosition(last ? ['3n', res.next as string] : ['3c', cursor, index]));
    });
    hasNextPage = res.items.length > skip + taken.length || res.next !== null;
    if (res.next === null || res.next === cursor) break;
    if (items.length < w.count) {
      cursor = res.next;
      skip = 0;
    }
  }
  return { items, positions, hasNextPage, hasPreviousPage: w.after !== null, totalCount: null };
}
