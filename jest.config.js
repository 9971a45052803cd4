const fs = require('node:fs');
const path = require('node:path');

// @actions/core 3 and @actions/github 9 are ESM-only (their `exports` offer only `import`), and so are most
// packages under them (@actions/*, @octokit/*, content-type, ...). This suite stays CommonJS and transforms
// those packages, rather than running jest in its ESM mode: ESM mode needs --experimental-vm-modules, turns
// jest.mock into jest.unstable_mockModule and takes __dirname and require from every test file, all for a
// handful of dependencies. Two small pieces instead, shared with jest.e2e.config.js:
// - test/support/jest-esm-resolver.js: a package that cannot be required (nothing under require/default)
//   is resolved as an import would be, which is also how ncc resolves it for the bundles;
// - every installed package that declares "type": "module" is transpiled to CommonJS by ts-jest (allowJs).
//   The list is read from node_modules, not written here, so a dependency update that brings in another
//   ESM-only package needs no change; CommonJS packages (the AWS SDK, undici, ...) are loaded untouched.

/** Names of the installed packages that are ES modules, at any depth of node_modules. */
function esmPackageNames(dir = path.join(__dirname, 'node_modules'), names = new Set()) {
  if (!fs.existsSync(dir)) return names;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const entryDir = path.join(dir, entry.name);
    if (entry.name.startsWith('@')) {
      esmPackageNames(entryDir, names);
      continue;
    }
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(entryDir, 'package.json'), 'utf8'));
      if (manifest.type === 'module' && manifest.name) names.add(manifest.name);
    } catch {
      // not a package
    }
    esmPackageNames(path.join(entryDir, 'node_modules'), names);
  }
  return names;
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const esmPackages = [...esmPackageNames()].map(escapeRegExp).join('|');

/** @type {import('jest').Config['transform']} */
const transform = {
  // Type checking is `npm run typecheck`; ts-jest only transpiles (tsconfig isolatedModules), which keeps it fast.
  '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  '/node_modules/.+\\.js$': [
    'ts-jest',
    { isolatedModules: true, diagnostics: false, tsconfig: { allowJs: true } },
  ],
};

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform,
  transformIgnorePatterns: esmPackages ? [`/node_modules/(?!(?:${esmPackages})/)`] : ['/node_modules/'],
  resolver: '<rootDir>/test/support/jest-esm-resolver.js',
  setupFilesAfterEnv: ['<rootDir>/test/support/jest-setup.ts'],
  testTimeout: 120000,
  // Integration suites share machine-wide servers (docker, moto); run files two at a time at most.
  maxWorkers: 2,
};
