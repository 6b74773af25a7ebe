import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'jest.config.js',
      'test/setup/summary-reporter.js',
      'node_modules/',
      'dist/',
      'coverage/',
      '.services/',
      'test-output/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration from config/ only.' },
      ],
    },
  },
  {
    files: ['config/**', 'test/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
