// Captures the JSON lines of a real pino logger (src/logger.ts) for "secrets never logged" tests.
import { Writable } from 'node:stream';
import { createLogger } from '../../../src/logger.js';

export function captureLogger(level = 'debug') {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger(level, sink as unknown as Parameters<typeof createLogger>[1]);
  return { logger, lines, text: () => lines.join('\n') };
}
