/**
 * Last-resort handlers for errors nothing else caught (src/server.ts installs them).
 *
 * - An unhandled promise rejection is logged (error level) and the gateway keeps serving: the
 *   rejected promise had no reader, so no request is left in an unknown state.
 * - An uncaught exception is logged (fatal) and the process shuts down gracefully and exits
 *   with status 1: a throw that unwound an arbitrary stack may have left shared state half
 *   updated, so serving on is not safe. The orchestrator restarts it.
 */
import type { EventEmitter } from 'node:events';
import type { Logger } from 'pino';

/** Only the name and message (and stack): never an error's own properties (options, URLs). */
const describe = (error: unknown) =>
  error instanceof Error
    ? { type: error.name, message: error.message, stack: error.stack }
    : { type: typeof error, message: String(error) };

export function installProcessGuards(
  logger: Logger,
  onFatal: () => void,
  target: EventEmitter = process,
): () => void {
  const onRejection = (reason: unknown) => {
    logger.error({ err: describe(reason) }, 'unhandled promise rejection (still serving)');
  };
  let fatal = false;
  const onException = (error: unknown) => {
    logger.fatal({ err: describe(error) }, 'uncaught exception: shutting down');
    if (fatal) return;
    fatal = true;
    onFatal();
  };
  target.on('unhandledRejection', onRejection);
  target.on('uncaughtException', onException);
  return () => {
    target.off('unhandledRejection', onRejection);
    target.off('uncaughtException', onException);
  };
}
