/**
 * A stand-in for an object that a hook creates later (beforeAll): property reads and `in` go to
 * the object once `current()` returns it; before that they throw, naming `what`. Lets a describe
 * block say `const rig = useX()` and use `rig` in its tests.
 */
export function forwardTo<T extends object>(current: () => T | undefined, what: string): T {
  const target = (): T => {
    const value = current();
    if (!value) throw new Error(`${what} is not started yet (read it inside tests or hooks)`);
    return value;
  };
  return new Proxy({} as T, {
    // Not bound: a method called as `stub.m()` reads `this.x` through the stub too, and callable
    // values with properties (a Yoga instance) stay as they are.
    get: (_stub, key) => Reflect.get(target(), key, target()) as unknown,
    has: (_stub, key) => key in target(),
  });
}
