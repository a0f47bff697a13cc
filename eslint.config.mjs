// Lint for the whole repository. Type-aware rules are left out on purpose: `npm run typecheck` already runs tsc, and
// two shared CPU cores cannot afford a second type-check per lint run.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'

// The two pure layers: they run in the mini-program, in the cloud functions and in plain jest, so they may import
// only each other (and dayjs for time) — never Taro, React, the SDKs, stores or services.
const impure = [
  {
    group: ['@tarojs/*', 'react', 'react-dom', 'zustand', '@nutui/*', '@tanstack/*'],
    message: 'src/domain and src/contract are pure: no UI or platform imports.',
  },
  {
    group: ['wx-server-sdk', '@cloudbase/*', 'fs', 'path', 'node:*', 'better-sqlite3'],
    message: 'src/domain and src/contract are pure: no I/O.',
  },
  {
    group: [
      '@/services/*',
      '@/stores/*',
      '@/components/*',
      '@/pages/*',
      '@/packages/*',
      '**/services/*',
      '**/stores/*',
      '**/components/*',
      '**/cloudfunctions/*',
    ],
    message: 'src/domain and src/contract may import only each other.',
  },
]

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'dist-h5/',
      'build/',
      '.temp/',
      'reports/',
      'coverage/',
      '**/*.d.ts',
      'scripts/stubs/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
    },
    // Registered everywhere so test fakes of Taro's hooks may name its rules in a disable comment.
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // tsc reports undefined names with the real types (wx, Taro globals, jest), so eslint's guess is only noise.
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}', '__tests__/components/**/*.test.tsx'],
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['src/domain/**/*.ts', 'src/contract/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: impure }] },
  },
  {
    // Pages read remote data through hooks and stores; only those talk to services/ (the api-client).
    files: ['src/pages/**/*.{ts,tsx}', 'src/packages/*/pages/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/services/*', '**/services/*'],
              message: 'Pages reach the cloud through a remote-data hook or a store, not services/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
)
