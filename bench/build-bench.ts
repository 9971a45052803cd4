/**
 * npm run bench:build — what build-push costs for the example Strapi app (examples/strapi-app):
 * cold build, rebuild after a one-file change, skip-if-exists, and image size, for the bundled
 * Dockerfile and, side by side, the Dockerfile Strapi's documentation describes
 * (bench/fixtures/strapi-docs.Dockerfile).
 *
 * Everything runs through buildAndPush against real docker, a local registry and the ECR simulator.
 * No Docker Hub: both Dockerfiles build FROM a local Node base image made from this machine's Node
 * (scripts/make-base-image.sh); RUN steps use the host network to reach the npm registry.
 * Build logs go to $BENCH_LOG_DIR (default /tmp/strapi-deploy-bench).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { strapiBuildContextFilter } from '../test/support/strapi-build-context';
import { createAwsClients } from '../test/support/aws-clients';
import { buildAndPush, formatBytes, type BuildPushDeps, type BuildPushInputs } from '../src/image/build-push';
import { processRunner } from '../src/image/command-runner';
import { systemClock } from '../src/core/clock';
import type { Reporter } from '../src/core/reporter';
import { startSimulator, type Simulator } from '../sim';
import { ensureDocker, startRegistry, type TestRegistry } from '../test/support/docker';

const repoRoot = path.resolve(__dirname, '..');
const appDir = path.join(repoRoot, 'examples', 'strapi-app');
const sourceBaseImage = process.env.BENCH_BASE_IMAGE ?? 'strapi-deploy/node-base:local';
/** A tag of our own: the e2e suite may remake the shared base image mid-bench, which would void the cache. */
const baseImage = 'strapi-deploy/node-base:bench';
const logDir = process.env.BENCH_LOG_DIR ?? path.join(os.tmpdir(), 'strapi-deploy-bench');
const PASSWORD = 'bench-registry-password';

interface Variant {
  label: string;
  repository: string;
  /** undefined: the app has no Dockerfile, so build-push falls back to the bundled one. */
  dockerfile?: string | undefined;
}

const VARIANTS: Variant[] = [
  // BENCH_BUNDLED_DOCKERFILE: measure a candidate change to the bundled Dockerfile before it lands.
  {
    label: 'bundled (multi-stage, pruned)',
    repository: 'bench-bundled',
    dockerfile: process.env.BENCH_BUNDLED_DOCKERFILE,
  },
  {
    label: 'Strapi docs (single stage)',
    repository: 'bench-docs',
    dockerfile: path.join(repoRoot, 'bench', 'fixtures', 'strapi-docs.Dockerfile'),
  },
];

interface Figures {
  label: string;
  repository: string;
  coldSeconds: number;
  rebuildSeconds: number;
  skipSeconds: number;
  imageBytes: number;
  rebuildCache?: string | undefined;
}

async function docker(args: string[]): Promise<string> {
  const result = await processRunner.run('docker', args);
  if (result.exitCode !== 0) throw new Error(`docker ${args.join(' ')}: ${result.stderr.trim()}`);
  return result.stdout.trim();
}

async function ensureBaseImage(): Promise<void> {
  const present = await processRunner.run('docker', ['image', 'inspect', sourceBaseImage]);
  if (present.exitCode !== 0 || process.env.BENCH_REBUILD_BASE) {
    console.log(`Making the local Node base image ${sourceBaseImage} ...`);
    const made = await processRunner.run(path.join(repoRoot, 'scripts', 'make-base-image.sh'), [
      sourceBaseImage,
    ]);
    if (made.exitCode !== 0) throw new Error(`make-base-image.sh failed:\n${made.stderr}`);
  }
  await docker(['tag', sourceBaseImage, baseImage]);
}

/** npm's CA bundle when npm needs one (TLS-inspecting proxy); handed to the build as .build-ca.pem. */
async function buildCaBundle(): Promise<string | undefined> {
  const fromEnv = process.env.NODE_EXTRA_CA_CERTS;
  if (fromEnv && fs.existsSync(fromEnv)) return fromEnv;
  const cafile = (await processRunner.run('npm', ['config', 'get', 'cafile'])).stdout.trim();
  return cafile && cafile !== 'null' && cafile !== 'undefined' && fs.existsSync(cafile) ? cafile : undefined;
}

function copyApp(target: string, ca: string | undefined, nonce: string): void {
  // The Dockerfile under test is passed explicitly, so the app's own stays out of the context.
  fs.cpSync(appDir, target, { recursive: true, filter: strapiBuildContextFilter(appDir, ['Dockerfile']) });
  if (ca) fs.copyFileSync(ca, path.join(target, '.build-ca.pem'));
  // A never-seen package.json makes the dependency layer, and all after it, a cache miss: a cold build
  // even on a daemon that built this app before. Only the base image is reused.
  const pkgFile = path.join(target, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as Record<string, unknown>;
  pkg.description = `benchmark ${nonce}`;
  fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2) + '\n');
}

function fileReporter(file: string): Reporter {
  const write = (line: string) => fs.appendFileSync(file, line + '\n');
  return { info: write, warning: (m) => write(`WARNING ${m}`), debug: () => undefined, progress: write };
}

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = process.hrtime.bigint();
  const value = await run();
  return [value, Number(process.hrtime.bigint() - started) / 1e9];
}

