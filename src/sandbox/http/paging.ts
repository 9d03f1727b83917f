/** Keyset paging over sorted lists (v3 cursors) and page/per_page slicing (v2). */
import { decodeCursor, encodeCursor } from './http.js';

export interface Keyed {
  key: string;
  id: number;
}

/**
 * `items` must be sorted by (key, id) in `order`. The cursor names the last item returned, so
 * pages stay stable when items are added or deleted meanwhile.
 */
export function keysetPage<T>(
  items: T[],
  keyOf: (item: T) => Keyed,
  order: 'asc' | 'desc',
  cursor: string | null,
  limit: number,
): { page: T[]; nextCursor: string | null } {
  const from = decodeCursor(cursor);
  const sign = order === 'asc' ? 1 : -1;
  const rest = from
    ? items.filter((item) => {
        const k = keyOf(item);
        const cmp = k.key === from.sortKey ? k.id - from.id : k.key < from.sortKey ? -1 : 1;
        return cmp * sign > 0;
      })
    : items;
  const page = rest.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor =
    rest.length > limit && last ? encodeCursor(keyOf(last).key, keyOf(last).id) : null;
  return { page, nextCursor };
}

export function offsetPage<T>(items: T[], page: number, perPage: number) {
  const totalCount = items.length;
  return {
    data: items.slice((page - 1) * perPage, page * perPage),
    meta: {
      page,
      total_pages: Math.ceil(totalCount / perPage),
      total_count: totalCount,
      per_page: perPage,
    },
  };
}
