/**
 * The one helper every connection field calls: Relay arguments in, the adapter's Page out,
 * wrapped as a Relay connection with opaque cursors.
 *
 * - first/last: 1..100 (DEFAULT_PAGE_SIZE when neither is given); not both.
 * - after goes with first, before with last. last/before need backward paging upstream
 *   (v2 only); on v3 they fail with UNSUPPORTED_BY_DIALECT before any upstream call.
 * - Cursors: base64url("c1." + hash of the list's scope + "." + adapter position). Only the
 *   adapter reads positions; the scope hash makes a cursor of another list (another chat, other
 *   filters) a clear BAD_USER_INPUT instead of a silent jump.
 * - Listed items are handed to `listed` (the page) so later loads of the same objects cost no
 *   calls (loading/listed.ts).
 */
import { createHash } from 'node:crypto';
import type { PageInfoShape } from '@pothos/plugin-relay';
import type { GatewayContext } from '../../context.js';
import type { Page, PageQuery, Position } from '../../upstream/model.js';
import { isPageSize, MAX_PAGE_SIZE, windowArgsProblem } from '../../upstream/pagination/index.js';
import { unsupportedError, userInputError } from '../errors.js';

export const DEFAULT_PAGE_SIZE = 20;

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface UpstreamList<T> {
  /** Identifies the list (and its filters); cursors only work on the list that issued them. */
  scope: string;
  fetch: (query: PageQuery) => Promise<Page<T>>;
  /** Called once with each page's items (e.g. to remember them; loading/listed.ts). */
  listed?: (items: readonly T[]) => void;
}

export interface UpstreamConnection<T> {
  edges: { cursor: string; node: T; position: Position }[];
  pageInfo: PageInfoShape;
  totalCount: number | null;
}

const scopeHash = (scope: string) =>
  createHash('sha256').update(scope).digest('base64url').slice(0, 10);

/** The one cursor encoding: base64url("c1." + the list's scope hash + "." + the position). */
const cursorOf = (hash: string, position: Position): string =>
  Buffer.from(`c1.${hash}.${position}`, 'utf8').toString('base64url');

export const encodeCursor = (scope: string, position: Position): string =>
  cursorOf(scopeHash(scope), position);

export function decodeCursor(scope: string, cursor: string, argumentName: string): Position {
  const bad = (why: string) => userInputError(argumentName, `${argumentName} ${why}`);
  if (cursor.length > 8192 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw bad('is not a valid cursor');
  const [version, hash, position, ...rest] = Buffer.from(cursor, 'base64url')
    .toString('utf8')
    .split('.');
  if (version !== 'c1' || !hash || !position || rest.length > 0) {
    throw bad('is not a valid cursor');
  }
  if (hash !== scopeHash(scope)) throw bad('is a cursor of a different list (or other filters)');
  return position;
}

function checkCount(name: 'first' | 'last', value: number): number {
  if (!isPageSize(value)) {
    throw userInputError(
      name,
      `${name} must be between 1 and ${MAX_PAGE_SIZE} (the maximum page size is ` +
        `${MAX_PAGE_SIZE}); got ${value}`,
    );
  }
  return value;
}

/** Validates Relay arguments and turns them into the adapter's PageQuery. */
export function toPageQuery(ctx: GatewayContext, args: ConnectionArgs, scope: string): PageQuery {
  const { first, last, after, before } = args;
  let backward = false;
  const problem = windowArgsProblem(args, (isBackward) => {
    backward = isBackward;
    if (backward && !ctx.capabilities.backwardPagination) {
      throw unsupportedError(
        `Backward pagination (last/before) is not supported by the Linq ${ctx.dialect} API; ` +
          'page forward with first/after',
      );
    }
  });
  if (problem) throw userInputError(problem.field, problem.message);
  if (backward) {
    const count = last == null ? DEFAULT_PAGE_SIZE : checkCount('last', last);
    return { last: count, before: before == null ? null : decodeCursor(scope, before, 'before') };
  }
  const count = first == null ? DEFAULT_PAGE_SIZE : checkCount('first', first);
  return { first: count, after: after == null ? null : decodeCursor(scope, after, 'after') };
}

/**
 * One edge. The cursor is computed on first read (most queries never select it), from the
 * item's position (the adapter may encode positions on first read too) and the connection's
 * scope hash, itself computed once per connection on first need.
 */
class Edge<T> {
  #cursor: string | null = null;
  readonly #index: number;
  readonly #page: Page<T>;
  readonly #scope: { hash: () => string };

  constructor(
    readonly node: T,
    index: number,
    page: Page<T>,
    scope: { hash: () => string },
  ) {
    this.#index = index;
    this.#page = page;
    this.#scope = scope;
  }

  get position(): Position {
    const position = this.#page.positions[this.#index];
    if (position === undefined) throw new Error('adapter page without a position for an item');
    return position;
  }

  get cursor(): string {
    return (this.#cursor ??= cursorOf(this.#scope.hash(), this.position));
  }
}

/**
 * The connection's page info; its cursors are the edges', read on demand. A class rather than an
 * object literal with getters: each literal's getters are new closures, which give every
 * connection a map of its own that V8 keeps, with the page it reaches, past every scavenge until
 * a full GC (bench/results/optimisations.md, round 5).
 */
class PageInfo<T> implements PageInfoShape {
  constructor(
    readonly hasNextPage: boolean,
    readonly hasPreviousPage: boolean,
    readonly first: Edge<T> | undefined,
    readonly last: Edge<T> | undefined,
  ) {}

  get startCursor(): string | null {
    return this.first?.cursor ?? null;
  }

  get endCursor(): string | null {
    return this.last?.cursor ?? null;
  }
}

export async function resolveUpstreamConnection<T>(
  ctx: GatewayContext,
  args: ConnectionArgs,
  list: UpstreamList<T>,
): Promise<UpstreamConnection<T>> {
  const page = await list.fetch(toPageQuery(ctx, args, list.scope));
  list.listed?.(page.items);
  let hash: string | null = null;
  const scope = { hash: () => (hash ??= scopeHash(list.scope)) };
  const edges = page.items.map((node, i) => new Edge(node, i, page, scope));
  const first = edges[0];
  const last = edges.at(-1);
  return {
    edges,
    pageInfo: new PageInfo(page.hasNextPage, page.hasPreviousPage, first, last),
    totalCount: page.totalCount,
  };
}
