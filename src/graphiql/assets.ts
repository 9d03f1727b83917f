/**
 * GraphiQL's static assets, served by the gateway itself so GraphiQL works on machines with no
 * internet (Yoga's default page loads them from a CDN). The bundle comes from
 * @graphql-yoga/render-graphiql and is imported lazily: 9 MB of strings are only loaded when a
 * browser first asks for GraphiQL.
 */
import { createHash } from 'node:crypto';

export interface Asset {
  readonly body: Uint8Array<ArrayBuffer>;
  readonly contentType: string;
  readonly etag: string;
}

export const assetNames = [
  'graphiql.js',
  'graphiql.css',
  'editor.worker.js',
  'json.worker.js',
  'graphql.worker.js',
  'favicon.ico',
] as const;
export type AssetName = (typeof assetNames)[number];

let loading: Promise<ReadonlyMap<AssetName, Asset>> | null = null;

function asset(body: Uint8Array<ArrayBuffer>, contentType: string): Asset {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return { body, contentType, etag };
}

function fromDataUrl(dataUrl: string): Uint8Array<ArrayBuffer> {
  const comma = dataUrl.indexOf(',');
  return new Uint8Array(Buffer.from(dataUrl.slice(comma + 1), 'base64'));
}

/** Loads (once) and returns every asset by name. */
export function loadAssets(): Promise<ReadonlyMap<AssetName, Asset>> {
  loading ??= import('@graphql-yoga/render-graphiql/graphiql').then((bundle) => {
    const text = (s: string) => new TextEncoder().encode(s);
    const js = 'text/javascript; charset=utf-8';
    return new Map<AssetName, Asset>([
      ['graphiql.js', asset(text(bundle.js), js)],
      ['graphiql.css', asset(text(bundle.css), 'text/css; charset=utf-8')],
      ['editor.worker.js', asset(text(bundle.editorWorkerService), js)],
      ['json.worker.js', asset(text(bundle.jsonWorker), js)],
      ['graphql.worker.js', asset(text(bundle.graphqlWorker), js)],
      ['favicon.ico', asset(fromDataUrl(bundle.favicon), 'image/x-icon')],
    ]);
  });
  return loading;
}
