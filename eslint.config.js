import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'url',
  'crypto',
  'stream',
  'http',
  'worker_threads',
];

/** Layering of DESIGN.md: each folder may import only what its row allows. */
function restrict(patterns, message) {
  return {
    'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
  };
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'test-artifacts/**', 'sample-data/ravenstack/raw/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-console': ['error', { allow: ['error'] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['core/**/*.ts'],
    ignores: ['core/**/*.test.ts'],
    rules: restrict(
      [
        ...nodeBuiltins,
        'electron',
        '@duckdb/*',
        'react',
        'react-dom',
        '../db/*',
        '../cli/*',
        '../electron/*',
        '../renderer/*',
        '../sample-data/*',
      ],
      'core/ is pure TypeScript: no Node, DOM, Electron, DuckDB or other project folders.',
    ),
  },
  {
    files: ['core/**/*.ts'],
    ignores: ['core/**/*.test.ts'],
    // The same purity for globals: core/ runs in the renderer, a worker and Node alike.
    rules: {
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', 'require'],
      ],
    },
  },
  {
    files: ['db/**/*.ts'],
    rules: restrict(
      ['electron', 'react', '../cli/*', '../electron/*', '../renderer/*'],
      'db/ may import core/ only.',
    ),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(
      [
        ...nodeBuiltins,
        'electron',
        '@duckdb/*',
        '../../db/*',
        '../../cli/*',
        '../../electron/*',
        '../db/*',
        '../cli/*',
      ],
      'renderer/ talks to the backend only through the typed API; it may import core/ only.',
    ),
  },
  {
    files: [
      'cli/**/*.ts',
      'scripts/**/*.ts',
      'scripts/**/*.mjs',
      'sample-data/**/*.ts',
      'bin/**/*.mjs',
    ],
    rules: { 'no-console': 'off' },
  },
);
