/**
 * A scripted faulty HTTP server on 127.0.0.1:0 for transport tests: each request is answered
 * by the next step of a script (status/body/headers, reset, delay, slow body).
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Step =
  | {
      status: number;
      body?: unknown;
      raw?: string;
      headers?: Record<string, string>;
      delayMs?: number;
    }
  | { reset: true }
  | { hang: true }
  | { slowBody: string; chunkDelayMs: number; status?: number };

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  bodyBytes: number;
  aborted: boolean;
  body: string;
}

export interface FaultServer {
  url: string;
  seen: SeenRequest[];
  script(steps: Step[], fallback?: Step): void;
  /** Resolves when the n-th (1-based) request has been closed by the client or answered. */
  closed(n: number): Promise<SeenRequest>;
  close(): Promise<void>;
}

export async function startFaultServer(): Promise<FaultServer> {
  let steps: Step[] = [];
  let fallback: Step = { status: 200, body: {} };
  const seen: SeenRequest[] = [];
  const waiters = new Map<number, Array<(r: SeenRequest) => void>>();
  const done = new Set<number>();
  const finish = (n: number) => {
    done.add(n);
    for (const w of waiters.get(n) ?? []) w(seen[n - 1]!);
  };
  const server: Server = createServer((req, res) => {
    const record: SeenRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      bodyBytes: 0,
      aborted: false,
      body: '',
    };
    seen.push(record);
    const n = seen.length;
    const step = steps.shift() ?? fallback;
    let ended = false;
    req.on('data', (chunk: Buffer) => {
      record.bodyBytes += chunk.length;
      if (record.body.length < 4096) record.body += chunk.toString('utf8');
    });
    res.on('close', () => {
      if (!res.writableFinished) record.aborted = true;
      finish(n);
    });
    const respond = () => {
      if (ended) return;
      ended = true;
      if ('reset' in step) return req.socket.destroy();
      if ('hang' in step) return;
      if ('slowBody' in step) {
        res.writeHead(step.status ?? 200, { 'content-type': 'application/json' });
        const chunks = step.slowBody.match(/.{1,64}/gs) ?? [];
        const tick = () => {
          const next = chunks.shift();
          if (next === undefined) return res.end();
          res.write(next);
          setTimeout(tick, step.chunkDelayMs);
        };
        return tick();
      }
      const text = step.raw ?? (step.body === undefined ? '' : JSON.stringify(step.body));
      res.writeHead(step.status, { 'content-type': 'application/json', ...step.headers });
      res.end(text);
    };
    const go = () => {
      if ('delayMs' in step && step.delayMs) setTimeout(respond, step.delayMs);
      else respond();
    };
    // Answer after the request body was read, like a real API.
    if (req.readableEnded) go();
    else req.on('end', go);
    req.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    script(next, fb) {
      steps = [...next];
      if (fb) fallback = fb;
      seen.length = 0;
      done.clear();
    },
    closed(n) {
      if (done.has(n)) return Promise.resolve(seen[n - 1]!);
      return new Promise((resolve) => waiters.set(n, [...(waiters.get(n) ?? []), resolve]));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
