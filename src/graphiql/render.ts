/**
 * The GraphiQL page: a small HTML document that loads its scripts, styles and Monaco workers from
 * the gateway's own asset route (see assets.ts), never from a CDN.
 */
import type { GraphiQLOptions } from 'graphql-yoga';

/** JSON that is safe inside a <script> element (no `</script>` or `<!--` break-out). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function renderOfflineGraphiQL(assetBase: string, options: GraphiQLOptions): string {
  const title = escapeHtml(options.title ?? 'GraphiQL');
  const base = escapeHtml(assetBase);
  const workers = {
    editorWorkerService: `${assetBase}/editor.worker.js`,
    json: `${assetBase}/json.worker.js`,
    graphql: `${assetBase}/graphql.worker.js`,
  };
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
    <link rel="icon" href="${base}/favicon.ico" />
    <link rel="stylesheet" href="${base}/graphiql.css" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>GraphiQL needs JavaScript.</noscript>
    <div id="root">Loading ${title}…</div>
    <script>
      const workerUrls = ${scriptJson(workers)};
      self.MonacoEnvironment = {
        globalAPI: false,
        getWorkerUrl: (_moduleId, label) => workerUrls[label] ?? workerUrls.editorWorkerService,
      };
    </script>
    <script src="${base}/graphiql.js"></script>
    <script>
      YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), ${scriptJson(options)});
    </script>
  </body>
</html>`;
}
