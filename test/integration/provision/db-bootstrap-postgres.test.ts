import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { describeIfAvailable, missingCommand } from '../../support/components';
import { missingPostgres, startPostgres, type PostgresServer } from '../../support/postgres';
import { loadTemplate, type Json } from '../../unit/provision/template-loader';

const run = promisify(execFile);

/**
 * The baseline's db-bootstrap container, exactly as the template ships it (its `sh -c` script, its
 * environment names), run with real `sh`, `wget` and `psql` against a real PostgreSQL 15 over TLS verified
 * with the server's CA. The server stands in for RDS: the "master" is a non-superuser with CREATEROLE that
 * owns the database, as the RDS master user is.
 */
function bootstrapContainer(): { script: string; environment: string[]; secrets: string[] } {
  const containers = loadTemplate().Resources.TaskDefinition!.Properties!.ContainerDefinitions as Record<
    string,
    Json
  >[];
  const bootstrap = containers.find((c) => c.Name === 'db-bootstrap');
  if (!bootstrap) throw new Error('The template has no db-bootstrap container');
  const [shell, flag, script] = bootstrap.Command as string[];
  expect([shell, flag]).toEqual(['/bin/sh', '-c']);
  const names = (list: Json | undefined) =>
    ((list ?? []) as Record<string, Json>[]).map((e) => String(e.Name));
  return { script: script!, environment: names(bootstrap.Environment), secrets: names(bootstrap.Secrets) };
}

const MASTER = 'rds_master';
const APP_USER = 'strapi_app';

