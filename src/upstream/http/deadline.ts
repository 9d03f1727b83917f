/**
 * The abort signal of one upstream operation: the caller's signal, plus a deadline when there is
 * one.
 *
 * Not an AbortController: on Node 20 `new AbortController()` alone costs ≈ 3 µs and an abort
 * listener on its signal ≈ 0.4 µs more (measured in a loop; a 10-chat page makes 11 calls), against
 * ≈ 0.2 µs for an EventEmitter. undici's `signal` option takes either an AbortSignal or an
 * EventEmitter that emits `abort` (it reads `aborted` and `reason`), so a call's signal is a small
 * EventEmitter of that shape. Nor `AbortSignal.any([signal, AbortSignal.timeout(ms)])`, which
 * costs a timer signal, a dependent signal and weak references per call (measured: about 12 % of
 * the gateway's throughput on a 25-message query).
 *
 * A call costs one emitter and at most one timer, and a caller's signal gets one abort listener
 * however many calls it covers (passing it to every call directly tripped Node's
 * MaxListenersExceededWarning at 11 calls).
 */
import { EventEmitter } from 'node:events';
import type { AbortSource } from '../model.js';

/**
 * A call's abort signal, in the EventEmitter form undici accepts: emits `abort` once. It must
 * not have an `addEventListener` (so it cannot also serve as the lane's AbortSource, ClientGone
 * in lane/front.ts): undici would take it for an AbortSignal and unhook with
 * `removeEventListener` (tried: every abort test then failed).
 */
export class CallSignal extends EventEmitter {
  aborted = false;
  reason: unknown = undefined;

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.emit('abort');
  }
}

export interface OperationSignal {
  /** undefined when there is neither a caller's signal nor a deadline. */
  readonly signal: CallSignal | undefined;
  /** Stops the timer and unhooks from the caller's signal; call once the operation settled. */
  done(): void;
}

const NOTHING_TO_DO = (): void => {};

/**
 * On a caller's signal, the signals of its operations still running. A property of the signal,
 * not a WeakMap entry: V8's scavenges keep a WeakMap's values alive whatever their key
 * (measured: bench/results/optimisations.md, round 5), so every request's set would be promoted.
 */
const DEPENDENTS = Symbol('linq.dependents');
type Followed = AbortSource & { [DEPENDENTS]?: Set<CallSignal> };

function follow(parent: Followed): Set<CallSignal> {
  let set = parent[DEPENDENTS];
  if (!set) {
    const running = new Set<CallSignal>();
    parent.addEventListener(
      'abort',
      () => {
        for (const signal of running) signal.abort(parent.reason);
        running.clear();
      },
      { once: true },
    );
    parent[DEPENDENTS] = running;
    set = running;
  }
  return set;
}

/** An AbortSignal for `source`, for APIs that take no other kind: itself, or one following it. */
export function abortSignalOf(source: AbortSource): AbortSignal {
  if (source instanceof AbortSignal) return source;
  const controller = new AbortController();
  if (source.aborted) controller.abort(source.reason);
  else source.addEventListener('abort', () => controller.abort(source.reason), { once: true });
  return controller.signal;
}

function expire(signal: CallSignal): void {
  signal.abort(new DOMException('The operation timed out.', 'TimeoutError'));
}

/**
 * @param parent the caller's signal (e.g. the GraphQL request's)
 * @param ms time left before the deadline; null for none
 */
export function operationSignal(
  parent: AbortSource | undefined,
  ms: number | null,
): OperationSignal {
  if (!parent && ms === null) return { signal: undefined, done: NOTHING_TO_DO };
  const signal = new CallSignal();
  if (parent?.aborted) {
    signal.abort(parent.reason);
    return { signal, done: NOTHING_TO_DO };
  }
  const timer = ms === null ? null : setTimeout(expire, ms, signal);
  timer?.unref();
  const running = parent ? follow(parent) : null;
  running?.add(signal);
  return {
    signal,
    done: () => {
      if (timer) clearTimeout(timer);
      running?.delete(signal);
    },
  };
}

/** Resolves after `ms`; rejects with the signal's reason if it aborts first. */
export function pause(ms: number, signal: CallSignal | undefined): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.once('abort', onAbort);
  });
}
