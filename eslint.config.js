import js from '@eslint/js'
import tseslint from 'typescript-eslint'

// Import directions from ../shared/STYLE.md, checked per folder.
const restrict = (patterns) => ({
  'no-restricted-imports': [
    'error',
    { patterns: [{ group: patterns, message: 'breaks the layering described in README.md' }] },
  ],
})

// web/ may use the pure domain and geo modules, the API's type and hono's client, never server runtime.
const WEB = [
  '**/server/db/**',
  '**/server/api/**',
  '**/server/main*',
  '**/server/seed*',
  'kysely*',
  'better-sqlite3',
  'node:*',
]

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'var/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['server/geo/**'],
    rules: restrict(['**/db/**', '**/api/**', '**/web/**', 'hono*', 'kysely*']),
  },
  {
    files: ['server/domain/**'],
    rules: restrict(['**/db/**', '**/api/**', '**/geo/**', '**/web/**', 'hono*', 'kysely*']),
  },
  {
    files: ['server/api/**'],
    rules: restrict(['**/db/sqlite/**', '**/db/postgres/**', 'kysely*', 'better-sqlite3']),
  },
  { files: ['web/**'], rules: restrict(WEB) },
  // Pages never import each other; shared code (api/, map/, ui/, i18n/) imports no page.
  { files: ['web/finder/**'], rules: restrict([...WEB, '**/planner/**', '**/kiosk/**']) },
  { files: ['web/planner/**'], rules: restrict([...WEB, '**/finder/**', '**/kiosk/**']) },
  { files: ['web/kiosk/**'], rules: restrict([...WEB, '**/finder/**', '**/planner/**']) },
  {
    files: ['web/api/**', 'web/map/**', 'web/ui/**', 'web/i18n/**'],
    rules: restrict([...WEB, '**/finder/**', '**/planner/**', '**/kiosk/**']),
  },
)
