/**
 * Serves a fetch-style handler (a Yoga server) on 127.0.0.1 port 0 and records every GraphQL
 * request body it receives, so tests can count what a router sent to a subgraph.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedOperation {
  query: string;
  variables?: Record<string, unknown>;
}

export interface ServedGraph {
  url: string;
  received: RecordedOperation[];
  close(): Promise<void>;
}

type Handler = (request: Request) => Response | Promise<Response>;

export async function serveGraph(handler: Handler): Promise<ServedGraph> {
  const received: RecordedOperation[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (req.method === 'POST') received.push(JSON.parse(body) as RecordedOperation);
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) {
        if (typeof v === 'string') headers.set(k, v);
      }
      const init: RequestInit = { method: req.method ?? 'GET', headers };
      if (req.method === 'POST') init.body = body;
      void Promise.resolve(handler(new Request(`http://graph.test${req.url ?? '/'}`, init))).then(
        async (response) => {
          res.writeHead(response.status, Object.fromEntries(response.headers));
          res.end(Buffer.from(await response.arrayBuffer()));
        },
        (error: unknown) => {
          res.writeHead(500).end(String(error));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
