/**
 * Webhook delivery: every store event is rendered for each matching subscription of the chat's
 * account and POSTed asynchronously (never delaying the API response), at least once, retried
 * on 5xx, 429 and network errors by a configurable schedule. Deliveries are recorded.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Store } from '../store.js';
import { renderV2, type Rendered } from './render-v2.js';
import { renderV3 } from './render-v3.js';
import { canonicalJson, v2Headers, v3Headers } from './sign.js';
import type {
  AddWebhookTargetOptions,
  SandboxEvent,
  WebhookDelivery,
  WebhookSettings,
  WebhookTarget,
} from './types.js';
import { versionOf } from './version.js';

const MAX_RECORDED = 5_000;
const DEFAULT_DELAYS = [2_000, 4_000, 8_000, 16_000, 30_000];

function accountOf(event: SandboxEvent) {
  if ('message' in event) return event.message.chat.accountId;
  if ('reaction' in event) return event.reaction.message.chat.accountId;
  return event.chat.accountId;
}

export class WebhookHub {
  private readonly targets: WebhookTarget[] = [];
  private list: WebhookDelivery[] = [];
  private seq = 0;
  private pending = 0;
  private idleWaiters: Array<() => void> = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly aborts = new Set<AbortController>();
  private closed = false;
  private readonly delays: number[];
  private readonly timeoutMs: number;

  constructor(
    private readonly getStore: () => Store,
    settings: WebhookSettings = {},
  ) {
    this.delays = settings.retryDelaysMs ?? DEFAULT_DELAYS;
    this.timeoutMs = settings.timeoutMs ?? 10_000;
  }

  add(options: AddWebhookTargetOptions): WebhookTarget {
    if (!/^https?:\/\//.test(options.url)) throw new Error('url must be http(s)');
    if (options.dialect === 'v3' && !options.secret) throw new Error('v3 targets need a secret');
    const now = new Date().toISOString();
    const target: WebhookTarget = {
      id: `target-${this.targets.length + 1}`,
      dialect: options.dialect,
      accountId: options.account ?? 'primary',
      url: options.url,
      secret: options.secret ?? null,
      events: options.events ?? null,
      version: options.version ?? versionOf(options.url),
      active: true,
      createdAt: now,
      updatedAt: now,
      lastDeliveredAt: null,
      deliveryAttempts: 0,
      duplicate: options.duplicate ?? false,
      programmatic: true,
    };
    this.targets.push(target);
    return target;
  }

  removeAll(): void {
    this.targets.length = 0;
  }

  deliveries(): WebhookDelivery[] {
    return [...this.list];
  }

  clearDeliveries(): void {
    this.list = [];
    this.seq = 0;
  }

  /** Resolves once no delivery is in flight or waiting for a retry. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    for (const a of this.aborts) a.abort();
    this.timers.clear();
    this.pending = 0;
    this.wakeIdle();
  }

  /** Store listener: renders and schedules; returns immediately. */
  handle(event: SandboxEvent): void {
    if (this.closed) return;
    const accountId = accountOf(event);
    const all = [...this.targets, ...this.getStore().webhookSubscriptions];
    for (const target of all) {
      if (!target.active || target.accountId !== accountId) continue;
      const rendered = target.dialect === 'v2' ? renderV2(event) : renderV3(event, target.version);
      if (!rendered) continue;
      if (target.events ? !target.events.includes(rendered.eventType) : false) continue;
      this.schedule(target, rendered);
    }
  }

  private schedule(target: WebhookTarget, rendered: Rendered): void {
    const envelope =
      target.dialect === 'v2'
        ? {
            api_version: 'v2',
            created_at: new Date().toISOString(),
            data: rendered.data,
            event_id: randomUUID(),
            event_type: rendered.eventType,
          }
        : {
            api_version: 'v3',
            webhook_version: target.version,
            event_type: rendered.eventType,
            event_id: randomUUID(),
            created_at: new Date().toISOString(),
            trace_id: randomBytes(16).toString('hex'),
            partner_id: `sandbox-partner-${target.accountId}`,
            data: rendered.data,
          };
    const body = target.dialect === 'v2' ? canonicalJson(envelope) : JSON.stringify(envelope);
    this.pending += 1;
    const run = async () => {
      try {
        const ok = await this.attempts(target, envelope, body, false);
        if (ok && target.duplicate) await this.attempts(target, envelope, body, true);
      } finally {
        this.pending = Math.max(0, this.pending - 1);
        if (this.pending === 0) this.wakeIdle();
      }
    };
    setImmediate(() => void run());
  }

  /** Attempts one delivery with retries; true once a 2xx was received. */
  private async attempts(
    target: WebhookTarget,
    envelope: { event_id: string; event_type: string },
    body: string,
    duplicate: boolean,
  ): Promise<boolean> {
    for (let attempt = 1; attempt <= this.delays.length + 1; attempt++) {
      if (this.closed) return false;
      if (attempt > 1) await this.sleep(this.delays[attempt - 2] ?? 0);
      if (this.closed) return false;
      const status = await this.post(target, envelope, body, attempt, duplicate);
      if (status >= 200 && status < 300) return true;
      const retryable = status === 0 || status === 429 || status >= 500;
      if (!retryable) return false;
    }
    return false;
  }

  private async post(
    target: WebhookTarget,
    envelope: { event_id: string; event_type: string },
    body: string,
    attempt: number,
    duplicate: boolean,
  ): Promise<number> {
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'User-Agent': 'linq-sandbox-webhooks/1',
      ...(target.dialect === 'v2'
        ? v2Headers(body, target.secret)
        : v3Headers(body, target.secret ?? '', envelope.event_type, target.id, Date.now())),
    };
    const abort = new AbortController();
    this.aborts.add(abort);
    const timer = setTimeout(() => abort.abort(), this.timeoutMs);
    let status = 0;
    let error: string | null = null;
    try {
      const res = await fetch(target.url, { method: 'POST', headers, body, signal: abort.signal });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (e) {
      error = abort.signal.aborted ? 'timeout' : e instanceof Error ? e.message : 'network error';
    } finally {
      clearTimeout(timer);
      this.aborts.delete(abort);
    }
    target.deliveryAttempts += 1;
    if (status >= 200 && status < 300) target.lastDeliveredAt = new Date().toISOString();
    this.record({
      seq: ++this.seq,
      eventId: envelope.event_id,
      eventType: envelope.event_type,
      subscriptionId: target.id,
      dialect: target.dialect,
      webhookVersion: target.dialect === 'v3' ? target.version : null,
      url: target.url,
      attempt,
      duplicate,
      status,
      error,
      at: new Date().toISOString(),
      body: JSON.parse(body) as unknown,
    });
    return status;
  }

  private record(delivery: WebhookDelivery): void {
    this.list.push(delivery);
    if (this.list.length > MAX_RECORDED) this.list.splice(0, this.list.length - MAX_RECORDED);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  private wakeIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
