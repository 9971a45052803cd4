import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  describeIfAvailable,
  missingCommand,
  missingExecutable,
  testIfAvailable,
} from '../support/components';
import { ensureDocker } from '../support/docker';
import { startMoto } from '../support/moto';
import { strapiBuildContextFilter } from '../support/strapi-build-context';
import { freePort } from '../support/free-port';
import { missingPostgres, startPostgres, type PostgresServer } from '../support/postgres';
import { CHROMIUM, walkThroughAdminPanel } from './admin-browser';
import { gradientPng } from './png';
import { runLogged, startStrapi, waitForStatus, type StrapiProcess } from './processes';
import { StageTimer } from './stage-timer';

const execFileAsync = promisify(execFile);
/**
 * execFile with this test's environment passed explicitly: inside jest, child_process would otherwise
 * see the real process.env, not the DOCKER_HOST that ensureDocker() sets on the test's copy.
 */
const run = (command: string, args: string[], options: { maxBuffer?: number } = {}) =>
  execFileAsync(command, args, { env: process.env, ...options });
const repoRoot = resolve(__dirname, '../..');
const appDir = join(repoRoot, 'examples/strapi-app');
const baseImage = 'strapi-deploy/node-base:local';
const appImage = 'strapi-deploy/strapi-app:e2e';
/** Git-ignored (.gitignore): what the run leaves for a person to look at. */
const testOutputDir = join(repoRoot, 'test-output');
const MINUTE = 60_000;

/** Strapi's secrets: fresh per run, identical for the host process and the container. */
const secrets = {
  APP_KEYS: [1, 2].map(() => randomBytes(16).toString('base64')).join(','),
  ADMIN_JWT_SECRET: randomBytes(16).toString('base64'),
  API_TOKEN_SALT: randomBytes(16).toString('base64'),
  TRANSFER_TOKEN_SALT: randomBytes(16).toString('base64'),
  JWT_SECRET: randomBytes(16).toString('base64'),
  ENCRYPTION_KEY: randomBytes(32).toString('base64'),
};

interface Media {
  id: number;
  url: string;
  mime: string;
  size: number;
}
interface Document {
  id: number;
  documentId: string;
  [field: string]: unknown;
}

