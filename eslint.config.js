// Lint rules chosen for this code base (`npm run lint`; CI runs it):
// - type-aware: no floating or misused promises (an un-awaited promise once crashed the process
//   on a Redis blip), no explicit `any`, no unused code, no needless type assertions;
// - layering: src/upstream (the Linq adapter) knows nothing of GraphQL or the schema;
// - formatting is Prettier's (`npm run format`), not the linter's.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-before/**',
      'node_modules/**',
      'coverage/**',
      'src/upstream/types/**',
      'test/gql/**',
      'bench/results/**',
      'spec/**',
    ],
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.base],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false } },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['error', 'warn'] }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'prefer-const': 'error',
    },
  },
  {
    // Command-line programs print to the terminal.
    files: ['bench/**/*.ts', 'scripts/**/*.ts', 'src/print-schema.ts', 'src/sandbox/main.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // Tests may report the figures they measured.
    files: ['test/**/*.ts'],
    rules: { 'no-console': ['error', { allow: ['error', 'warn', 'info'] }] },
  },
  {
    // The adapter to the Linq API is GraphQL-free: errors are mapped to GraphQL at the schema.
    files: ['src/upstream/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['graphql', 'graphql/*', 'graphql-*'],
              message: 'src/upstream never imports GraphQL.',
            },
            { group: ['@pothos/*'], message: 'src/upstream never imports Pothos.' },
            {
              group: ['**/schema', '**/schema/**'],
              message: 'src/upstream never imports the schema.',
            },
          ],
        },
      ],
    },
  },
);
