/**
 * The peer: GraphQL Mesh over the same Linq v3 OpenAPI, composed with @graphql-mesh/compose-cli
 * and served by @graphql-hive/gateway (bench/contenders.ts starts it). `Chat.messages` is added
 * so the N+1 scenario has the same shape as the gateway's query. The upstream origin comes from
 * the environment at run time ({env.*} is interpolated by the gateway); each caller's own
 * Authorization header is passed upstream (nothing is shared between callers).
 */
import { defineConfig } from '@graphql-mesh/compose-cli';
import { loadOpenAPISubgraph } from '@omnigraph/openapi';

const spec = process.env.LINQ_OPENAPI_V3 ?? 'spec/linq/linq-api-v3.yaml';

export const composeConfig = defineConfig({
  subgraphs: [
    {
      sourceHandler: loadOpenAPISubgraph('Linq', {
        source: spec,
        endpoint: '{env.LINQ_BASE_URL}/api/partner',
        operationHeaders: { Authorization: '{context.headers.authorization}' },
      }),
    },
  ],
  additionalTypeDefs: /* GraphQL */ `
    extend type Chat {
      messages(limit: Int): getMessages_response
        @resolveTo(
          sourceName: "Linq"
          sourceTypeName: "Query"
          sourceFieldName: "getMessages"
          requiredSelectionSet: "{ id }"
          sourceArgs: { chatId: "{root.id}", limit: "{args.limit}" }
        )
    }
  `,
});
