/** Public surface of the upstream adapter. */
export { createLinqClient } from './client.js';
export type {
  LinqClientConfig,
  LinqLogger,
  UpstreamAttempt,
  UpstreamAttemptSpan,
  UpstreamRequestEvent,
  UpstreamTracer,
} from './client-config.js';
export * from './errors.js';
export { V2_CAPABILITIES } from './v2/dialect.js';
export { V3_CAPABILITIES } from './v3/dialect.js';
export type * from './model.js';
