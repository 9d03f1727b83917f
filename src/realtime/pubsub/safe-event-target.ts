/**
 * Wraps an event target so that a throwing listener cannot crash the process or break delivery
 * to other listeners. graphql-yoga's subscription Repeater throws from its listener when a slow
 * subscriber has 1024 undelivered events; that event is then dropped for that subscriber only.
 */
type Listener = EventListenerOrEventListenerObject;

export function safeEventTarget<T extends EventTarget>(
  target: T,
  onError: (error: unknown) => void,
): T {
  const wrapped = new Map<string, WeakMap<Listener, EventListener>>();
  const wrapperFor = (type: string, listener: Listener): EventListener => {
    let byListener = wrapped.get(type);
    if (!byListener) wrapped.set(type, (byListener = new WeakMap()));
    let wrapper = byListener.get(listener);
    if (!wrapper) {
      wrapper = (event: Event) => {
        try {
          if (typeof listener === 'function') listener(event);
          else listener.handleEvent(event);
        } catch (error) {
          onError(error);
        }
      };
      byListener.set(listener, wrapper);
    }
    return wrapper;
  };
  const safe = {
    addEventListener(type: string, listener: Listener | null, options?: unknown) {
      if (listener) target.addEventListener(type, wrapperFor(type, listener), options as never);
    },
    removeEventListener(type: string, listener: Listener | null, options?: unknown) {
      const wrapper = listener ? wrapped.get(type)?.get(listener) : undefined;
      if (wrapper) target.removeEventListener(type, wrapper, options as never);
    },
    dispatchEvent: (event: Event) => target.dispatchEvent(event),
  };
  return safe as unknown as T;
}
