// Lint rules, including the layer rules of the design: each folder may import only what its row
// of the table in ARCHITECTURE.md allows.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const node = ['node:*', 'fs', 'path', 'os', 'http', 'https', 'http2', 'net', 'tls', 'crypto', 'child_process', 'url'];
const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'native/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Later blocks replace this rule for their folders, so each of them repeats the renderer ban.
  {
    files: ['src/main/**/*.ts'],
    rules: restrict(['**/renderer/**', 'react', 'react-dom'], 'Main never imports the renderer.'),
  },
  {
    files: ['src/shared/**/*.ts'],
    ignores: ['src/shared/**/*.test.ts'],
    rules: restrict(['electron', 'react', 'react-dom', ...node, '**/main/**', '**/renderer/**', '**/preload/**'], 'src/shared is pure: no Electron, Node, React or DOM.'),
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: restrict(
      ['*', '!electron', '!**/shared/**', '!./**', '**/main/**', '**/renderer/**'],
      'A sandboxed preload may only require electron and shared types.',
    ),
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(['electron', ...node, '**/main/**', '**/preload/**'], 'The renderer reaches main only through window.api.'),
    },
  },
  {
    files: ['src/main/transports/**/*.ts'],
    rules: restrict(
      ['electron', '**/providers/**', '**/db/**', '**/generation/**', '**/backends/**', '**/ipc/**', '**/app/**', '**/core/**', '**/web-host/**', '**/renderer/**'],
      'Transports know bytes and framing only.',
    ),
  },
  {
    files: ['src/main/providers/**/*.ts'],
    rules: restrict(
      ['electron', ...node, '**/db/**', '**/generation/**', '**/backends/**', '**/ipc/**', '**/app/**', '**/core/**', '**/web-host/**', '**/renderer/**', '**/transports/*', '!**/transports/types'],
      'Providers are pure: wire meaning only, transport types only.',
    ),
  },
  {
    files: ['src/main/db/**/*.ts'],
    rules: restrict(
      ['electron', '**/transports/**', '**/providers/**', '**/generation/**', '**/backends/**', '**/ipc/**', '**/app/**', '**/core/**', '**/web-host/**', '**/renderer/**'],
      'The database layer knows SQLite and shared types only.',
    ),
  },
  {
    files: ['src/main/generation/**/*.ts', 'src/main/backends/**/*.ts', 'src/main/core/**/*.ts', 'src/main/secrets/**/*.ts'],
    rules: restrict(['electron', '**/ipc/**', '**/app/**', '**/web-host/**', '**/renderer/**'], 'The core runs in plain Node: no Electron, no host code.'),
  },
  {
    files: ['src/main/web-host/**/*.ts'],
    rules: restrict(['electron', '**/ipc/**', '**/app/**', '**/renderer/**'], 'The web host runs without Electron.'),
  },
);
