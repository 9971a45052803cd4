const { transform, transformIgnorePatterns, resolver, setupFilesAfterEnv } = require('./jest.config');

/**
 * End-to-end suites (`npm run test:e2e`): real npm installs, a real Strapi on a real PostgreSQL, a real
 * image build. Slow by nature, so kept out of `npm test`: files are named *.e2e.ts, which the default
 * config's *.test.ts does not match. One file at a time, generous timeouts. Transforms and resolver as in
 * jest.config.js (why: the comment there).
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e.ts'],
  transform,
  transformIgnorePatterns,
  resolver,
  setupFilesAfterEnv,
  testTimeout: 20 * 60 * 1000,
  maxWorkers: 1,
  verbose: true,
};
