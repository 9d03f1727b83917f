/**
 * What both dialects share: how an operation runs, unbound or bound to one request.
 *
 * `withOptions` binds the adapter to one incoming request: the caller's token, request id, abort
 * signal and traceparent go with every call, and the binding owns the rules every call of that
 * request follows, written here once:
 *
 * - the budget: one unit per operation, taken when the operation is asked for (not when it
 *   starts), so which calls fail first follows the caller's order, not the upstream's timing;
 * - the concurrency limit: at most `concurrency` operations in flight;
 * - the deadline: `timeoutMs` (or the binding's read/write timeout) bounds the whole operation,
 *   which may take several upstream requests (a v3 upload takes three), as one absolute
 *   deadline computed when the operation starts; the transport only ever reads that deadline;
 * - the page memo: one read per distinct message page until `forgetReads`.
 *
 * A bound adapter is a new instance of the dialect's class sharing the transport: its methods
 * live on the prototype, and its maps and limiter are created on first need.
 */
import {
  MAX_UPSTREAM_CONCURRENCY,
  type BoundLinq,
  type CallBudget,
  type DialectCapabilities,
  type Dialect,
  type Message,
  type ListMessagesArgs,
  type Page,
  type RequestBinding,
  type RequestOptions,
  type SendMessageInput,
} from './model.js';
import type { SendOptions, Transport } from './http/transport.js';

/**
 * Which timeout of the binding bounds an operation: reads and writes have their own; a send
 * that streams files has none (its length is the file's).
 */
export type CallKind = 'read' | 'write' | 'stream';

/** The kind of a send: streaming files makes it unbounded. */
export const sendKind = (input: SendMessageInput): CallKind =>
  input?.attachments?.length ? 'stream' : 'write';

/** What callOptions copies: every option but timeoutMs (a new one fails to compile until listed). */
const _COPIED_OPTIONS = {
  token: true,
  signal: true,
  requestId: true,
  traceparent: true,
  maxRetries: true,
  timeoutMs: false,
} as const satisfies Record<keyof RequestOptions, boolean>;

/**
 * The options of one operation: `opts` with its absolute deadline. Written out rather than
 * `{ timeoutMs, ...rest }` and a spread, which took ≈ 2 µs per call (V8's slow path for rest
 * properties).
 */
function callOptions(opts: RequestOptions, timeoutMs: number | undefined): SendOptions {
  const o: SendOptions = {};
  if (opts.token !== undefined) o.token = opts.token;
  if (opts.signal !== undefined) o.signal = opts.signal;
  if (opts.requestId !== undefined) o.requestId = opts.requestId;
  if (opts.traceparent !== undefined) o.traceparent = opts.traceparent;
  if (opts.maxRetries !== undefined) o.maxRetries = opts.maxRetries;
  if (timeoutMs) o.deadline = Date.now() + timeoutMs;
  return o;
}

/**
 * At most `max` operations in flight; the others start in order as slots free up. An operation
 * with a free slot starts at once, in the caller's turn (p-limit, used before, cost every call
 * four promises and as many microtask turns, and every request a limiter with property getters:
 * ≈ 2 % of the CPU of a one-call request). A slot passes straight from an operation that settled
 * to the next waiting one, so no newcomer can take it in between.
 */
class Gate {
  #active = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(readonly max: number) {
    if (!((Number.isInteger(max) || max === Number.POSITIVE_INFINITY) && max > 0)) {
      throw new TypeError('Expected `concurrency` to be a number from 1 and up');
    }
  }

  run<T>(op: () => Promise<T>): Promise<T> {
    if (this.#active < this.max) {
      this.#active++;
      return this.#start(op);
    }
    return new Promise<void>((resume) => this.#waiting.push(resume)).then(() => this.#start(op));
  }

  #start<T>(op: () => Promise<T>): Promise<T> {
    let result: Promise<T>;
    try {
      result = op();
    } catch (error) {
      result = Promise.reject(error);
    }
    result.then(this.#next, this.#next);
    return result;
  }

  readonly #next = (): void => {
    const resume = this.#waiting.shift();
    if (resume) resume();
    else this.#active--;
  };
}

