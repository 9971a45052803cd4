import { freePort } from './free-port';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { MANIFEST_ACCEPT, startRegistryProxy, type RegistryProxy } from './registry-proxy';

/**
 * A Docker daemon for tests. A reachable one (DOCKER_HOST or the default socket) is reused; else
 * one is started with its own data root, exec root and socket under /tmp, without touching the
 * host's network (`--iptables=false --bridge=none`: builds use `--network host`). The started
 * daemon is shared by every suite and the bench and left running for the next one; a lock file
 * keeps two parallel suites from starting two daemons on the same root.
 */
export const TEST_DOCKER_ROOT = path.join(os.tmpdir(), 'strapi-deploy-dockerd');
export const TEST_DOCKER_HOST = `unix://${path.join(TEST_DOCKER_ROOT, 'docker.sock')}`;

export interface DockerDaemon {
  /** The DOCKER_HOST value in use ('' for the default socket). */
  host: string;
  /** True when this call started the daemon. */
  started: boolean;
}

function daemonAnswers(host: string | undefined): boolean {
  const env = { ...process.env };
  if (host === undefined) delete env.DOCKER_HOST;
  else env.DOCKER_HOST = host;
  const result = spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], {
    env,
    stdio: 'ignore',
    timeout: 15_000,
  });
  return result.status === 0;
}