describeIfAvailable(missingPostgres() ?? missingCommand('wget'))(
  'db-bootstrap on PostgreSQL 15: Strapi gets its own login, unaffected by master rotation',
  () => {
    const { script, environment, secrets } = bootstrapContainer();
    let db: PostgresServer;
    let caServer: Server;
    let caUrl: string;
    let wrongCaUrl: string;
    let workDir: string;
    let masterPassword = 'master-initial-pw';

    beforeAll(async () => {
      db = await startPostgres({ ssl: true });
      const other = await startPostgres({ ssl: true, database: 'other' });
      const wrongCertificate = other.certificate!;
      await other.stop();
      // The RDS CA bundle URL, served locally: the real certificate and one that does not match.
      caServer = createServer((req, res) => {
        res.end(req.url === '/wrong.pem' ? wrongCertificate : db.certificate);
      });
      await new Promise<void>((resolve) => caServer.listen(0, '127.0.0.1', resolve));
      const { port } = caServer.address() as AddressInfo;
      caUrl = `http://127.0.0.1:${port}/bundle.pem`;
      wrongCaUrl = `http://127.0.0.1:${port}/wrong.pem`;
      workDir = mkdtempSync(path.join(tmpdir(), 'db-bootstrap-'));
      writeFileSync(path.join(workDir, 'ca-for-clients.pem'), db.certificate!);
      // An RDS-like master: not a superuser, CREATEROLE and CREATEDB, owner of the database, and (an
      // existing stack upgraded) owner of the tables Strapi made while it still logged in as the master.
      await db.sql(`CREATE ROLE ${MASTER} LOGIN CREATEROLE CREATEDB PASSWORD '${masterPassword}'`);
      await db.sql(`ALTER DATABASE ${db.database} OWNER TO ${MASTER}`);
      await psqlAs(MASTER, masterPassword, 'CREATE TABLE articles (id serial PRIMARY KEY, title text)');
      await psqlAs(MASTER, masterPassword, "INSERT INTO articles (title) VALUES ('made as the master')");
    }, 120_000);

    afterAll(async () => {
      caServer?.close();
      await db?.stop();
      if (workDir) rmSync(workDir, { recursive: true, force: true });
    });

    async function psqlAs(user: string, password: string, sql: string): Promise<string> {
      const { stdout } = await run('psql', ['-X', '-v', 'ON_ERROR_STOP=1', '-Atc', sql], {
        env: {
          ...process.env,
          PGHOST: 'localhost',
          PGPORT: String(db.port),
          PGDATABASE: db.database,
          PGUSER: user,
          PGPASSWORD: password,
          PGSSLMODE: 'verify-full',
          PGSSLROOTCERT: path.join(workDir, 'ca-for-clients.pem'),
        },
      });
      return stdout.trim();
    }

    /** Runs the template's script as ECS would: its environment, the secrets as plain variables. */
    function runBootstrap(appPassword: string, options: { caUrl?: string; appUser?: string } = {}) {
      const env: Record<string, string> = {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        // Environment (from the template; RDS's endpoint is a DNS name, so verify-full checks it: localhost).
        PGHOST: 'localhost',
        PGPORT: String(db.port),
        PGDATABASE: db.database,
        PGCONNECT_TIMEOUT: '15',
        PGSSLMODE: 'verify-full',
        PGSSLROOTCERT: path.join(workDir, `ca-${Math.random().toString(36).slice(2)}.pem`),
        RDS_CA_BUNDLE_URL: options.caUrl ?? caUrl,
        // Secrets: the RDS master secret's username/password keys, and the app secret's.
        PGUSER: MASTER,
        PGPASSWORD: masterPassword,
        APP_DATABASE_USERNAME: options.appUser ?? APP_USER,
        APP_DATABASE_PASSWORD: appPassword,
      };
      return new Promise<{ code: number | null; output: string }>((resolve) => {
        const child = spawn('/bin/sh', ['-c', script], { env });
        let output = '';
        child.stdout.on('data', (d: Buffer) => (output += d.toString()));
        child.stderr.on('data', (d: Buffer) => (output += d.toString()));
        child.on('close', (code) => resolve({ code, output }));
      });
    }

    test('the test sets every variable the container gets, and no other', () => {
      expect([...environment, ...secrets].sort()).toEqual(
        [
          'PGHOST',
          'PGPORT',
          'PGDATABASE',
          'PGCONNECT_TIMEOUT',
          'PGSSLMODE',
          'PGSSLROOTCERT',
          'RDS_CA_BUNDLE_URL',
          'PGUSER',
          'PGPASSWORD',
          'APP_DATABASE_USERNAME',
          'APP_DATABASE_PASSWORD',
        ].sort(),
      );
    });

    test('refuses a server whose certificate the downloaded CA bundle does not sign (verify-full)', async () => {
      const result = await runBootstrap('app-pw-1', { caUrl: wrongCaUrl });
      expect(result.code).not.toBe(0);
      expect(result.output).toMatch(/certificate verify failed/);
      expect(await db.sql(`SELECT count(*) FROM pg_roles WHERE rolname = '${APP_USER}'`)).toBe('0');
    });

    test('creates strapi_app, which then owns the database and the tables the master made', async () => {
      const result = await runBootstrap('app-pw-1');
      expect(result).toEqual({ code: 0, output: `database login ${APP_USER} is ready\n` });
      // What Strapi does at boot and in migrations: read, write, create and alter tables.
      expect(await psqlAs(APP_USER, 'app-pw-1', 'SELECT title FROM articles')).toBe('made as the master');
      await psqlAs(APP_USER, 'app-pw-1', 'ALTER TABLE articles ADD COLUMN slug text');
      await psqlAs(APP_USER, 'app-pw-1', 'CREATE TABLE authors (id serial PRIMARY KEY, name text)');
      await psqlAs(APP_USER, 'app-pw-1', "INSERT INTO articles (title) VALUES ('made by strapi_app')");
      expect(
        await db.sql(`SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()`),
      ).toBe(APP_USER);
      expect(
        await db.sql(
          `SELECT rolsuper OR rolcreaterole OR rolcreatedb FROM pg_roles WHERE rolname = '${APP_USER}'`,
        ),
      ).toBe('f');
    });

    test('a master password rotation does not touch Strapi: new connections as strapi_app still log in', async () => {
      masterPassword = 'master-rotated-pw';
      await db.sql(`ALTER ROLE ${MASTER} PASSWORD '${masterPassword}'`);
      await expect(psqlAs(MASTER, 'master-initial-pw', 'SELECT 1')).rejects.toThrow(
        /password authentication failed/,
      );
      // A task started before the rotation holds only strapi_app's password: it keeps opening connections.
      expect(await psqlAs(APP_USER, 'app-pw-1', 'SELECT count(*) FROM articles')).toBe('2');
    });

    test('runs again (every task start) with the rotated master: idempotent, and sets the password from the secret', async () => {
      const result = await runBootstrap('app-pw-2');
      expect(result).toEqual({ code: 0, output: `database login ${APP_USER} is ready\n` });
      await expect(psqlAs(APP_USER, 'app-pw-1', 'SELECT 1')).rejects.toThrow(
        /password authentication failed/,
      );
      expect(await psqlAs(APP_USER, 'app-pw-2', 'SELECT count(*) FROM articles')).toBe('2');
    });

    test('tasks starting together do not race to create the login (advisory lock): every bootstrap succeeds', async () => {
      const results = await Promise.all(
        [1, 2, 3].map(() => runBootstrap('race-pw', { appUser: 'strapi_app_race' })),
      );
      expect(results.map((r) => [r.code, r.output])).toEqual(
        [1, 2, 3].map(() => [0, 'database login strapi_app_race is ready\n']),
      );
    });
  },
);
