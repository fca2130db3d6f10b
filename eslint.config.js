// ESLint flat config for the whole monorepo: @eslint/js + typescript-eslint recommended, tuned for engine code.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

// The Node globals our plain .js/.mjs scripts use (the `globals` package is not a dependency).
const nodeGlobals = Object.fromEntries(
  [
    'process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'TextEncoder', 'TextDecoder', 'structuredClone',
    'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'queueMicrotask',
    'performance', 'globalThis', 'AbortController', 'fetch',
  ].map((name) => [name, 'readonly']),
);

export default defineConfig(
  {
    ignores: [
      '**/dist/**',
      '**/gen/**',
      '**/site/**',
      '**/node_modules/**',
      '**/build/**',
      '**/results/**',
      '.nx/**',
      'python/**',
      '**/.venv/**',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: nodeGlobals,
    },
    linterOptions: {
      reportUnusedDisableDirectives: 'warn',
    },
    rules: {
      // `_`-prefixed names mark deliberately unused parameters, destructured fields and catch bindings.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // Invariants the type system cannot see (e.g. map lookups right after a `has`) are asserted with `!`.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // `while (true)` loops that pull batches until a generator is done are idiomatic here.
      'no-constant-condition': ['error', { checkLoops: false }],
      // Empty generator stubs / no-op callbacks (`() => {}`) are fine.
      '@typescript-eslint/no-empty-function': 'off',
    },
  },
  {
    // Tests build odd inputs on purpose (casts, sparse arrays, explicit `any` for invalid-argument checks).
    files: ['**/*.test.ts', '**/test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
