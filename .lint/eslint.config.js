// Lint for the whole repository: typescript-eslint's recommended rules everywhere, Lit's and the
// web-components rules (with their accessibility rules) for the elements, and a wall between browser
// code and the server. Formatting is Prettier's job, so no stylistic rules here.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wc from 'eslint-plugin-wc';

const browserCode = ['src/**/*.ts'];
const nodeCode = ['src/server/**', 'src/build/**', 'src/triage/train/**', 'src/triage/node/**'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.lint/node_modules/**', 'public/**', 'test-results/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // The compiler already reports unused names (noUnusedLocals / noUnusedParameters).
      '@typescript-eslint/no-unused-vars': 'off',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // A side-effect import that defines an element may sit beside a type import of its class.
      'no-duplicate-imports': ['error', { allowSeparateTypeImports: true }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: browserCode,
    ignores: nodeCode,
    ...lit.configs['flat/recommended'],
  },
  {
    files: browserCode,
    ignores: nodeCode,
    ...wc.configs['flat/recommended'],
  },
  {
    files: browserCode,
    ignores: nodeCode,
    plugins: { 'lit-a11y': litA11y },
    rules: {
      ...litA11y.configs.recommended.rules,
      // In a <dialog>, autofocus is how HTML places the first focus when it opens.
      'lit-a11y/no-autofocus': 'off',
    },
  },
  {
    // Browser code never imports the server (ARCHITECTURE.md invariant).
    files: browserCode,
    ignores: nodeCode,
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/server/**', 'node:*'], message: 'browser code never imports server or Node code' }] },
      ],
    },
  },
);
