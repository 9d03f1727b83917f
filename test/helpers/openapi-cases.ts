// Table-driven contract cases: each case is one real HTTP exchange with the sandbox whose request
// and response are both checked against the OpenAPI document.
import { expect } from 'vitest';
import {
  contractCall,
  type ContractCall,
  type ContractResult,
  type Target,
} from './openapi-client.js';
import { dialectOf, listOperations, type Dialect } from './openapi.js';

export interface CaseCall extends Omit<ContractCall, 'route'> {
  /** The HTTP status the sandbox must answer with. */
  expect: number;
  /** The request violates the spec on purpose (validation-error cases); the harness must agree. */
  invalidRequest?: boolean;
  /**
   * The request violates the spec yet the sandbox accepts it on purpose: the documented reason.
   * Without it, a success answer to a spec-invalid request fails the case.
   */
  acceptsInvalid?: string;
  /**
   * A success status the operation does not declare, accepted for a documented reason; the body is
   * validated against the response declared for `validateAs`. Without it, a success status must be
   * declared by the operation itself.
   */
  undeclared?: { reason: string; validateAs: number };
  /** A sandbox fault rule's `fault` to apply to this one request (status / rate-limit faults). */
  fault?: { type: 'status'; status: number } | { type: 'rate-limit'; retryAfter: number | string };
  /** Extra assertions on the validated result. */
  check?: (r: ContractResult) => void | Promise<void>;
}

export interface Case<Ctx> {
  name: string;
  route: string;
  build: (ctx: Ctx) => CaseCall | Promise<CaseCall>;
}

/** 401 without credentials and with an unknown token, for one route (either dialect). */
export function unauthorized<Ctx>(
  route: string,
  call: (c: Ctx) => Pick<ContractCall, 'path' | 'body' | 'query'>,
): Array<Case<Ctx>> {
  return (['none', 'bad'] as const).map((auth) => ({
    name: auth === 'none' ? '401 without credentials' : '401 with an unknown token',
    route,
    build: (c) => ({ ...call(c), auth, expect: 401 }),
  }));
}

/**
 * A list case: a subscription made by the primary account is listed, one made by the other account
 * is not. `listed` picks the ids out of the validated body; `check` adds assertions on it.
 */
export function listsOwnOnly<Ctx, Id>(
  name: string,
  route: string,
  subscribe: (c: Ctx, auth?: 'primary' | 'other') => Promise<Id>,
  listed: (body: unknown) => Id[],
  check: (body: unknown) => void = () => undefined,
): Case<Ctx> {
  return {
    name,
    route,
    build: async (c) => {
      const id = await subscribe(c);
      const theirs = await subscribe(c, 'other');
      return {
        expect: 200,
        check: (r) => {
          expect(listed(r.body)).toContain(id);
          expect(listed(r.body)).not.toContain(theirs);
          check(r.body);
        },
      };
    },
  };
}

/** v3 error codes allowed per HTTP status (linq-api.md §7; 429 → 1007, see its conflict note). */
const V3_CODES: Record<number, number[]> = {
  400: [1001, 1002, 1003, 1004, 1005],
  401: [2004],
  403: [2005, 2006],
  404: [2001, 2002, 2003],
  409: [1006],
  413: [5001],
  422: [1003],
  429: [1007],
  500: [3006],
  503: [3006, 4004],
};

function errorStatusInBody(dialect: Dialect, body: unknown): unknown {
  if (typeof body !== 'object' || body === null) return undefined;
  if (dialect === 'v3') return (body as { error?: { status?: unknown } }).error?.status;
  return (body as { errors?: Array<{ status?: unknown }> }).errors?.[0]?.status;
}

export type Injector = (route: string, fault: NonNullable<CaseCall['fault']>) => void;

/** Runs one case and asserts everything the contract says about it. */
export async function runCase<Ctx>(
  target: Target,
  c: Case<Ctx>,
  ctx: Ctx,
  inject?: Injector,
): Promise<ContractResult> {
  const call = await c.build(ctx);
  if (call.fault) {
    if (!inject) throw new Error(`${c.name}: a fault case needs an injector`);
    inject(c.route, call.fault);
  }
  const r = await contractCall(target, {
    ...call,
    route: c.route,
    validateAs: call.undeclared?.validateAs,
  });
  const dialect = dialectOf(c.route);
  const summary = JSON.stringify(r.body)?.slice(0, 300);
  expect({ status: r.status, responseErrors: r.responseErrors }, `response ${summary}`).toEqual({
    status: call.expect,
    responseErrors: [],
  });
  if (r.status < 300 && r.requestErrors.length > 0) {
    expect(
      call.acceptsInvalid,
      `accepted a spec-invalid request: ${r.requestErrors.join('; ')}`,
    ).toBeDefined();
  }
  if (call.invalidRequest || call.acceptsInvalid !== undefined || call.auth === 'none') {
    expect(r.requestErrors, 'the spec should reject this request too').not.toEqual([]);
  } else {
    expect(r.requestErrors, 'the test request must be spec-valid').toEqual([]);
  }
  if (r.status < 300 && call.undeclared === undefined) {
    expect(r.declared, `${r.status} must be declared by ${c.route}`).toBe(true);
  }
  if (r.status >= 400) {
    // Every error example in both documents repeats the HTTP status inside the body.
    expect(errorStatusInBody(dialect, r.body), 'error body status').toBe(r.status);
    if (dialect === 'v3') {
      const err = r.body as { error: { code: number; retry_after?: number }; trace_id?: string };
      const { code, retry_after: retryAfter } = err.error;
      // linq-api.md §1: error bodies carry trace_id; it should be the response's X-Trace-ID [I].
      expect(err.trace_id, 'error trace_id = X-Trace-ID').toBe(r.headers['x-trace-id']);
      expect(V3_CODES[r.status] ?? [], `v3 error code ${code} for ${r.status}`).toContain(code);
      // error.retry_after is a documented 429-only addition (see openapi-spec.ts, SPEC GAPS).
      if (r.status !== 429) expect(retryAfter, 'error.retry_after outside 429').toBeUndefined();
      else
        expect(String(retryAfter), 'error.retry_after = Retry-After').toBe(
          r.headers['retry-after'],
        );
    }
  }
  if (r.status === 429) {
    // linq-api.md §8: 429 carries Retry-After (seconds or an HTTP date).
    expect(r.headers['retry-after'], 'Retry-After on 429').toMatch(/\S/);
  }
  if (dialect === 'v3') {
    // v3 info.description: "Every API response includes an `X-Trace-ID` response header".
    expect(r.headers['x-trace-id'], 'X-Trace-ID header').toMatch(/\S/);
  }
  await call.check?.(r);
  return r;
}

/** Spec routes that no case exercises with a success status. */
export function untestedRoutes<Ctx>(
  dialect: Dialect,
  cases: Array<Case<Ctx>>,
  succeeded: Set<string>,
): string[] {
  const routes = new Set(cases.map((c) => c.route));
  return listOperations(dialect)
    .map((o) => o.route)
    .filter((r) => !routes.has(r) || !succeeded.has(r));
}
