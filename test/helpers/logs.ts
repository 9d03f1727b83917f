/**
 * Captures the JSON lines of a real pino logger, for log assertions ("one line per request",
 * "secrets never logged"). `logger` is the process logger (src/logger.ts, with its redaction);
 * `rawLogger` is a plain pino logger without redaction, for adapter tests that must prove the
 * adapter itself keeps secrets out of what it logs.
 */
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { createLogger } from '../../src/logger.js';

export interface CapturedLogs {
  /** src/logger.ts' logger writing into `lines`. */
  readonly logger: Logger;
  /** A pino logger without redaction writing into `lines`. */
  readonly rawLogger: Logger;
  /** Every line written so far (empty it with `lines.length = 0`). */
  readonly lines: string[];
  /** All lines as one text. */
  text(): string;
  /** The lines parsed as JSON records. */
  records(): Record<string, unknown>[];
}

export function captureLogs(level = 'debug'): CapturedLogs {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return {
    logger: createLogger(level, sink),
    rawLogger: pino({ level }, sink),
    lines,
    text: () => lines.join('\n'),
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
