import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './support';
import { loadTemplate, type Json } from './template-loader';

// The baseline's task definition and the Strapi starter must speak the same variables: a name the
// template sets that the app never reads (AWS_BUCKET where the app reads UPLOADS_BUCKET) is a silent
// misconfiguration that only shows up as uploads landing on the container's disk in production.

/** Every `env('NAME'` / `env.bool('NAME'` ... the starter's config and source read. */
function variablesTheAppReads(): Set<string> {
  const app = path.join(REPO_ROOT, 'examples', 'strapi-app');
  const files = [
    ...readdirSync(path.join(app, 'config')).map((f) => path.join(app, 'config', f)),
    ...readdirSync(path.join(app, 'src'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.ts'))
      .map((e) => path.join(e.parentPath, e.name)),
  ];
  const names = new Set<string>();
  for (const file of files) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\benv(?:\.\w+)?\(\s*'([A-Z0-9_]+)'/g))
      names.add(m[1] ?? '');
  }
  return names;
}

function strapiContainer(): { environment: string[]; secrets: string[] } {
  const taskDefinition = loadTemplate().Resources.TaskDefinition;
  const containers = (taskDefinition?.Properties?.ContainerDefinitions ?? []) as Record<string, Json>[];
  const strapi = containers.find((c) => c.Name === 'strapi');
  if (!strapi) throw new Error('The template has no container named strapi');
  const names = (list: Json | undefined): string[] =>
    ((list ?? []) as Record<string, Json>[]).map((entry) => String(entry.Name));
  return { environment: names(strapi.Environment), secrets: names(strapi.Secrets) };
}

// Read by Node, Strapi's runtime or the AWS SDK rather than by the app's own config files
// (DATABASE_CLIENT: the starter is PostgreSQL-only; the variable keeps the task definition self-describing).
const PLATFORM_VARIABLES = ['NODE_ENV', 'HOST', 'PORT', 'AWS_REGION', 'DATABASE_CLIENT'];

describe('the baseline task definition and the Strapi starter', () => {
  const reads = variablesTheAppReads();
  const { environment, secrets } = strapiContainer();

  test('the scan finds the variables the app is known to read', () => {
    expect([...reads]).toEqual(expect.arrayContaining(['DATABASE_HOST', 'UPLOADS_BUCKET', 'APP_KEYS']));
  });

  test('every variable the template sets is one the app reads', () => {
    const unread = [...environment, ...secrets].filter(
      (n) => !reads.has(n) && !PLATFORM_VARIABLES.includes(n),
    );
    expect(unread).toEqual([]);
  });

  test.each([
    'APP_KEYS',
    'API_TOKEN_SALT',
    'ADMIN_JWT_SECRET',
    'TRANSFER_TOKEN_SALT',
    'JWT_SECRET',
    'ENCRYPTION_KEY',
    'DATABASE_PASSWORD',
  ])('%s reaches the container as a secret, never as plain environment', (name) => {
    expect(secrets).toContain(name);
    expect(environment).not.toContain(name);
  });

  test.each([
    'DATABASE_CLIENT',
    'DATABASE_HOST',
    'DATABASE_PORT',
    'DATABASE_NAME',
    'DATABASE_USERNAME',
    'DATABASE_SSL',
    'UPLOADS_BUCKET',
  ])('%s is set for the container', (name) => {
    expect(environment).toContain(name);
  });
});