export async function ensureDocker(): Promise<DockerDaemon> {
  if (process.env.DOCKER_HOST && daemonAnswers(process.env.DOCKER_HOST)) {
    return { host: process.env.DOCKER_HOST, started: false };
  }
  if (!process.env.DOCKER_HOST && daemonAnswers(undefined)) return { host: '', started: false };
  process.env.DOCKER_HOST = TEST_DOCKER_HOST;
  if (daemonAnswers(TEST_DOCKER_HOST)) return { host: TEST_DOCKER_HOST, started: false };

  fs.mkdirSync(TEST_DOCKER_ROOT, { recursive: true });
  const lock = path.join(TEST_DOCKER_ROOT, 'start.lock');
  const deadline = Date.now() + 90_000;
  let owner = false;
  while (!owner) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      owner = true;
    } catch {
      if (daemonAnswers(TEST_DOCKER_HOST)) return { host: TEST_DOCKER_HOST, started: false };
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0);
      if (age > 60_000) fs.rmSync(lock, { force: true });
      if (Date.now() > deadline) throw new Error('Timed out waiting for another test to start dockerd.');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    if (daemonAnswers(TEST_DOCKER_HOST)) return { host: TEST_DOCKER_HOST, started: false };
    const logFile = fs.openSync(path.join(TEST_DOCKER_ROOT, 'dockerd.log'), 'a');
    const child = spawn(
      'dockerd',
      [
        '--iptables=false',
        '--bridge=none',
        '--data-root',
        path.join(TEST_DOCKER_ROOT, 'data'),
        '--exec-root',
        path.join(TEST_DOCKER_ROOT, 'exec'),
        '--pidfile',
        path.join(TEST_DOCKER_ROOT, 'docker.pid'),
        '--host',
        TEST_DOCKER_HOST,
      ],
      { detached: true, stdio: ['ignore', logFile, logFile] },
    );
    child.unref();
    fs.closeSync(logFile);
    while (!daemonAnswers(TEST_DOCKER_HOST)) {
      if (child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`dockerd did not start; see ${path.join(TEST_DOCKER_ROOT, 'dockerd.log')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return { host: TEST_DOCKER_HOST, started: true };
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

export interface TestRegistry {
  /** `http://127.0.0.1:<port>`: what ECR's proxyEndpoint would be. */
  url: string;
  /** `127.0.0.1:<port>`: the image reference prefix. */
  host: string;
  username: string;
  password: string;
  /** The docker-registry behind the immutability proxy, when there is one. */
  upstreamUrl: string;
  stop(): Promise<void>;
}

export interface RegistryOptions {
  username: string;
  password: string;
  /** When given, an ECR-like tag immutability proxy stands in front of the registry. */
  isImmutable?: (repository: string, tag: string) => boolean;
}

/**
 * Debian's docker-registry with htpasswd basic auth, as ECR's registry answers `docker login`
 * with user `AWS`. Plain HTTP on 127.0.0.1, which dockerd treats as an insecure registry by default.
 */
export async function startRegistry(options: RegistryOptions): Promise<TestRegistry> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strapi-deploy-registry-'));
  const htpasswd = spawnSync('htpasswd', ['-niB', options.username], {
    input: options.password,
    encoding: 'utf8',
  });
  if (htpasswd.status !== 0) throw new Error(`htpasswd failed: ${htpasswd.stderr}`);
  fs.writeFileSync(path.join(dir, 'htpasswd'), htpasswd.stdout);
  const port = await freePort();
  fs.writeFileSync(
    path.join(dir, 'config.yml'),
    [
      'version: 0.1',
      'log:',
      '  level: warn',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${path.join(dir, 'data')}`,
      '  delete:',
      '    enabled: true',
      'http:',
      `  addr: 127.0.0.1:${port}`,
      'auth:',
      '  htpasswd:',
      '    realm: strapi-deploy-test',
      `    path: ${path.join(dir, 'htpasswd')}`,
      '',
    ].join('\n'),
  );
  const logFile = fs.openSync(path.join(dir, 'registry.log'), 'a');
  const child: ChildProcess = spawn('docker-registry', ['serve', path.join(dir, 'config.yml')], {
    stdio: ['ignore', logFile, logFile],
  });
  fs.closeSync(logFile);
  const upstreamUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  while ((await httpStatus(`${upstreamUrl}/v2/`, 'GET')) !== 401) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill();
      throw new Error(
        `docker-registry did not start: ${fs.readFileSync(path.join(dir, 'registry.log'), 'utf8')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  let proxy: RegistryProxy | undefined;
  if (options.isImmutable) {
    proxy = await startRegistryProxy({ upstream: upstreamUrl, isImmutable: options.isImmutable });
  }
  const url = proxy?.url ?? upstreamUrl;
  return {
    url,
    host: url.replace('http://', ''),
    username: options.username,
    password: options.password,
    upstreamUrl,
    async stop() {
      await proxy?.stop();
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function httpStatus(url: string, method: string, headers: http.OutgoingHttpHeaders = {}): Promise<number> {
  return httpHead(url, method, headers).then((r) => r.status);
}

function httpHead(
  url: string,
  method: string,
  headers: http.OutgoingHttpHeaders,
): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve) => {
    const request = http.request(url, { method, headers }, (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0, headers: response.headers });
    });
    request.on('error', () => resolve({ status: 0, headers: {} }));
    request.end();
  });
}

/** The digest the registry itself holds for `repository:tag` (HEAD manifest), or undefined. */
export async function registryManifestDigest(
  registry: Pick<TestRegistry, 'url' | 'username' | 'password'>,
  repository: string,
  tag: string,
): Promise<string | undefined> {
  const auth = Buffer.from(`${registry.username}:${registry.password}`).toString('base64');
  const response = await httpHead(`${registry.url}/v2/${repository}/manifests/${tag}`, 'HEAD', {
    accept: MANIFEST_ACCEPT,
    authorization: `Basic ${auth}`,
  });
  if (response.status !== 200) return undefined;
  const digest = response.headers['docker-content-digest'];
  return typeof digest === 'string' ? digest : undefined;
}

/** Removes every local image of `registryHost` (tests share one daemon; do not let images pile up). */
export async function removeImagesOf(registryHost: string): Promise<void> {
  // env passed explicitly: under jest, child_process would otherwise see the real process.env, not the
  // test's (where ensureDocker set DOCKER_HOST).
  const env = process.env;
  const list = spawnSync('docker', ['image', 'ls', '--format', '{{.ID}} {{.Repository}}'], {
    encoding: 'utf8',
    env,
  });
  const ids = (list.stdout ?? '')
    .split('\n')
    .map((line) => line.split(' '))
    .filter(([, repository]) => repository?.startsWith(`${registryHost}/`))
    .map(([id]) => id as string);
  if (ids.length) spawnSync('docker', ['image', 'rm', '--force', ...new Set(ids)], { stdio: 'ignore', env });
}
