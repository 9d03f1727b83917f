/**
 * Browser hygiene: which web origins may call the gateway. Cross-origin requests are answered
 * with CORS headers only for origins on the allow-list (exact `scheme://host[:port]` matches; no
 * echo of whatever a page sends), and credentials (cookies) only when configured. The same list
 * decides WebSocket upgrades, which browsers send cross-origin without any preflight.
 * Same-origin pages (GraphiQL served by the gateway) need no entry.
 */
import type { CORSOptions } from 'graphql-yoga';

export interface CorsSettings {
  /** Exact origins, e.g. https://app.example.com. Empty: no cross-origin browser access. */
  readonly origins: readonly string[];
  /** Send Access-Control-Allow-Credentials (cookies, HTTP auth). @default false */
  readonly credentials: boolean;
}

/** Request headers a browser client may send (the preflight answer). */
const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'x-api-key',
  'x-request-id',
  'traceparent',
  'x-graphql-yoga-csrf',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'graphql-client-name',
  'graphql-client-version',
];

const normalise = (origin: string) => origin.trim().replace(/\/+$/, '').toLowerCase();

/** An origin is allowed when it is on the list or is the gateway's own (same host). */
export function originAllowed(
  origin: string | null | undefined,
  host: string | null | undefined,
  allowList: readonly string[],
): boolean {
  if (origin === null || origin === undefined) return true; // not a browser
  const wanted = normalise(origin);
  if (allowList.some((o) => normalise(o) === wanted)) return true;
  if (!host) return false;
  try {
    return new URL(wanted).host === host.toLowerCase();
  } catch {
    return false;
  }
}

/** Whether a request from `origin` gets CORS headers (it is on the allow-list). */
export function corsListed(settings: CorsSettings): (origin: string) => boolean {
  const listed = new Set(settings.origins.map(normalise));
  return (origin) => listed.has(normalise(origin));
}

/** Yoga's `cors` option: headers for listed origins, nothing at all for the others. */
export function corsPolicy(settings: CorsSettings): (request: Request) => CORSOptions {
  const isListed = corsListed(settings);
  return (request) => {
    const origin = request.headers.get('origin');
    if (origin === null || !isListed(origin)) return false;
    return {
      origin: [origin],
      credentials: settings.credentials,
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ALLOWED_HEADERS,
      exposedHeaders: ['x-request-id', 'retry-after'],
      maxAge: 600,
    };
  };
}
