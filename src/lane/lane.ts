/**
 * The known-operations lane: a plain JSON POST of a known query runs here, past Yoga's
 * per-request machinery (whatwg-node Request and Response objects, the Envelop hook chains),
 * with the same parts Yoga's plugins call: the request id, the authenticator, the caller's
 * context (binding, scope, budget), the operation checks of the guard plugins (cost,
 * `_entities`, rate limit) in their order, graphql-jit, the error codes and the mask, the
 * request release, Yoga's own result processor (status, JSON) and the request summary (log
 * line, metrics). What it does not serve it hands back (`null`) before any of it has happened,
 * and Yoga answers that request as it answers every other: see `LaneRequest` for what is served.
 */
import type { ExecutionArgs, ExecutionResult, GraphQLError } from 'graphql';
import { processRegularResult, type FetchAPI } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Authenticator, CredentialSource } from '../auth/authenticate.js';
import type { Caller } from '../auth/caller.js';
import type { GatewayContext } from '../context.js';
import type { AbortSource } from '../upstream/model.js';
import { runOperationChecks, type OperationCheck } from '../plugins/operation-guard.js';
import { withErrorCodes } from '../plugins/use-error-codes.js';
import { releaseRequest } from '../plugins/use-request-release.js';
import { requestIdFrom } from '../plugins/use-request-id.js';
import {
  durationSince,
  errorCodes,
  type RequestSummaries,
} from '../plugins/use-request-summary.js';
import { regularMediaType } from './negotiate.js';
import { NOT_SERVED, type Plan, type Plans } from './plans.js';

/** What the lane needs of a request; the node and fetch front ends fill it in. */
export interface LaneRequest {
  /** Lower-case header name → value (absent: undefined). */
  header(name: string): string | undefined;
  /** The body, read whole (the front end checked its content-type and length). */
  readonly body: string;
  /** Aborted when the client goes away. */
  readonly signal?: AbortSource | undefined;
}

export interface LaneAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface LaneOptions {
  plans: Plans;
  /** Trusted documents by id (the manifest). */
  manifest: ReadonlyMap<string, string>;
  /** Only trusted documents may run (full text is Yoga's to refuse). */
  trustedOnly: boolean;
  authenticate: Authenticator;
  /** The context of a request, as Yoga's context factory builds it. */
  contextFor(caller: Caller, requestId: string, request: LaneRequest): GatewayContext;
  /** The guard plugins' checks, in Yoga's plugin order (operationChecksOf). */
  checks: readonly OperationCheck[];
  summaries: RequestSummaries | null;
  maxQueryLength: number;
  hideSuggestions: boolean;
  /** Yoga's maskError (gatewayMaskedErrors); null: errors are not masked. */
  maskError: ((error: GraphQLError, message: string) => Error) | null;
  logger: Logger | null;
}

interface Body {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
  documentId?: unknown;
  doc_id?: unknown;
}
const BODY_KEYS = new Set(['query', 'variables', 'operationName', 'documentId', 'doc_id']);
const UNEXPECTED = 'Unexpected error.';

/** A body the lane serves: a JSON object with only these keys, of these types. */
function readBody(text: string): Body | null {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return null;
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return null;
  for (const key in body) if (!BODY_KEYS.has(key)) return null;
  const b = body as Body;
  if (b.variables != null && (typeof b.variables !== 'object' || Array.isArray(b.variables))) {
    return null;
  }
  if (b.operationName != null && typeof b.operationName !== 'string') return null;
  return b;
}

/** Yoga's result processor with a Response that only keeps what it is given. */
class Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  constructor(
    readonly body: string,
    init: { status?: number; headers?: Record<string, string> },
  ) {
    this.status = init.status ?? 200;
    this.headers = init.headers ?? {};
  }
}
const ANSWERS = { Response: Answer } as unknown as FetchAPI;

type Result = ExecutionResult & { stringify?: (result: ExecutionResult) => string };

export class Lane {
  /** Requests answered here, and requests read here and handed to Yoga (tests, the bench). */
  readonly counts = { served: 0, handedBack: 0 };

