/** Fault rules (which request gets which fault) and the request recorder. */
import type { FaultRule, RecordedRequest } from '../types.js';

interface ActiveRule {
  rule: FaultRule;
  remaining: number;
}

const FAULT_TYPES = new Set([
  'status',
  'rate-limit',
  'delay',
  'reset',
  'malformed-json',
  'slow-body',
  'echo-token',
]);

/** Throws a readable error when `rule` is not a FaultRule (used for env and HTTP input). */
export function assertFaultRule(rule: unknown): asserts rule is FaultRule {
  const r = rule as Partial<FaultRule> | null;
  if (typeof r !== 'object' || r === null) throw new Error('a fault rule must be an object');
  if (typeof r.route !== 'string' || r.route === '') throw new Error('fault rule: route required');
  if (r.times !== undefined && (!Number.isInteger(r.times) || r.times < 1)) {
    throw new Error('fault rule: times must be a positive integer');
  }
  if (r.phase !== undefined && r.phase !== 'before' && r.phase !== 'after') {
    throw new Error("fault rule: phase must be 'before' or 'after'");
  }
  if (typeof r.fault !== 'object' || r.fault === null || !FAULT_TYPES.has(r.fault.type)) {
    throw new Error(`fault rule: fault.type must be one of ${[...FAULT_TYPES].join(', ')}`);
  }
  const f = r.fault as unknown as Record<string, unknown>;
  const isStatus = (v: unknown) =>
    Number.isInteger(v) && (v as number) >= 200 && (v as number) <= 599;
  const isMs = (v: unknown) => typeof v === 'number' && v >= 0 && Number.isFinite(v);
  const bad =
    (f.type === 'status' && !isStatus(f.status)) ||
    (f.type === 'echo-token' && f.status !== undefined && !isStatus(f.status)) ||
    (f.type === 'rate-limit' &&
      typeof f.retryAfter !== 'number' &&
      typeof f.retryAfter !== 'string') ||
    (f.type === 'delay' && !isMs(f.ms)) ||
    (f.type === 'slow-body' && !isMs(f.chunkDelayMs));
  if (bad) throw new Error(`fault rule: invalid parameters for a '${String(f.type)}' fault`);
}

/** Parses a JSON array of FaultRule (LINQ_SANDBOX_FAULTS); throws a readable error. */
export function parseFaultRules(json: string | undefined): FaultRule[] {
  if (!json || json.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error('LINQ_SANDBOX_FAULTS is not valid JSON');
  }
  if (!Array.isArray(parsed)) throw new Error('LINQ_SANDBOX_FAULTS must be a JSON array');
  parsed.forEach((rule) => assertFaultRule(rule));
  return parsed as FaultRule[];
}

export class FaultBook {
  private rules: ActiveRule[] = [];

  add(rule: FaultRule): void {
    assertFaultRule(rule);
    this.rules.push({ rule, remaining: rule.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.rules = [];
  }

  /** The first rule matching `route` that has uses left; consumes one use. */
  take(route: string | null): FaultRule | null {
    for (const active of this.rules) {
      const matches = active.rule.route === '*' || active.rule.route === route;
      if (!matches || active.remaining <= 0) continue;
      active.remaining -= 1;
      return active.rule;
    }
    return null;
  }
}

type Waiter = {
  route: string;
  predicate: (r: RecordedRequest) => boolean;
  resolve: (r: RecordedRequest) => void;
};

/** Keeps the newest requests only, so a long-running sandbox (npm start) does not grow. */
const MAX_RECORDED = 5_000;

export class Recorder {
  private list: RecordedRequest[] = [];
  private waiters: Waiter[] = [];
  private seq = 0;
  private counts = new Map<string | null, number>();

  start(rec: Omit<RecordedRequest, 'seq'>): RecordedRequest {
    const full: RecordedRequest = { seq: ++this.seq, ...rec };
    this.list.push(full);
    if (this.list.length > MAX_RECORDED) this.list.splice(0, this.list.length - MAX_RECORDED);
    this.counts.set(rec.route, (this.counts.get(rec.route) ?? 0) + 1);
    return full;
  }

  /** Marks a request done and wakes the waiters it satisfies. */
  finish(rec: RecordedRequest): void {
    if (rec.done) return;
    rec.done = true;
    this.waiters = this.waiters.filter((w) => {
      if (!matches(w, rec)) return true;
      w.resolve(rec);
      return false;
    });
  }

  requests(): RecordedRequest[] {
    return [...this.list];
  }

  count(route?: string): number {
    return route === undefined ? this.seq : (this.counts.get(route) ?? 0);
  }

  reset(): void {
    this.list = [];
    this.seq = 0;
    this.counts.clear();
  }

  /** Resolves with the first finished request (already recorded or future) on `route`. */
  waitFor(route: string, predicate: (r: RecordedRequest) => boolean = () => true) {
    return new Promise<RecordedRequest>((resolve) => {
      const waiter: Waiter = { route, predicate, resolve };
      const done = this.list.find((r) => r.done && matches(waiter, r));
      if (done) resolve(done);
      else this.waiters.push(waiter);
    });
  }
}

function matches(w: Waiter, r: RecordedRequest): boolean {
  return (w.route === '*' || w.route === r.route) && w.predicate(r);
}
