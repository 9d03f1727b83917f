/**
 * GraphQL Code Generator for a frontend using the gateway: copy this file (and
 * schema.client.graphql, or point `schema` at a running gateway's URL) into the app, then
 * `npx graphql-codegen --config codegen.ts`. Typed documents go to src/gql/.
 *
 * The scalar mapping is what the gateway sends and takes: DateTime and URL are strings on the
 * wire (ISO 8601, absolute http(s) URLs); Upload is the File (or Blob) a client puts in the
 * variables of a multipart request. Without it codegen types them `unknown`.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

export const scalars = {
  DateTime: 'string',
  URL: 'string',
  Upload: 'File | Blob',
} as const;

const config: CodegenConfig = {
  schema: process.env.LINQ_GRAPHQL_SCHEMA ?? 'schema.client.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      config: {
        scalars,
        strictScalars: true,
        useTypeImports: true,
        enumsAsTypes: true,
      },
    },
  },
};

export default config;
