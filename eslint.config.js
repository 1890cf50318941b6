import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/templates/**',
      '**/__golden__/**',
      '**/*.d.ts',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        AbortSignal: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        fetch: 'readonly',
        AbortController: 'readonly',
        performance: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Plugins depend on the public contract only: never on core, the CLI or tsyringe (DESIGN.md §2).
    files: ['plugins/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@mcc/core', '@mcc/core/*', '@mcc/cli', '@mcc/cli/*', 'tsyringe', 'reflect-metadata'],
              message: 'Plugins depend only on @mcc/sdk.',
            },
            {
              group: ['**/packages/core/**', '**/packages/cli/**'],
              message: 'Plugins depend only on @mcc/sdk.',
            },
          ],
        },
      ],
    },
  },
);
