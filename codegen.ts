/**
 * GraphQL Code Generator: typed documents for the tests (`npm run codegen`).
 * Reads the checked-in schema.graphql and every `graphql(...)` document under test/, and writes
 * test/gql/ (generated, never edited by hand). Custom scalars are strings on the wire.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema.graphql',
  // Relay's documents (test/clients/relay) are compiled by relay-compiler, with its own variables.
  documents: ['test/**/*.ts', '!test/gql/**', '!test/clients/relay/**'],
  ignoreNoDocuments: true,
  generates: {
    'test/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        scalars: { DateTime: 'string', URL: 'string', Upload: 'File' },
        strictScalars: true,
        useTypeImports: true,
        enumsAsTypes: true,
        emitLegacyCommonJSImports: false,
      },
    },
  },
};

export default config;
