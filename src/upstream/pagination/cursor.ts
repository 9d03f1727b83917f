/** v3 paging: upstream cursors, positions found again by id after items arrived. */
import { UnsupportedByDialectError } from '../errors.js';
import {
  decodePosition,
  encodePosition,
  invalidPosition,
  lostItem,
  MAX_PAGE_SIZE,
  SEEK_PAGES,
  toWindow,
  type Identified,
} from './window.js';
import type { Page, PageQuery, Position } from '../model.js';

export interface CursorPage<T> {
  items: T[];
  next: string | null;
}
export type FetchCursorPage<T> = (cursor: string | null, limit: number) => Promise<CursorPage<T>>;

/** Upstream requests of one v3 window at most, besides those spent seeking a moved item. */
const MAX_WINDOW_REQUESTS = 4;

export async function pageByCursor<T extends Identified>(
  fetch: FetchCursorPage<T>,
  q: PageQuery,
): Promise<Page<T>> {
  const w = toWindow(q);
  if (w.dir === 'backward') {
    throw new UnsupportedByDialectError('Backward pagination (last/before) needs the v2 dialect');
  }
  let cursor: string | null = null;
  let skip = 0;
  // The id of the item to page after, while it has not been found again.
  let seek: string | null = null;
  if (w.after !== null) {
    const data = decodePosition(w.after, 'after');
    if (data[0] === '2i') throw invalidPosition('after');
    if (data[0] === '3i') {
      cursor = data[1];
      skip = data[2] + 1;
      seek = data[3];
    } else {
      cursor = data[1];
    }
  }
  const items: T[] = [];
  const positions: Position[] = [];
  let hasNextPage = false;
  let requests = 0;
  let seekRequests = 0;
  while (requests < MAX_WINDOW_REQUESTS && items.length < w.count) {
    const need = w.count - items.length;
    // Seeking beyond the first page reads whole pages.
    const limit = seek !== null && seekRequests > 0 ? MAX_PAGE_SIZE : skip + need;
    const res = await fetch(cursor, Math.min(MAX_PAGE_SIZE, limit));
    if (seek !== null) {
      // Find the named item again: where it was (normally), lower when items arrived above it.
      const found = res.items.findIndex((item) => item.id === seek);
      if (found < 0) {
        if (res.next === null || res.next === cursor || ++seekRequests > SEEK_PAGES) {
          throw lostItem('after');
        }
        cursor = res.next;
        skip = 0;
        continue;
      }
      skip = found + 1;
      seek = null;
    }
    requests++;
    const taken = res.items.slice(skip, skip + need);
    taken.forEach((item, i) => {
      const index = skip + i;
      // The last item of a page that has a next one resumes at that page.
      const next = index === res.items.length - 1 ? res.next : null;
      items.push(item);
      positions.push(encodePosition(next !== null ? ['3n', next] : ['3i', cursor, index, item.id]));
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
