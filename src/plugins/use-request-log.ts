/**
 * One structured log line per GraphQL request (pino): request id, caller, trace id, operation,
 * duration, HTTP status, error codes counted (`{ NOT_FOUND: 3000 }`, never one entry per error, so
 * the line stays small whatever the request) and upstream call count. Built from the request summary
 * (use-request-summary.ts), so it holds no header, variable or token by construction; the
 * logger's redaction paths (src/logger.ts) are a second guard.
 */
import type { Logger } from 'pino';
import type { RequestSummary } from './use-request-summary.js';

/** Distinct codes listed at most; the rest are counted under OTHER. */
const MAX_CODES = 20;
const MAX_NAME = 100;

function countCodes(codes: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  let distinct = 0;
  for (const code of codes) {
    let key = code;
    if (counts[key] === undefined) {
      if (distinct >= MAX_CODES) key = 'OTHER';
      else distinct++;
    }
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

export function requestLogListener(logger: Logger): (summary: RequestSummary) => void {
  return (summary) => {
    const failed = summary.httpStatus >= 500;
    const line = {
      requestId: summary.requestId,
      caller: summary.caller,
      ...(summary.traceId ? { traceId: summary.traceId } : {}),
      operationName: summary.operationName?.slice(0, MAX_NAME) ?? null,
      operationType: summary.operationType,
      durationMs: summary.durationMs,
      status: summary.httpStatus,
      upstreamCalls: summary.upstreamCalls,
      ...(summary.errorCodes.length > 0
        ? { errors: summary.errorCodes.length, errorCodes: countCodes(summary.errorCodes) }
        : {}),
    };
    if (failed) logger.warn(line, 'graphql request');
    else logger.info(line, 'graphql request');
  };
}
