import js from '@eslint/js'
import tseslint from 'typescript-eslint'

// Import directions from ../shared/STYLE.md, checked per folder.
const restrict = (patterns) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message: 'breaks the layering described in README.md' }] }],
})

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'var/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  { files: ['server/geo/**'], rules: restrict(['**/db/**', '**/api/**', '**/web/**', 'hono*', 'kysely*']) },
  { files: ['server/domain/**'], rules: restrict(['**/db/**', '**/api/**', '**/geo/**', '**/web/**', 'hono*', 'kysely*']) },
  { files: ['server/api/**'], rules: restrict(['**/db/sqlite/**', '**/db/postgres/**', 'kysely*', 'better-sqlite3']) },
  // web/ may use the pure domain and geo modules, the type of the API, and hono's client.
  { files: ['web/**'], rules: restrict(['**/server/db/**', '**/server/api/**', '**/server/main*', '**/server/seed*', 'kysely*', 'better-sqlite3', 'node:*']) },
)
