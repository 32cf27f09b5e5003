// ESLint flat config. The layering rule: core, shared and webview never import vscode or Node built-ins.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-vsix/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Use a union of string literals instead of enum.' }],
    },
  },
  {
    files: ['src/core/**', 'src/shared/**', 'webview/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'core, shared and webview code must not import vscode.' },
          ...nodeBuiltins.map((name) => ({ name, message: 'core, shared and webview code must not import Node built-ins.' }))],
      }],
    },
  },
  {
    files: ['src/core/**'],
    rules: { 'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use the seeded generator (core/trainer/rng).' }] },
  },
  { files: ['webview/**'], languageOptions: { globals: { ...globals.browser } } },
  { files: ['esbuild.js'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
