// A minimal GraphQL-over-SSE client (Yoga's "distinct connections" mode) over a real socket:
// POST /graphql with `Accept: text/event-stream`, parsing `event: next|complete` blocks.
import type { GraphQLErrorJson } from '../../helpers/graphql.js';

export interface SseResult<T> {
  data?: T | null;
  errors?: GraphQLErrorJson[];
}

export interface SseSubscription<T> {
  status: number;
  /** Every `next` payload so far. */
  results: SseResult<T>[];
  /** The `index`-th payload (waits for it; fails after `timeoutMs`). */
  nth(index: number, timeoutMs?: number): Promise<SseResult<T>>;
  /** Resolves when the server completed the stream (or the socket ended). */
  completed: Promise<void>;
  close(): void;
}

export async function sseSubscribe<T>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<SseSubscription<T>> {
  const controller = new AbortController();
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'text/event-stream',
  };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
    signal: controller.signal,
  });
  const results: SseResult<T>[] = [];
  let wake: (() => void) | null = null;
  const changed = () => {
    wake?.();
    wake = null;
  };
  let ended = false;
  const completed = (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n');
          const event = lines
            .find((l) => l.startsWith('event:'))
            ?.slice(6)
            .trim();
          const data = lines
            .filter((l) => l.startsWith('data:'))
            .map((l) => l.slice(5).trim())
            .join('\n');
          if (event === 'next' && data) results.push(JSON.parse(data) as SseResult<T>);
          if (event === 'complete') return;
          changed();
        }
      }
    } catch {
      // aborted by close()
    } finally {
      ended = true;
      changed();
    }
  })();
  return {
    status: response.status,
    results,
    completed,
    async nth(index, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (results[index] === undefined) {
        if (ended) throw new Error(`stream ended with ${results.length} results`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`timed out waiting for result #${index}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      return results[index];
    },
    close: () => controller.abort(),
  };
}
