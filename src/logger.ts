/**
 * The process logger (pino, JSON lines). Tokens and secrets are redacted by path wherever
 * they could appear in a structured log record; code must still never put them in messages.
 */
import { pino, type DestinationStream, type Logger } from 'pino';

export const redactPaths = [
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'headers["x-linq-integration-token"]',
  '*.headers["x-linq-integration-token"]',
  'secret',
  '*.secret',
  'webhookSecret',
  '*.webhookSecret',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'linq-graphql-gateway' },
    redact: { paths: redactPaths, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
