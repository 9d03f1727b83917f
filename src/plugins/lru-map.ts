/**
 * A small least-recently-used map (a Map keeps insertion order: a read moves its entry to the
 * end, and the first entry goes when there are more than `max`). For the APQ documents
 * (use-trusted-documents.ts) and the lane's plans (lane/plans.ts).
 */
export class LruMap<V> {
  readonly #entries = new Map<string, V>();
  constructor(readonly max: number) {}

  get(key: string): V | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.max) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }
}
