/**
 * HTTP control endpoints for manual runs: GET /__sandbox/requests, POST /__sandbox/reset,
 * POST /__sandbox/faults (a FaultRule or an array), DELETE /__sandbox/faults, GET /__sandbox/info,
 * and the webhook ones: POST /__sandbox/inbound {chatId, from?, text}, POST /__sandbox/typing
 * {chatId, from?, typing?}, POST /__sandbox/receipts {messageId, receipt}, POST
 * /__sandbox/webhook-targets (AddWebhookTargetOptions), GET /__sandbox/webhook-deliveries.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxControls } from '../index.js';
import type { Store } from '../store.js';

export function createControlHandler(controls: SandboxControls, getStore: () => Store) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const reply = (status: number, body?: unknown) => {
      const text = body === undefined ? '' : JSON.stringify(body);
      res.writeHead(status, text ? { 'Content-Type': 'application/json; charset=utf-8' } : {});
      res.end(text);
    };
    const key = `${req.method ?? 'GET'} ${url.pathname.replace(/\/$/, '')}`;
    try {
      switch (key) {
        case 'GET /__sandbox/requests':
          return reply(200, { requests: controls.requests() });
        case 'GET /__sandbox/info':
          return reply(200, getStore().fixtures());
        case 'POST /__sandbox/reset':
          controls.reset();
          return reply(204);
        case 'POST /__sandbox/reset-counts':
          controls.resetCounts();
          return reply(204);
        case 'DELETE /__sandbox/faults':
          controls.clearFaults();
          return reply(204);
        case 'POST /__sandbox/faults': {
          const body = await readBody(req);
          const rules: unknown[] = Array.isArray(body) ? body : [body];
          for (const rule of rules) controls.injectFault(rule as never);
          return reply(201, { added: rules.length });
        }
        case 'POST /__sandbox/inbound':
          return reply(201, controls.simulateInbound((await readBody(req)) as never));
        case 'POST /__sandbox/typing':
          controls.simulateTyping((await readBody(req)) as never);
          return reply(204);
        case 'POST /__sandbox/receipts': {
          const body = (await readBody(req)) as { messageId?: string | number; receipt?: string };
          const receipt = body.receipt === 'delivered' ? 'delivered' : 'read';
          controls.simulateReceipt(body.messageId ?? '', receipt);
          return reply(204);
        }
        case 'POST /__sandbox/webhook-targets': {
          const { secret: _hidden, ...target } = controls.addWebhookTarget(
            (await readBody(req)) as never,
          );
          return reply(201, target);
        }
        case 'GET /__sandbox/webhook-deliveries':
          return reply(200, { deliveries: controls.webhookDeliveries() });
        default:
          return reply(404, { error: `unknown control endpoint ${key}` });
      }
    } catch (error) {
      return reply(400, { error: error instanceof Error ? error.message : 'bad request' });
    }
  };
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}
