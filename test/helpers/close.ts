// Teardown in one line: closes what a file started, in order, skipping what never started.
export interface Closable {
  close(): unknown;
}

/** Closes each of `items` in turn (awaiting each); `undefined` entries never started. */
export async function closeAll(...items: Array<Closable | undefined>): Promise<void> {
  for (const item of items) await item?.close();
}
