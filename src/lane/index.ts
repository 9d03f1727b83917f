/**
 * The known-operations lane (lane.ts) of a gateway's Yoga: its plans use Yoga's own parse and
 * validate, its checks are those of Yoga's guard plugins (given: Yoga's final plugin list is only seen
 * from a plugin), its mask is Yoga's.
 */
import type { YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Authenticator } from '../auth/authenticate.js';
import type { Caller } from '../auth/caller.js';
import type { GatewayContext } from '../context.js';
import type { OperationCheck } from '../plugins/operation-guard.js';
import { gatewayMaskedErrors } from '../plugins/use-error-codes.js';
import type { Operations } from '../plugins/use-operations.js';
import type { TrustedDocumentsOptions } from '../plugins/use-trusted-documents.js';
import { Lane, type LaneRequest } from './lane.js';
import { Plans } from './plans.js';

export { Lane } from './lane.js';

export interface CreateLaneOptions {
  /** The checks of Yoga's guard plugins, in order (operationChecksOf). */
  checks: readonly OperationCheck[];
  operations: Operations;
  trustedDocuments: TrustedDocumentsOptions;
  authenticate: Authenticator;
  logger: Logger | null;
  /** Yoga's maskedErrors setting. */
  masked: boolean;
  contextFor(caller: Caller, requestId: string, request: LaneRequest): GatewayContext;
}

export function createLane(
  yoga: YogaServerInstance<{}, GatewayContext>,
  options: CreateLaneOptions,
): Lane {
  const { getEnveloped } = yoga;
  const { maskError } = gatewayMaskedErrors(options.masked);
  const { operations } = options;
  return new Lane({
    plans: new Plans(() => getEnveloped({})),
    manifest: options.trustedDocuments.manifest,
    trustedOnly: options.trustedDocuments.only ?? false,
    authenticate: options.authenticate,
    contextFor: options.contextFor,
    checks: options.checks,
    summaries: operations.summaries,
    maxQueryLength: operations.maxQueryLength,
    hideSuggestions: operations.hideSuggestions,
    maskError: maskError ?? null,
    logger: options.logger,
  });
}