/** The state one request's calls share. */
export class Binding {
  readonly #options: RequestOptions;
  readonly #readTimeoutMs: number | undefined;
  readonly #writeTimeoutMs: number | undefined;
  readonly #concurrency: number;
  readonly #budget: CallBudget | null;
  #gate: Gate | null = null;
  #pages: Map<string, Promise<Page<Message>>> | null = null;

  constructor(binding: RequestBinding) {
    const options: RequestOptions = {};
    if (binding.token !== undefined) options.token = binding.token;
    if (binding.requestId !== undefined) options.requestId = binding.requestId;
    if (binding.signal) options.signal = binding.signal;
    if (binding.traceparent) options.traceparent = binding.traceparent;
    this.#options = options;
    this.#readTimeoutMs = binding.readTimeoutMs || undefined;
    this.#writeTimeoutMs = binding.writeTimeoutMs || undefined;
    this.#concurrency = binding.concurrency ?? MAX_UPSTREAM_CONCURRENCY;
    this.#budget = binding.budget ?? null;
  }

  run<T>(kind: CallKind, opts: RequestOptions | undefined, op: (o: SendOptions) => Promise<T>) {
    try {
      this.#budget?.take();
    } catch (error) {
      return Promise.reject(error);
    }
    this.#gate ??= new Gate(this.#concurrency);
    return this.#gate.run(() => {
      const merged = opts ? { ...this.#options, ...opts } : this.#options;
      return op(callOptions(merged, merged.timeoutMs ?? this.#timeoutOf(kind)));
    });
  }

  #timeoutOf(kind: CallKind): number | undefined {
    if (kind === 'read') return this.#readTimeoutMs;
    return kind === 'write' ? this.#writeTimeoutMs : undefined;
  }

  once(key: string, read: () => Promise<Page<Message>>): Promise<Page<Message>> {
    this.#pages ??= new Map();
    let page = this.#pages.get(key);
    if (!page) {
      page = read();
      this.#pages.set(key, page);
    }
    return page;
  }

  forgetReads(): void {
    this.#pages = null;
  }

  setTraceparent(traceparent: string | undefined): void {
    if (traceparent) this.#options.traceparent = traceparent;
    else delete this.#options.traceparent;
  }
}

/**
 * The base of both dialects. Subclasses implement LinqApi's operations with `run` (and
 * `readOnce`); nothing here lists them, so an operation is added in model.ts and each dialect.
 */
export abstract class Adapter {
  abstract readonly dialect: Dialect;
  abstract readonly capabilities: DialectCapabilities;

  constructor(
    protected readonly http: Transport,
    protected readonly binding: Binding | null = null,
  ) {}

  /** The same dialect bound to `binding`, over the same transport. */
  protected abstract bind(binding: Binding): BoundLinq;

  withOptions(binding: RequestBinding): BoundLinq {
    return this.bind(new Binding(binding));
  }

  forgetReads(): void {
    this.binding?.forgetReads();
  }

  setTraceparent(traceparent: string | undefined): void {
    this.binding?.setTraceparent(traceparent);
  }

  close(): Promise<void> {
    return this.http.close();
  }

  /** Runs one operation: `op` gets the call's options, its deadline included. */
  protected run<T>(
    kind: CallKind,
    opts: RequestOptions | undefined,
    op: (o: SendOptions) => Promise<T>,
  ): Promise<T> {
    if (this.binding) return this.binding.run(kind, opts, op);
    try {
      return op(callOptions(opts ?? {}, opts?.timeoutMs));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** A message page read once per binding and `args` (Query.chat's prefetch relies on it). */
  protected readOnce(
    args: ListMessagesArgs,
    read: () => Promise<Page<Message>>,
  ): Promise<Page<Message>> {
    return this.binding ? this.binding.once(JSON.stringify(args), read) : read();
  }
}
