/**
 * Framework-neutral webhook intake: (headers, raw body) → verified, parsed, deduped, published.
 * Order: size limit → signature (and v3 timestamp) → JSON → payload → dedupe → publish.
 * Rejections are logged with their code only: never the secret, the signature or the body.
 */
import type { ChatEvent } from './events.js';
import type { Deduper } from './dedupe.js';
import type { HeaderSource } from './headers.js';
import { parseJsonObject, type ParsedWebhook } from './parse-common.js';
import { parseV2 } from './parse-v2.js';
import { parseV3 } from './parse-v3.js';
import { isRejection, reject, type Rejection } from './rejection.js';
import { verifyV2, verifyV3 } from './verify.js';

/** The subset of a pino logger used here. */
export interface WebhookLogger {
  warn(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface WebhookReceiverDeps {
  dialect: 'v2' | 'v3';
  /** The signing secret(s): v2 the subscription `secret`, v3 the `signing_secret`. */
  secrets: string | readonly string[];
  /** Publishes a chat event (e.g. ChatEventBus.publish). A throw answers 503 so Linq retries. */
  publish: (event: ChatEvent) => void | Promise<void>;
  /** Shared across requests (and, with Redis, across instances). */
  dedupe: Deduper;
  logger?: WebhookLogger;
  /** Injectable clock (ms) for the v3 timestamp window. */
  now?: () => number;
  /** v3 timestamp tolerance in seconds. Default 300. */
  toleranceSeconds?: number;
  /** Default 1 MiB. */
  maxBodyBytes?: number;
}

export interface Accepted {
  ok: true;
  /** True when the event id was seen before (nothing was published). */
  duplicate: boolean;
  parsed: ParsedWebhook;
}

export type ReceiveOutcome = Accepted | Rejection;

export function logRejection(deps: WebhookReceiverDeps, rejection: Rejection): void {
  const { code, status, message } = rejection;
  deps.logger?.warn({ dialect: deps.dialect, code, status, reason: message }, 'webhook rejected');
}

export async function receiveWebhook(
  headers: HeaderSource,
  rawBody: Uint8Array,
  deps: WebhookReceiverDeps,
): Promise<ReceiveOutcome> {
  const outcome = await receive(headers, rawBody, deps);
  if (isRejection(outcome)) logRejection(deps, outcome);
  return outcome;
}

async function receive(
  headers: HeaderSource,
  rawBody: Uint8Array,
  deps: WebhookReceiverDeps,
): Promise<ReceiveOutcome> {
  const max = deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (rawBody.byteLength > max) return reject('BODY_TOO_LARGE', `Body exceeds ${max} bytes`);
  const verified =
    deps.dialect === 'v2'
      ? verifyV2(headers, rawBody, deps.secrets)
      : verifyV3(headers, rawBody, deps.secrets, {
          now: deps.now,
          toleranceSeconds: deps.toleranceSeconds,
        });
  if (isRejection(verified)) return verified;
  const body = parseJsonObject(rawBody);
  if (isRejection(body)) return body;
  const parsed = deps.dialect === 'v2' ? parseV2(body) : parseV3(body);
  if (isRejection(parsed)) return parsed;

  const key = `${parsed.dialect}:${parsed.eventId}`;
  const log = { dialect: parsed.dialect, eventId: parsed.eventId, eventType: parsed.eventType };
  if (!(await deps.dedupe.claim(key))) {
    deps.logger?.debug(log, 'webhook duplicate ignored');
    return { ok: true, duplicate: true, parsed };
  }
  if (parsed.event) {
    try {
      await deps.publish(parsed.event);
    } catch {
      await deps.dedupe.release(key);
      return reject('PUBLISH_FAILED', 'The event could not be published; retry later');
    }
  }
  deps.logger?.debug({ ...log, published: parsed.event !== null }, 'webhook accepted');
  return { ok: true, duplicate: false, parsed };
}
