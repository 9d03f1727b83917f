/**
 * `path` tagged template: percent-encodes every interpolated parameter and refuses parameters
 * that would change the path's shape ('', '.', '..'). It also records the route template
 * (parameters replaced by `{}`) for logging without ids.
 */
import { badInput } from '../errors.js';

export interface RoutePath {
  /** Encoded path relative to the dialect's base, e.g. `/chats/12/chat_messages`. */
  readonly path: string;
  /** Route template for logs, e.g. `/chats/{}/chat_messages`. */
  readonly template: string;
}

export type PathParam = string | number;

function encodeParam(value: PathParam): string {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw badInput('id', 'must be an integer');
    return String(value);
  }
  if (typeof value !== 'string' || value === '' || value === '.' || value === '..') {
    throw badInput('id', 'must be a non-empty id');
  }
  return encodeURIComponent(value);
}

export function path(strings: TemplateStringsArray, ...params: PathParam[]): RoutePath {
  let out = strings[0] ?? '';
  let template = out;
  params.forEach((param, i) => {
    const rest = strings[i + 1] ?? '';
    out += encodeParam(param) + rest;
    template += '{}' + rest;
  });
  return { path: out, template };
}
