// Lint rules, including the layer rules of the design: each folder may import only what its row
// of the table in ARCHITECTURE.md allows.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const node = ['node:*', 'fs', 'path', 'os', 'http', 'https', 'http2', 'net', 'tls', 'crypto', 'child_process', 'url'];
// `packages` are package names (globs); `folders` are source folders by name, matched anywhere in
// a relative import path except under src/shared (whose `ipc/` folder is not the host's).
const banned = (message, packages, folders = []) => [
  ...(packages.length ? [{ group: packages, message }] : []),
  ...(folders.length ? [{ regex: `^(?!.*shared/)(.*/)?(${folders.join('|')})(/|$)`, message }] : []),
];
const restrict = (message, packages, folders = []) => ({
  'no-restricted-imports': ['error', { patterns: banned(message, packages, folders) }],
});
// The renderer's ban, plus a folder's own; a block that sets the rule replaces the renderer's for its files.
const inRenderer = (...patterns) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        ...banned('The renderer reaches main only through window.api.', ['electron', ...node], ['main', 'preload']),
        ...patterns,
      ],
    },
  ],
});

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'native/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bench/.cache/**',
    ],
  },
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
    rules: restrict('Main never imports the renderer.', ['react', 'react-dom'], ['renderer']),
  },
  {
    files: ['src/shared/**/*.ts'],
    ignores: ['src/shared/**/*.test.ts'],
    rules: restrict(
      'src/shared is pure: no Electron, Node, React or DOM.',
      ['electron', 'react', 'react-dom', ...node],
      ['main', 'renderer', 'preload'],
    ),
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!electron$|(\\.\\./)+shared/|\\./)',
              message: 'A sandboxed preload may only require electron and shared code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...inRenderer(),
    },
  },
  // Inside the renderer, the store stands below the features, and i18n below the store.
  {
    files: ['src/renderer/src/state/**/*.{ts,tsx}'],
    rules: inRenderer(
      ...banned('The store stands below the features: state/ never imports features/.', [], ['features']),
    ),
  },
  {
    files: ['src/renderer/src/i18n/**/*.{ts,tsx}'],
    rules: inRenderer(...banned('i18n stands below the store and the features.', [], ['state', 'features'])),
  },
  {
    files: ['src/main/transports/**/*.ts'],
    rules: restrict(
      'Transports know bytes and framing only.',
      ['electron'],
      ['providers', 'db', 'generation', 'backends', 'secrets', 'ipc', 'app', 'core', 'web-host', 'renderer'],
    ),
  },
  {
    files: ['src/main/providers/**/*.ts'],
    ignores: ['src/main/providers/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', ...node], message: 'Providers are pure: wire meaning only.' },
            {
              regex: '^(?!.*shared/)(.*/)?(db|generation|backends|secrets|ipc|app|core|web-host|renderer)(/|$)',
              message: 'Providers are pure: wire meaning only.',
            },
            { regex: 'transports/(?!types$)', message: 'Providers may import transport types only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/db/**/*.ts'],
    rules: restrict(
      'The database layer knows SQLite and shared types only.',
      ['electron'],
      ['transports', 'providers', 'generation', 'backends', 'secrets', 'ipc', 'app', 'core', 'web-host', 'renderer'],
    ),
  },
  {
    files: [
      'src/main/generation/**/*.ts',
      'src/main/transfer/**/*.ts',
      'src/main/backends/**/*.ts',
      'src/main/core/**/*.ts',
      'src/main/secrets/**/*.ts',
      'src/main/tools/*.ts',
    ],
    rules: restrict(
      'The core runs in plain Node: no Electron, no host code.',
      ['electron'],
      ['ipc', 'app', 'web-host', 'renderer'],
    ),
  },
  {
    files: ['src/main/tools/mcp/**/*.ts'],
    rules: restrict(
      'MCP tools run in plain Node: shared code, secrets types, node:*, the MCP SDK and zod only.',
      ['electron', 'react', 'react-dom'],
      [
        'ipc',
        'app',
        'web-host',
        'renderer',
        'core',
        'generation',
        'db',
        'providers',
        'transports',
        'backends',
        'transfer',
      ],
    ),
  },
  {
    files: ['src/main/web-host/**/*.ts'],
    rules: restrict('The web host runs without Electron.', ['electron'], ['ipc', 'app', 'renderer']),
  },
);
