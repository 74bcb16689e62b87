import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Only the Electron glue may import electron: everything else runs in plain Node or a plain browser.
const noElectron = {
  'no-restricted-imports': [
    'error',
    {
      paths: [
        {
          name: 'electron',
          message: 'Only src/main/electron and src/preload may import electron (see DESIGN.md).',
        },
      ],
    },
  ],
};

// The renderer and the shared contract run in a browser: no Node built-ins.
const noNode = {
  'no-restricted-imports': [
    'error',
    {
      paths: [{ name: 'electron', message: 'The renderer and shared code never import electron.' }],
      patterns: [
        {
          group: ['node:*', 'better-sqlite3', '**/main/**', '**/preload/**'],
          message: 'Browser and shared code may import only shared code and browser libraries.',
        },
      ],
    },
  ],
};

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.{ts,mts,mjs,js,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['src/main/**/*.ts', 'e2e/**/*.ts', 'scripts/**/*'], rules: noElectron },
  {
    files: ['src/main/electron/**/*.ts', 'src/preload/**/*.ts', 'e2e/electron.spec.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  { files: ['src/shared/**/*.ts'], rules: noNode },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules, ...noNode },
  },
);