async function benchVariant(
  variant: Variant,
  ecrDeps: Omit<BuildPushDeps, 'reporter' | 'cwd'>,
  region: string,
  ca: string | undefined,
): Promise<Figures> {
  const nonce = `${Date.now().toString(36)}${process.pid}`;
  const context = fs.mkdtempSync(path.join(os.tmpdir(), `bench-${variant.repository}-`));
  const logFile = path.join(logDir, `${variant.repository}.log`);
  fs.writeFileSync(logFile, '');
  const deps: BuildPushDeps = { ...ecrDeps, reporter: fileReporter(logFile), cwd: context };
  const request = (sha: string): BuildPushInputs => ({
    region,
    repository: variant.repository,
    createRepository: true,
    context: '.',
    dockerfile: variant.dockerfile,
    commitSha: sha,
    tags: [sha],
    skipIfExists: true,
    buildArgs: { BASE_IMAGE: baseImage },
    platform: 'linux/amd64',
    network: 'host',
    provenance: false,
    cache: true,
  });
  const pushed: string[] = [];
  try {
    copyApp(context, ca, nonce);
    console.log(`[${variant.label}] cold build ... (log: ${logFile})`);
    const [cold, coldSeconds] = await timed(() => buildAndPush(deps, request(`cold-${nonce}`)));
    pushed.push(cold.imageTagUri);
    console.log(`[${variant.label}] cold build: ${coldSeconds.toFixed(1)} s`);

    fs.appendFileSync(path.join(context, 'src', 'index.ts'), `\n// benchmark change ${nonce}\n`);
    console.log(`[${variant.label}] rebuild after a one-file change ...`);
    const [rebuild, rebuildSeconds] = await timed(() => buildAndPush(deps, request(`change-${nonce}`)));
    pushed.push(rebuild.imageTagUri);
    console.log(`[${variant.label}] rebuild: ${rebuildSeconds.toFixed(1)} s`);

    console.log(`[${variant.label}] skip-if-exists ...`);
    const [skip, skipSeconds] = await timed(() => buildAndPush(deps, request(`change-${nonce}`)));
    if (skip.built) throw new Error('skip-if-exists rebuilt an image that exists');

    const imageBytes = Number(
      await docker(['image', 'inspect', '--format', '{{.Size}}', rebuild.imageTagUri]),
    );
    return {
      label: variant.label,
      repository: variant.repository,
      coldSeconds,
      rebuildSeconds,
      skipSeconds,
      imageBytes,
      rebuildCache: rebuild.cache
        ? `${rebuild.cache.cachedSteps}/${rebuild.cache.totalSteps} steps cached`
        : undefined,
    };
  } finally {
    fs.rmSync(context, { recursive: true, force: true });
    if (pushed.length) await processRunner.run('docker', ['rmi', ...pushed]);
  }
}

function printTable(rows: Figures[]): void {
  const header = ['Dockerfile', 'cold build', 'rebuild (1 file)', 'speed-up', 'skip-if-exists', 'image size'];
  const body = rows.map((r) => [
    r.label,
    `${r.coldSeconds.toFixed(1)} s`,
    `${r.rebuildSeconds.toFixed(1)} s`,
    `${(r.coldSeconds / r.rebuildSeconds).toFixed(1)}x`,
    `${r.skipSeconds.toFixed(2)} s`,
    formatBytes(r.imageBytes),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  console.log('\n' + line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of body) console.log(line(row));
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(appDir, 'package.json'))) {
    throw new Error(`The example app is missing: ${appDir}`);
  }
  fs.mkdirSync(logDir, { recursive: true });
  await ensureDocker();
  await ensureBaseImage();
  let sim: Simulator | undefined;
  let registry: TestRegistry | undefined;
  try {
    registry = await startRegistry({
      username: 'AWS',
      password: PASSWORD,
      isImmutable: (repository) => sim?.state.isTagImmutable(repository) ?? false,
    });
    sim = await startSimulator({ registry: { url: registry.url, username: 'AWS', password: PASSWORD } });
    Object.assign(process.env, sim.env());
    const ecrDeps = {
      ecr: createAwsClients({ region: sim.region }).ecr,
      clock: systemClock,
      maskSecret: () => undefined,
    };
    const ca = await buildCaBundle();
    const only = process.argv.slice(2);
    const rows: Figures[] = [];
    let failed = false;
    for (const variant of VARIANTS.filter((v) => !only.length || only.includes(v.repository))) {
      try {
        rows.push(await benchVariant(variant, ecrDeps, sim.region, ca));
      } catch (error) {
        // One Dockerfile failing must not hide the other's figures.
        failed = true;
        console.error(`[${variant.label}] FAILED: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    printTable(rows);
    const ours = rows.find((r) => r.repository === 'bench-bundled');
    const docs = rows.find((r) => r.repository === 'bench-docs');
    if (ours) {
      console.log(
        `\nrebuild at least 3x faster than cold: ${ours.coldSeconds / ours.rebuildSeconds >= 3 ? 'yes' : 'NO'}`,
      );
      console.log(`skip-if-exists under 3 s: ${ours.skipSeconds < 3 ? 'yes' : 'NO'}`);
      if (docs)
        console.log(
          `image smaller than the docs Dockerfile's: ${ours.imageBytes < docs.imageBytes ? 'yes' : 'NO'}`,
        );
    }
    console.log('\n' + JSON.stringify({ baseImage, rows }));
    if (failed) process.exitCode = 1;
  } finally {
    await sim?.close();
    await registry?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