  constructor(readonly options: LaneOptions) {}

  /** The plan a request names, or null when Yoga answers it. */
  #planOf(body: Body): Plan | null {
    const o = this.options;
    const id = body.documentId ?? body.doc_id;
    let entry;
    if (id !== undefined) {
      if (typeof id !== 'string' || body.query !== undefined) return null;
      const text = o.manifest.get(id);
      if (text === undefined) return null;
      entry = o.plans.planOf(`id:${id}`, text);
    } else {
      const { query } = body;
      if (typeof query !== 'string' || o.trustedOnly || query.length > o.maxQueryLength) {
        return null;
      }
      entry = o.plans.planOf(`text:${query}`, query);
    }
    if (entry === NOT_SERVED) return null;
    // A named operation that is not the document's: Yoga reports it.
    if (body.operationName != null && body.operationName !== entry.name) return null;
    return entry;
  }

  /**
   * The answer to `request`, or null (nothing done yet): Yoga answers it. Requests whose
   * caller fails authentication go to Yoga too, which refuses them as it refuses every other.
   */
  async serve(request: LaneRequest): Promise<LaneAnswer | null> {
    const answer = await this.#serve(request);
    if (answer) this.counts.served++;
    else this.counts.handedBack++;
    return answer;
  }

  async #serve(request: LaneRequest): Promise<LaneAnswer | null> {
    const started = performance.now();
    const mediaType = regularMediaType(request.header('accept'));
    if (mediaType === null) return null;
    const body = readBody(request.body);
    if (!body) return null;
    const plan = this.#planOf(body);
    if (!plan) return null;
    const o = this.options;
    let caller: Caller;
    try {
      caller = await o.authenticate(credentials(request));
    } catch {
      return null;
    }
    const requestId = requestIdFrom(request.header('x-request-id'));
    o.summaries?.open(requestId);
    const result = await this.#run(plan, body, caller, requestId, request);
    const answer = processRegularResult(result, ANSWERS, mediaType) as unknown as Answer;
    o.summaries?.close(requestId, {
      caller: caller.id,
      operationName: plan.name ?? (body.operationName as string | null | undefined) ?? null,
      operationType: 'query',
      durationMs: durationSince(started),
      httpStatus: answer.status,
      errorCodes: errorCodes(result),
    });
    const headers = answer.headers;
    headers['x-request-id'] = requestId;
    return { status: answer.status, headers, body: answer.body };
  }

  async #run(
    plan: Plan,
    body: Body,
    caller: Caller,
    requestId: string,
    request: LaneRequest,
  ): Promise<Result> {
    const o = this.options;
    const variables = (body.variables ?? {}) as Record<string, unknown>;
    const context = o.contextFor(caller, requestId, request);
    try {
      const args: ExecutionArgs = {
        schema: plan.schema,
        document: plan.document,
        operationName: plan.name,
        variableValues: variables,
        contextValue: context,
      };
      const refused = o.checks.length > 0 ? await runOperationChecks(o.checks, args) : null;
      if (refused) return { errors: [refused] };
      const executed = (await plan.compiled.query(undefined, context, variables)) as Result;
      const result: Result = this.#masked(withErrorCodes(executed, o.hideSuggestions));
      result.stringify = plan.compiled.stringify;
      return result;
    } catch (error) {
      return { errors: [this.#mask(error as GraphQLError)] };
    } finally {
      releaseRequest(context);
    }
  }

  #masked(result: Result): Result {
    if (!result.errors?.length || !this.options.maskError) return result;
    return { ...result, errors: result.errors.map((e) => this.#mask(e)) };
  }

  #mask(error: GraphQLError): GraphQLError {
    const { maskError, logger } = this.options;
    if (!maskError) return error;
    const masked = maskError(error, UNEXPECTED);
    if (masked !== error) logger?.error(error);
    return masked as GraphQLError;
  }
}

const credentials = (request: LaneRequest): CredentialSource => ({
  get: (name) => request.header(name.toLowerCase()) ?? null,
});
