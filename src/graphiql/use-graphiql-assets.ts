/**
 * Yoga plugin: serves GraphiQL's assets under `<graphqlEndpoint>/graphiql/<name>` with strong
 * ETags and long-lived caching, so the page rendered by render.ts works with no internet.
 */
import type { Plugin } from 'graphql-yoga';
import { assetNames, loadAssets, type AssetName } from './assets.js';

export interface GraphiQLAssetsOptions {
  /** URL path prefix the assets are served under, e.g. `/graphql/graphiql`. */
  basePath: string;
}

const isAssetName = (name: string): name is AssetName =>
  (assetNames as readonly string[]).includes(name);

export function useGraphiQLAssets({ basePath }: GraphiQLAssetsOptions): Plugin {
  const prefix = `${basePath}/`;
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith(prefix)) return;
      const name = url.pathname.slice(prefix.length);
      if ((request.method !== 'GET' && request.method !== 'HEAD') || !isAssetName(name)) {
        endResponse(new fetchAPI.Response('Not found', { status: 404 }));
        return;
      }
      const asset = (await loadAssets()).get(name);
      if (!asset) {
        endResponse(new fetchAPI.Response('Not found', { status: 404 }));
        return;
      }
      const headers = {
        'content-type': asset.contentType,
        etag: asset.etag,
        'cache-control': 'public, max-age=86400',
      };
      if (request.headers.get('if-none-match') === asset.etag) {
        endResponse(new fetchAPI.Response(null, { status: 304, headers }));
        return;
      }
      const body = request.method === 'HEAD' ? null : asset.body;
      endResponse(new fetchAPI.Response(body, { status: 200, headers }));
    },
  };
}
