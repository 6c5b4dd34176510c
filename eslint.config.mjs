import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import i18next from 'eslint-plugin-i18next';

/** Framework packages a pure domain lib must never import: it has to run in the API and the browser alike. */
const FRAMEWORKS = ['@nestjs/*', 'typeorm', 'pg', 'ioredis', 'bullmq', 'react', 'react-dom', '@apollo/*', '@mantine/*', 'express', 'passport*'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    ignores: ['**/dist', '**/node_modules', '**/.clearpost', '**/src/gql', 'apps/api/test/gql', 'tests/artifacts', '.nx'],
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            // Apps may use shared libs; libs never reach into an app.
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain'] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'], bannedExternalImports: FRAMEWORKS },
            { sourceTag: 'scope:api', notDependOnLibsWithTags: ['scope:web'] },
            { sourceTag: 'scope:web', notDependOnLibsWithTags: ['scope:api'] },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // SQL lives in repositories (and migrations, and the database layer itself): services hold
    // the rules and ask a repository; no `.query(` / `.one(` / `.many(` anywhere else in the API.
    files: ['apps/api/src/**/*.ts'],
    ignores: ['apps/api/src/**/*.repository.ts', 'apps/api/src/database/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.type='MemberExpression'][callee.property.name=/^(query|one|many)$/]",
          message: 'SQL belongs in a repository (<feature>.repository.ts): call a repository method instead.',
        },
      ],
    },
  },
  {
    // Tests state what they know about the data they just created.
    files: ['**/*.spec.ts', '**/*.e2e.ts', '**/test/**/*.ts', 'tests/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Every word the web app shows goes through i18next (English and French, apps/web/src/i18n):
    // text written straight into JSX, or into the attributes people read, is an error.
    files: ['apps/web/src/**/*.tsx'],
    ignores: ['apps/web/src/**/*.test.tsx'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          'jsx-attributes': { include: ['title', 'label', 'description', 'placeholder', 'aria-label', 'alt', 'message', 'confirmLabel', 'subtitle'] },
          callees: { exclude: ['t', 'i18n(ext)?', 'getInputProps', 'can', 'set', 'includes', 'startsWith', 'endsWith'] },
          words: { exclude: ['[0-9!-/:-@[-`{-~…—·\\s]+', '[A-Z_-]+', 'Clearpost'] },
        },
      ],
    },
  },
  // Formatting is Prettier's (checked by `npm run lint`); no lint rule argues with it.
  prettier,
];