async function api<T>(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string | undefined; json?: unknown; form?: FormData | undefined } = {},
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | FormData | undefined = options.form;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body } : {}),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** The certificates of a PEM bundle that are not public roots (a proxy's CA), as one base64 line each. */
async function privateCertificateLines(bundle: string): Promise<string[]> {
  const mozillaDir = '/usr/share/ca-certificates/mozilla';
  const publicRoots = existsSync(mozillaDir)
    ? (await Promise.all((await readdir(mozillaDir)).map((f) => readFile(join(mozillaDir, f), 'utf8')))).join(
        '\n',
      )
    : '';
  const certificates =
    (await readFile(bundle, 'utf8')).match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ??
    [];
  return certificates
    .map((pem) => pem.split('\n').filter((line) => /^[A-Za-z0-9+/]{64}$/.test(line)))
    .filter((lines) => lines.length > 2 && !publicRoots.includes(lines[1] as string))
    .map((lines) => lines[Math.floor(lines.length / 2)] as string);
}

/** The CA bundle this machine's npm trusts beyond Node's defaults, if any (a TLS-inspecting proxy). */
async function buildCaBundle(): Promise<string | undefined> {
  if (process.env.NODE_EXTRA_CA_CERTS && existsSync(process.env.NODE_EXTRA_CA_CERTS))
    return process.env.NODE_EXTRA_CA_CERTS;
  const cafile = (await run('npm', ['config', 'get', 'cafile'])).stdout.trim();
  return cafile && cafile !== 'null' && cafile !== 'undefined' && existsSync(cafile) ? cafile : undefined;
}

const missing =
  missingCommand('npm', 'docker', 'dockerd', 'psql', 'runuser', 'moto_server') ??
  missingPostgres() ??
  (existsSync('/bin/busybox')
    ? undefined
    : '`busybox-static` is not installed (the local Node base image needs it)');

describeIfAvailable(missing)('the Strapi starter (examples/strapi-app), end to end', () => {
  const timer = new StageTimer();
  let logDir: string;
  let pg: PostgresServer | undefined;
  let strapi: StrapiProcess | undefined;
  let container: string | undefined;
  let adminContainer: string | undefined;
  let imageBuilt = false;
  let token: string;
  let uploadedPng: Buffer;
  let cover: Media;
  let author: Document;
  let category: Document;
  let article: Document;
  const uploadsBefore = new Set<string>();
  const updaterStateExisted = existsSync(join(appDir, '.strapi-updater.json'));

  const strapiEnv = (port: number): NodeJS.ProcessEnv => ({
    ...process.env,
    ...secrets,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    STRAPI_TELEMETRY_DISABLED: 'true',
    DATABASE_CLIENT: 'postgres',
    DATABASE_HOST: pg?.host,
    DATABASE_PORT: String(pg?.port),
    DATABASE_NAME: pg?.database,
    DATABASE_USERNAME: pg?.user,
    DATABASE_PASSWORD: pg?.password,
    DATABASE_SSL: 'false',
  });

  beforeAll(async () => {
    logDir = await mkdtemp(join(tmpdir(), 'strapi-e2e-logs-'));
    await mkdir(join(appDir, 'public/uploads'), { recursive: true });
    for (const file of await readdir(join(appDir, 'public/uploads'))) uploadsBefore.add(file);
  });

  afterAll(async () => {
    await strapi?.stop();
    for (const name of [container, adminContainer]) {
      if (name) await run('docker', ['rm', '-f', name]).catch(() => undefined);
    }
    await pg?.stop();
    // Uploaded test files are not part of the example app, nor is the state file Strapi's update
    // notifier writes at boot even when disabled.
    for (const file of await readdir(join(appDir, 'public/uploads')).catch(() => [] as string[])) {
      if (!uploadsBefore.has(file)) await rm(join(appDir, 'public/uploads', file), { force: true });
    }
    if (!updaterStateExisted) await rm(join(appDir, '.strapi-updater.json'), { force: true });
    timer.print();
    await mkdir(join(repoRoot, '.tmp'), { recursive: true });
    await writeFile(join(repoRoot, '.tmp/e2e-timings.json'), JSON.stringify(timer.rows(), null, 2));
    console.log(`e2e logs: ${logDir}`);
  });

  /**
   * Runs the built image on the host network against `database` on the test's PostgreSQL server and waits
   * for /_health; a container that never gets there fails with its log tail.
   */
  const runImage = async (name: string, database: string): Promise<string> => {
    const db = pg as PostgresServer;
    const port = await freePort();
    const env = {
      ...secrets,
      PORT: String(port),
      DATABASE_CLIENT: 'postgres',
      DATABASE_HOST: db.host,
      DATABASE_PORT: String(db.port),
      DATABASE_NAME: database,
      DATABASE_USERNAME: db.user,
      DATABASE_PASSWORD: db.password,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
    };
    await run('docker', [
      'run',
      '--detach',
      '--name',
      name,
      '--network',
      'host',
      ...Object.entries(env).flatMap(([key, value]) => ['--env', `${key}=${value}`]),
      appImage,
    ]);
    const baseUrl = `http://127.0.0.1:${port}`;
    try {
      await waitForStatus(`${baseUrl}/_health`, 204, 4 * MINUTE);
    } catch (error) {
      const logs = await run('docker', ['logs', '--tail', '60', name]).catch(() => ({
        stdout: '',
        stderr: '',
      }));
      throw new Error(`${(error as Error).message}\n--- container logs ---\n${logs.stdout}${logs.stderr}`);
    }
    return baseUrl;
  };

  test(
    'installs the app dependencies from its lockfile (npm ci)',
    async () => {
      const env = { ...process.env, NODE_ENV: undefined, STRAPI_TELEMETRY_DISABLED: 'true' };
      await timer.time('npm ci (examples/strapi-app)', () =>
        runLogged('npm', ['ci', '--no-audit', '--no-fund'], {
          cwd: appDir,
          env,
          logFile: join(logDir, 'npm-ci.log'),
          timeoutMs: 10 * MINUTE,
        }),
      );
      expect(existsSync(join(appDir, 'node_modules/@strapi/strapi/package.json'))).toBe(true);
      const installed = JSON.parse(
        await readFile(join(appDir, 'node_modules/@strapi/strapi/package.json'), 'utf8'),
      );
      expect(installed.version).toBe('5.54.0');
    },
    11 * MINUTE,
  );

  test(
    'builds the server (TypeScript) and the admin panel',
    async () => {
      await rm(join(appDir, 'dist'), { recursive: true, force: true });
      const env = { ...process.env, NODE_ENV: 'production', STRAPI_TELEMETRY_DISABLED: 'true' };
      await timer.time('strapi build (TS + admin panel)', () =>
        runLogged('npm', ['run', 'build'], {
          cwd: appDir,
          env,
          logFile: join(logDir, 'strapi-build.log'),
          timeoutMs: 10 * MINUTE,
        }),
      );
      expect(existsSync(join(appDir, 'dist/config/database.js'))).toBe(true);
      expect(existsSync(join(appDir, 'dist/build/index.html'))).toBe(true);
    },
    11 * MINUTE,
  );

  test('starts PostgreSQL 15 on a free port', async () => {
    pg = await timer.time('start PostgreSQL 15', () => startPostgres({ database: 'strapi', ssl: true }));
    expect(await pg.sql('SHOW server_version')).toMatch(/^15\./);
  });

  test(
    'boots Strapi on PostgreSQL: /_health answers 204 and the public role can read the content types',
    async () => {
      strapi = await timer.time('boot Strapi (first, creates schema)', async () =>
        startStrapi(appDir, strapiEnv(await freePort())),
      );
      const tables = await (pg as PostgresServer).sql(
        "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_name IN ('articles','authors','categories','files')",
      );
      expect(tables).toBe('articles,authors,categories,files');
      for (const collection of ['articles', 'authors', 'categories']) {
        const publicRead = await api<{ data: unknown[] }>(strapi.baseUrl, 'GET', `/api/${collection}`);
        expect({ collection, status: publicRead.status }).toEqual({ collection, status: 200 });
      }
      // Reads only: the public role cannot write.
      expect(
        (await api(strapi.baseUrl, 'POST', '/api/categories', { json: { data: { name: 'x' } } })).status,
      ).toBe(403);
    },
    4 * MINUTE,
  );

  test(
    'creates an admin and a full-access API token, then an author, a category and an article with an uploaded cover',
    async () => {
      const { baseUrl } = strapi as StrapiProcess;
      await timer.time('seed content through the REST API', async () => {
        const admin = await api<{ data: { token: string } }>(baseUrl, 'POST', '/admin/register-admin', {
          json: { email: 'e2e@example.com', password: 'E2e-Passw0rd!', firstname: 'End', lastname: 'ToEnd' },
        });
        expect(admin.status).toBe(200);
        const created = await api<{ data: { accessKey: string } }>(baseUrl, 'POST', '/admin/api-tokens', {
          token: admin.body.data.token,
          json: { name: 'e2e', description: 'end-to-end test', type: 'full-access', lifespan: null },
        });
        expect(created.status).toBe(201);
        token = created.body.data.accessKey;

        uploadedPng = gradientPng(64, 48);
        const form = new FormData();
        form.append('files', new Blob([uploadedPng], { type: 'image/png' }), 'cover.png');
        const upload = await api<Media[]>(baseUrl, 'POST', '/api/upload', { token, form });
        expect(upload.status).toBe(201);
        cover = upload.body[0] as Media;
        expect(cover).toMatchObject({
          mime: 'image/png',
          url: expect.stringMatching(/^\/uploads\/.+\.png$/),
        });

        const authorRes = await api<{ data: Document }>(baseUrl, 'POST', '/api/authors', {
          token,
          json: { data: { name: 'Ada Lovelace', email: 'ada@example.com' } },
        });
        expect(authorRes.status).toBe(201);
        author = authorRes.body.data;
        const categoryRes = await api<{ data: Document }>(baseUrl, 'POST', '/api/categories', {
          token,
          json: { data: { name: 'Engineering', slug: 'engineering' } },
        });
        expect(categoryRes.status).toBe(201);
        category = categoryRes.body.data;
        const articleRes = await api<{ data: Document }>(baseUrl, 'POST', '/api/articles', {
          token,
          json: {
            data: {
              title: 'Notes on the Analytical Engine',
              slug: 'notes-on-the-analytical-engine',
              body: '# Note G\n\nThe engine can compute Bernoulli numbers.',
              cover: cover.id,
              author: author.documentId,
              categories: [category.documentId],
            },
          },
        });
        expect(articleRes.status).toBe(201);
        article = articleRes.body.data;
      });
    },
    4 * MINUTE,
  );

  const expectPopulatedArticle = async (
    baseUrl: string,
    options: { token?: string; mediaServed: boolean },
  ) => {
    const list = await api<{ data: Document[] }>(baseUrl, 'GET', '/api/articles?populate=*', {
      token: options.token,
    });
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0]).toMatchObject({
      documentId: article.documentId,
      title: 'Notes on the Analytical Engine',
      slug: 'notes-on-the-analytical-engine',
      body: expect.stringContaining('Bernoulli'),
      author: { documentId: author.documentId, name: 'Ada Lovelace', email: 'ada@example.com' },
      categories: [{ documentId: category.documentId, name: 'Engineering', slug: 'engineering' }],
      cover: { id: cover.id, url: cover.url, mime: 'image/png' },
    });
    if (options.mediaServed) {
      // Strapi re-encodes images (size optimisation): the same picture, not the same bytes.
      const media = await fetch(`${baseUrl}${cover.url}`);
      expect(media.status).toBe(200);
      expect(media.headers.get('content-type')).toBe('image/png');
      const served = Buffer.from(await media.arrayBuffer());
      expect(served.subarray(0, 8).equals(uploadedPng.subarray(0, 8))).toBe(true);
      expect({ width: served.readUInt32BE(16), height: served.readUInt32BE(20) }).toEqual({
        width: 64,
        height: 48,
      });
    }
  };

  test('serves the article with its author, categories and cover, to the API token and to the public role', async () => {
    const { baseUrl } = strapi as StrapiProcess;
    await timer.time('read back (token + public)', async () => {
      await expectPopulatedArticle(baseUrl, { token, mediaServed: true });
      await expectPopulatedArticle(baseUrl, { mediaServed: true });
      const back = await api<{ data: Document }>(
        baseUrl,
        'GET',
        `/api/authors/${author.documentId}?populate=articles`,
      );
      expect(back.body.data).toMatchObject({ articles: [{ documentId: article.documentId }] });
    });
  });

  test(
    'keeps the content across a restart, reconnecting over TLS with the server certificate verified (DATABASE_SSL, as on RDS)',
    async () => {
      const db = pg as PostgresServer;
      await timer.time('stop Strapi', () => (strapi as StrapiProcess).stop());
      // RDS is reached by a DNS name, which is what the certificate check uses: so here, localhost.
      const tlsEnv = {
        ...strapiEnv(await freePort()),
        DATABASE_HOST: 'localhost',
        DATABASE_SSL: 'true',
        DATABASE_SSL_REJECT_UNAUTHORIZED: 'true',
        DATABASE_SSL_CA: db.certificate,
      };
      // Verification is real: without the CA, the self-signed server is refused.
      const withoutCa: NodeJS.ProcessEnv = { ...tlsEnv, PORT: String(await freePort()) };
      delete withoutCa.DATABASE_SSL_CA;
      await expect(startStrapi(appDir, withoutCa, 2 * MINUTE)).rejects.toThrow(/self[- ]signed certificate/);
      strapi = await timer.time('boot Strapi (restart, TLS)', () => startStrapi(appDir, tlsEnv));
      await expectPopulatedArticle(strapi.baseUrl, { token, mediaServed: true });
      // Strapi's pooled connections (kept until idle) are encrypted.
      const tlsConnections = await db.sql(
        `SELECT count(*) FROM pg_stat_ssl JOIN pg_stat_activity USING (pid) WHERE ssl AND pid <> pg_backend_pid() AND usename = '${db.user}' AND datname = '${db.database}'`,
      );
      expect(Number(tlsConnections)).toBeGreaterThan(0);
      await strapi.stop();
      strapi = undefined;
    },
    4 * MINUTE,
  );

  test(
    'stores uploads in S3 when UPLOADS_BUCKET is set, signed with task-role credentials (no static keys)',
    async () => {
      const moto = await startMoto();
      // The ECS agent's credentials endpoint, as the SDK's default chain finds it in a Fargate task.
      const credentialRequests: string[] = [];
      const credentials = createServer((request, response) => {
        credentialRequests.push(String(request.headers.authorization));
        response.setHeader('content-type', 'application/json');
        response.end(
          JSON.stringify({
            AccessKeyId: 'ASIATASKROLE',
            SecretAccessKey: 'task-role-secret',
            Token: 'task-role-session',
            Expiration: new Date(Date.now() + 3600_000).toISOString(),
          }),
        );
      });
      await new Promise<void>((done) => credentials.listen(0, '127.0.0.1', done));
      const credentialsPort = (credentials.address() as AddressInfo).port;
      let s3Strapi: StrapiProcess | undefined;
      try {
        await timer.time('S3 uploads (moto): boot + upload', async () => {
          expect((await fetch(`${moto.endpoint}/e2e-uploads`, { method: 'PUT' })).status).toBe(200);
          const env: NodeJS.ProcessEnv = {
            ...strapiEnv(await freePort()),
            UPLOADS_BUCKET: 'e2e-uploads',
            UPLOADS_FORCE_PATH_STYLE: 'true',
            AWS_REGION: 'ap-south-1',
            AWS_ENDPOINT_URL_S3: moto.endpoint,
            AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${credentialsPort}/v2/credentials/e2e`,
            AWS_CONTAINER_AUTHORIZATION_TOKEN: 'e2e-agent-token',
          };
          // No static keys: the credentials must come from the task-role endpoint.
          for (const name of [
            'AWS_ACCESS_KEY_ID',
            'AWS_SECRET_ACCESS_KEY',
            'AWS_SESSION_TOKEN',
            'AWS_PROFILE',
          ]) {
            delete env[name];
          }
          s3Strapi = await startStrapi(appDir, env);
          const png = gradientPng(32, 32);
          const form = new FormData();
          form.append('files', new Blob([png], { type: 'image/png' }), 'in-s3.png');
          const upload = await api<Media[]>(s3Strapi.baseUrl, 'POST', '/api/upload', { token, form });
          expect(upload.status).toBe(201);
          const stored = upload.body[0] as Media;
          expect(stored.url.startsWith(`${moto.endpoint}/e2e-uploads/`)).toBe(true);
          const key = stored.url.slice(`${moto.endpoint}/e2e-uploads/`.length);
          const s3 = new S3Client({ endpoint: moto.endpoint, region: 'ap-south-1', forcePathStyle: true });
          const object = await s3.send(new GetObjectCommand({ Bucket: 'e2e-uploads', Key: key }));
          const body = Buffer.from(
            await (object.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
          );
          expect(object.ContentType).toBe('image/png');
          expect({ width: body.readUInt32BE(16), height: body.readUInt32BE(20) }).toEqual({
            width: 32,
            height: 32,
          });
          // No ACL by default (buckets with "bucket owner enforced" refuse them): not publicly readable.
          expect((await fetch(stored.url)).status).toBe(403);
          expect(credentialRequests.length).toBeGreaterThan(0);
          expect(credentialRequests.every((header) => header === 'e2e-agent-token')).toBe(true);
          // Nothing written locally when uploads go to S3.
          expect(existsSync(join(appDir, 'public/uploads', stored.url.split('/').pop() as string))).toBe(
            false,
          );
        });
      } finally {
        await s3Strapi?.stop();
        await moto.stop();
        credentials.close();
      }
    },
    4 * MINUTE,
  );

  test(
    'builds the image with the bundled Dockerfile from a local Node base, without the build CA in it',
    async () => {
      await timer.time('docker daemon', () => ensureDocker());
      await timer.time('local Node base image', () =>
        runLogged(join(repoRoot, 'scripts/make-base-image.sh'), [baseImage], {
          cwd: repoRoot,
          logFile: join(logDir, 'base-image.log'),
          timeoutMs: 5 * MINUTE,
        }),
      );
      // The build context is the app's sources (what .dockerignore would send) plus this machine's
      // proxy CA, if npm needs one, as .build-ca.pem: never written into the example app itself.
      const context = await mkdtemp(join(tmpdir(), 'strapi-e2e-context-'));
      await cp(appDir, context, { recursive: true, filter: strapiBuildContextFilter(appDir) });
      const ca = await buildCaBundle();
      if (ca) await cp(ca, join(context, '.build-ca.pem'));
      try {
        await timer.time('docker build (bundled Dockerfile)', () =>
          runLogged(
            'docker',
            [
              'build',
              '--network',
              'host',
              '--build-arg',
              `BASE_IMAGE=${baseImage}`,
              '--tag',
              appImage,
              context,
            ],
            {
              cwd: context,
              env: { ...process.env, DOCKER_BUILDKIT: '0' },
              logFile: join(logDir, 'docker-build.log'),
              timeoutMs: 15 * MINUTE,
            },
          ),
        );
      } finally {
        await rm(context, { recursive: true, force: true });
      }

      const [inspected] = JSON.parse((await run('docker', ['image', 'inspect', appImage])).stdout) as {
        Size: number;
        Config: {
          User: string;
          ExposedPorts: Record<string, unknown>;
          Env: string[];
          Healthcheck?: { Test: string[] };
        };
      }[];
      imageBuilt = true;
      expect(inspected?.Config.User).toBe('node');
      expect(Object.keys(inspected?.Config.ExposedPorts ?? {})).toEqual(['1337/tcp']);
      expect(inspected?.Config.Env).toContain('NODE_ENV=production');
      expect(inspected?.Config.Healthcheck?.Test.join(' ')).toContain('/_health');
      console.log(`image ${appImage}: ${(Number(inspected?.Size) / 1e6).toFixed(0)} MB`);

      // Runtime-only node_modules; the runtime user cannot write the app, only uploads.
      const probe = await run('docker', [
        'run',
        '--rm',
        '--network',
        'none',
        '--entrypoint',
        'sh',
        appImage,
        '-c',
        'test -z "$(find node_modules -name "*.map" | head -n 1)" && echo trimmed; test -w public/uploads && echo uploads-writable; test -w node_modules || echo app-read-only; test -e .build-ca.pem || echo no-ca-file',
      ]);
      expect(probe.stdout.trim().split('\n')).toEqual([
        'trimmed',
        'uploads-writable',
        'app-read-only',
        'no-ca-file',
      ]);

      if (ca) {
        const lines = await privateCertificateLines(ca);
        if (lines.length > 0) {
          const patterns = lines.flatMap((line) => ['-e', line]);
          // The same search finds the CA where it is (control), and nowhere in the image's filesystem.
          const control = await run('docker', [
            'run',
            '--rm',
            '--network',
            'none',
            '-v',
            `${ca}:/probe/ca.pem:ro`,
            '--entrypoint',
            'grep',
            appImage,
            '-lF',
            ...patterns,
            '/probe/ca.pem',
          ]);
          expect(control.stdout.trim()).toBe('/probe/ca.pem');
          const search = await run(
            'docker',
            [
              'run',
              '--rm',
              '--network',
              'none',
              '--user',
              'root',
              '--entrypoint',
              'find',
              appImage,
              '/',
              '-xdev',
              '-type',
              'f',
              '-exec',
              'grep',
              '-lF',
              ...patterns,
              '{}',
              '+',
            ],
            { maxBuffer: 16 * 1024 * 1024 },
          ).catch((error: { code?: number; stdout?: string }) => {
            // grep exits 1 when nothing matched: the outcome we want.
            if (error.code === 1) return { stdout: error.stdout ?? '' };
            throw error;
          });
          expect(search.stdout.trim()).toBe('');
        }
      }
    },
    20 * MINUTE,
  );

  test(
    'runs the image against the same database: /_health answers 204, Docker reports it healthy, the article is served',
    async () => {
      // Never a stale image from an earlier run.
      expect(imageBuilt).toBe(true);
      container = `strapi-e2e-${process.pid}`;
      const baseUrl = await timer.time('boot the image (container /_health 204)', () =>
        runImage(container as string, (pg as PostgresServer).database),
      );
      await expectPopulatedArticle(baseUrl, { mediaServed: false });
      // The admin panel was built into the image.
      const adminPanel = await fetch(`${baseUrl}/admin`);
      expect(adminPanel.status).toBe(200);
      expect(await adminPanel.text()).toContain('<title>Strapi Admin</title>');
      await timer.time('Docker HEALTHCHECK reports healthy', async () => {
        const deadline = Date.now() + 2 * MINUTE;
        let status = '';
        while (Date.now() < deadline) {
          status = (
            await run('docker', ['inspect', '--format', '{{.State.Health.Status}}', container as string])
          ).stdout.trim();
          if (status === 'healthy') return;
          await new Promise((r) => setTimeout(r, 1000));
        }
        throw new Error(`container health is "${status}", not healthy`);
      });
    },
    8 * MINUTE,
  );
  /*
   * A fresh database, not the seeded one: the admin panel offers to register the first administrator only
   * while the database has none, and the REST seed above had to register one to mint its API token. A new
   * deployment's first visit is exactly this (the image creating the schema on an empty database, then
   * the registration form), so a second container of the same image on an empty database of the same
   * server is the honest setting, and the seeded container's checks stay as they are.
   */
  testIfAvailable(missingExecutable(CHROMIUM, "Debian's chromium package: apt-get install chromium"))(
    'serves the admin panel from the image: in Chromium, registers the first administrator, logs in and lists Article, Author and Category in the content manager',
    async () => {
      expect(imageBuilt).toBe(true);
      const db = pg as PostgresServer;
      const database = 'strapi_admin_ui';
      await db.sql(`CREATE DATABASE ${database}`);
      adminContainer = `strapi-e2e-admin-${process.pid}`;
      const baseUrl = await timer.time('boot the image on an empty database', () =>
        runImage(adminContainer as string, database),
      );
      await mkdir(testOutputDir, { recursive: true });
      const screenshot = join(testOutputDir, 'admin-content-manager.png');
      await rm(screenshot, { force: true });
      const admin = {
        firstname: 'Grace',
        lastname: 'Hopper',
        email: 'grace@example.com',
        password: 'Browser-Passw0rd!',
      };
      const seen = await timer.time('admin panel in Chromium (register, log in, content manager)', () =>
        walkThroughAdminPanel(baseUrl, admin, screenshot),
      );
      expect(new URL(seen.firstVisit).pathname).toBe('/admin/auth/register-admin');
      expect(new URL(seen.afterLogin).pathname).not.toMatch(/^\/admin\/auth\//);
      expect(seen.collectionTypes).toEqual(expect.arrayContaining(['Article', 'Author', 'Category']));
      // The browser's registration is the one administrator of that database, stored by the container.
      expect(await db.sql(`SELECT string_agg(email, ',') FROM admin_users`, database)).toBe(admin.email);
      const png = await readFile(screenshot);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      console.log(`admin panel screenshot: ${screenshot}`);
    },
    8 * MINUTE,
  );
});
