import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'examples/**', 'coverage/**', 'demo-output/**', 'build/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    // The core knows nothing of the Actions toolkit: only entry points and the action kit may import it.
    files: ['src/**/*.ts'],
    ignores: ['src/actions/**', 'src/action-kit/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@actions/core',
              message: 'The core library must not depend on @actions/core; use Reporter.',
            },
          ],
          patterns: [
            {
              group: ['**/test/**', '**/sim', '**/sim/**'],
              message: 'Shipped code (src/, dist/) must not import the tests or the simulator.',
            },
          ],
        },
      ],
    },
  },
  {
    // Plain CommonJS scripts (the bin shim, the build script, configs) are meant to use require().
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
      },
    },
  },
);
