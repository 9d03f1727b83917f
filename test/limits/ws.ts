// A raw graphql-ws (graphql-transport-ws) client over a real WebSocket: every message and the
// close code are visible, and thousands of subscribe messages can be sent on one socket.
import WebSocket from 'ws';

export interface WsMessage {
  type: string;
  id?: string;
  payload?: unknown;
}

export interface RawWs {
  socket: WebSocket;
  messages: WsMessage[];
  /** Resolves with the close code (and reason) once the socket closes. */
  closed: Promise<{ code: number; reason: string }>;
  send(message: WsMessage): void;
  subscribe(id: string, query: string, variables?: Record<string, unknown>): void;
  /** Waits until `predicate` holds for the messages received so far. */
  until(predicate: (messages: WsMessage[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): void;
}

/** Opens a socket to `url` (http://…/graphql) and completes the connection_init handshake. */
export async function openWs(
  url: string,
  connectionParams: Record<string, unknown> = {},
  ack = true,
): Promise<RawWs> {
  const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
  const messages: WsMessage[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  socket.on('message', (data) => messages.push(JSON.parse(String(data)) as WsMessage));
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const send = (message: WsMessage) => socket.send(JSON.stringify(message));
  const until: RawWs['until'] = async (predicate, timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(messages)) {
      if (Date.now() > deadline) {
        throw new Error(`timed out; got ${JSON.stringify(messages.slice(-3))}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  send({ type: 'connection_init', payload: connectionParams });
  const ws: RawWs = {
    socket,
    messages,
    closed,
    send,
    subscribe: (id, query, variables = {}) =>
      send({ id, type: 'subscribe', payload: { query, variables } }),
    until,
    close: () => socket.close(1000),
  };
  if (ack) {
    await Promise.race([
      until((m) => m.some((x) => x.type === 'connection_ack')),
      closed.then(() => undefined),
    ]);
  }
  return ws;
}
