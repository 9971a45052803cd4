import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

const appDir = resolve(__dirname, '../../examples/strapi-app');
const composeFile = join(appDir, 'docker-compose.yml');
const compose = parse(readFileSync(composeFile, 'utf8'));
const envExample = readFileSync(join(appDir, '.env.example'), 'utf8');
const dockerfile = readFileSync(join(appDir, 'Dockerfile'), 'utf8');

/** The app directory of the runtime stage (its last WORKDIR), where uploads land under public/uploads. */
function runtimeWorkdir(): string | undefined {
  const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
  return /^WORKDIR\s+(\S+)/m.exec(runtime)?.[1];
}

describe('examples/strapi-app/docker-compose.yml (the local environment)', () => {
  const strapi = compose.services['strapi-app'];
  const postgres = compose.services['strapi-postgres'];

  test('Strapi is built from the app directory, on port 1337, with its uploads on a named volume', () => {
    expect(strapi.build.context).toBe('.');
    expect(strapi.ports).toEqual(['1337:1337']);
    expect(strapi.volumes).toEqual([`strapi_uploads:${runtimeWorkdir()}/public/uploads`]);
    expect(strapi.networks).toEqual(['strapi_network']);
  });

  test('Strapi waits for a healthy database and is health-checked on /_health', () => {
    expect(strapi.depends_on).toEqual({ 'strapi-postgres': { condition: 'service_healthy' } });
    expect(strapi.healthcheck.test.join(' ')).toContain('/_health');
  });

  test('PostgreSQL 15 (alpine) keeps its data on a named volume and reports readiness', () => {
    expect(postgres.image).toBe('postgres:15-alpine');
    expect(postgres.volumes).toEqual(['postgres_data:/var/lib/postgresql/data']);
    expect(postgres.networks).toEqual(['strapi_network']);
    expect(postgres.healthcheck.test.join(' ')).toContain('pg_isready');
  });

  test('Strapi reaches the database by service name, with the same credentials PostgreSQL is created with', () => {
    expect(strapi.environment).toMatchObject({
      DATABASE_CLIENT: 'postgres',
      DATABASE_HOST: 'strapi-postgres',
      DATABASE_PORT: '5432',
      DATABASE_NAME: '${DATABASE_NAME:-strapi}',
      DATABASE_USERNAME: '${DATABASE_USERNAME:-strapi}',
      DATABASE_PASSWORD: '${DATABASE_PASSWORD:-strapi}',
    });
    expect(postgres.environment).toEqual({
      POSTGRES_DB: strapi.environment.DATABASE_NAME,
      POSTGRES_USER: strapi.environment.DATABASE_USERNAME,
      POSTGRES_PASSWORD: strapi.environment.DATABASE_PASSWORD,
    });
  });

  test('declares the volumes and the bridge network it uses', () => {
    expect(Object.keys(compose.volumes).sort()).toEqual(['postgres_data', 'strapi_uploads']);
    expect(compose.networks).toEqual({ strapi_network: { driver: 'bridge' } });
  });

  test('every variable it reads from .env is documented in .env.example', () => {
    const variables = [...readFileSync(composeFile, 'utf8').matchAll(/(?<!\$)\$\{([A-Z_]+)/g)].map(
      (m) => m[1] as string,
    );
    expect(variables.length).toBeGreaterThan(6);
    const undocumented = [...new Set(variables)].filter(
      (name) => !new RegExp(`^${name}=`, 'm').test(envExample),
    );
    expect(undocumented).toEqual([]);
  });

  const composePlugin = spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0;
  (composePlugin ? test : test.skip)(
    '`docker compose config` accepts it (where the compose plugin exists)',
    () => {
      const result = spawnSync('docker', ['compose', '-f', composeFile, 'config', '--quiet'], {
        encoding: 'utf8',
      });
      expect(result.stderr).not.toMatch(/error/i);
      expect(result.status).toBe(0);
    },
  );
});
