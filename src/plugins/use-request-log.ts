/**
 * One structured log line per GraphQL request (pino): request id, caller, operation, duration, HTTP
 * status, error codes and upstream call count. Built from the request summary
 * (use-request-summary.ts), so it holds no header, variable or token by construction; the
 * logger's redaction paths (src/logger.ts) are a second guard.
 */
import type { Logger } from 'pino';
import type { RequestSummary } from './use-request-summary.js';

export function requestLogListener(logger: Logger): (summary: RequestSummary) => void {
  return (summary) => {
    const failed = summary.httpStatus >= 500;
    const line = {
      requestId: summary.requestId,
      caller: summary.caller,
      ...(summary.traceId ? { traceId: summary.traceId } : {}),
      operationName: summary.operationName,
      operationType: summary.operationType,
      durationMs: summary.durationMs,
      status: summary.httpStatus,
      upstreamCalls: summary.upstreamCalls,
      ...(summary.errorCodes.length > 0 ? { errorCodes: summary.errorCodes } : {}),
    };
    if (failed) logger.warn(line, 'graphql request');
    else logger.info(line, 'graphql request');
  };
}
