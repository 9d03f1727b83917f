/**
 * The media type Yoga answers a single (non-streamed) result with, for a request's Accept
 * header: `application/json` or `application/graphql-response+json`, or null when Yoga would
 * pick another processor (SSE, multipart) or none. The same walk as Yoga's result processors
 * (graphql-yoga plugins/use-result-processor.ts and result-processor/accept.ts: the media types
 * of the header in reverse order, utf-8 only, the last match wins), kept per header value.
 */
export type RegularMediaType = 'application/json' | 'application/graphql-response+json';

const PROCESSORS: readonly (readonly string[])[] = [
  ['text/event-stream'],
  ['multipart/mixed'],
  ['application/graphql-response+json', 'application/json'],
];
const REGULAR = 2;

function requestMediaTypes(accept: string): string[] {
  const types: string[] = [];
  for (const entry of accept.replace(/\s/g, '').toLowerCase().split(',')) {
    const [type, ...params] = entry.split(';');
    if (type === undefined) continue;
    const charset = params.find((p) => p.includes('charset=')) ?? 'charset=utf-8';
    if (charset === 'charset=utf-8') types.push(type);
  }
  return types.reverse();
}

function matches(asked: string, offered: string): boolean {
  const [askedType, askedSub] = asked.split('/');
  const [type, sub] = offered.split('/');
  return (type === '*' || type === askedType) && (sub === '*' || sub === askedSub);
}

function negotiate(accept: string): RegularMediaType | null {
  let chosen: { processor: number; type: string } | null = null;
  const asked = requestMediaTypes(accept);
  PROCESSORS.forEach((types, processor) => {
    for (const requested of asked) {
      for (const type of types) if (matches(type, requested)) chosen = { processor, type };
    }
  });
  const found = chosen as { processor: number; type: string } | null;
  return found?.processor === REGULAR ? (found.type as RegularMediaType) : null;
}

const MAX_REMEMBERED = 256;
const known = new Map<string, RegularMediaType | null>();

/** The media type of the answer to `accept` (absent: any), null when it is not a single result. */
export function regularMediaType(accept: string | undefined): RegularMediaType | null {
  const header = accept || '*/*';
  let type = known.get(header);
  if (type === undefined) {
    type = negotiate(header);
    if (known.size >= MAX_REMEMBERED) known.clear();
    known.set(header, type);
  }
  return type;
}
