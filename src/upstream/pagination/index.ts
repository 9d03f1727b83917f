/**
 * Relay-style windows (`first/after`, `last/before`) pushed down to the upstream's pagination.
 *
 * v2 is page-based with totals: a position is an offset into the list, and a window is covered
 * by choosing `page`/`per_page` so that it needs one request (two at most).
 * v3 is cursor-based without totals: a position is the upstream cursor of the page an item came
 * from plus its index in that page; the last item of a page carries `next_cursor` instead, so
 * plain forward paging costs exactly one request per page. v3 cannot page backwards.
 * In both, a position also names its item (its id): paging from it finds the item again, so it
 * stays right after items arrived or left (pagination-window.ts has the codec).
 */
export * from './window.js';
export * from './offset.js';
export * from './cursor.js';
