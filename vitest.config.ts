import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * The whole suite runs twice, once per execution path (GATEWAY_EXECUTION, src/config.ts):
 * `standard` re-checks every request, `compiled` runs known operations on their kept plan. Every
 * behaviour must be the same on both. `npx vitest run --project compiled` runs one of them.
 */
const EXECUTION_MODES = ['standard', 'compiled'] as const;

export default defineConfig({
  resolve: {
    // One graphql module instance for everything: Vite would otherwise load graphql's ESM build
    // for our files while Pothos and Yoga load the CommonJS build, and `instanceof` checks across
    // the two copies fail ("Cannot use GraphQLSchema from another module or realm").
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: EXECUTION_MODES.map((mode) => ({
      extends: true as const,
      test: { name: mode, env: { GATEWAY_EXECUTION: mode } },
    })),
  },
});
