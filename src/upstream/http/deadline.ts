/**
 * The abort signal of one upstream operation: the caller's signal, plus a deadline when there is
 * one. Built by hand rather than with `AbortSignal.any([signal, AbortSignal.timeout(ms)])`,
 * which costs a timer signal, a dependent signal and weak references per call (measured: about
 * 12 % of the gateway's throughput on a 25-message query). Here a call costs one controller and
 * at most one timer, and a caller's signal gets one abort listener however many calls it covers
 * (passing it to every call directly tripped Node's MaxListenersExceededWarning at 11 calls).
 */

export interface OperationSignal {
  /** undefined when there is neither a caller's signal nor a deadline. */
  readonly signal: AbortSignal | undefined;
  /** Stops the timer and unhooks from the caller's signal; call once the operation settled. */
  done(): void;
}

const NOTHING_TO_DO = (): void => {};

/**
 * On a caller's signal, the controllers of its operations still running. A property of the
 * signal, not a WeakMap entry: V8's scavenges keep a WeakMap's values alive whatever their key
 * (measured: bench/results/optimisations.md, round 5), so every request's set would be promoted.
 */
const DEPENDENTS = Symbol('linq.dependents');
type Followed = AbortSignal & { [DEPENDENTS]?: Set<AbortController> };

function follow(parent: Followed): Set<AbortController> {
  let set = parent[DEPENDENTS];
  if (!set) {
    const running = new Set<AbortController>();
    parent.addEventListener(
      'abort',
      () => {
        for (const controller of running) controller.abort(parent.reason);
        running.clear();
      },
      { once: true },
    );
    parent[DEPENDENTS] = running;
    set = running;
  }
  return set;
}

function expire(controller: AbortController): void {
  controller.abort(new DOMException('The operation timed out.', 'TimeoutError'));
}

/**
 * @param parent the caller's signal (e.g. the GraphQL request's)
 * @param ms time left before the deadline; null for none
 */
export function operationSignal(
  parent: AbortSignal | undefined,
  ms: number | null,
): OperationSignal {
  if (!parent && ms === null) return { signal: undefined, done: NOTHING_TO_DO };
  const controller = new AbortController();
  if (parent?.aborted) {
    controller.abort(parent.reason);
    return { signal: controller.signal, done: NOTHING_TO_DO };
  }
  const timer = ms === null ? null : setTimeout(expire, ms, controller);
  timer?.unref();
  const running = parent ? follow(parent) : null;
  running?.add(controller);
  return {
    signal: controller.signal,
    done: () => {
      if (timer) clearTimeout(timer);
      running?.delete(controller);
    },
  };
}
