/**
 * npm run bench:build — what build-push costs for the example Strapi app (examples/strapi-app):
 * cold build, rebuild after a one-file change, skip-if-exists, and image size, for the bundled
 * Dockerfile and, side by side, the Dockerfile Strapi's documentation describes
 * (bench/fixtures/strapi-docs.Dockerfile).
 *
 * Prints one table: cold build, rebuild after a one-file change and image size for both, and the ratios of
 * the bundled Dockerfile's figures to the documentation-style one's, measured in the same run, against the
 * targets (cold ≤ 1.0×, one-file rebuild ≤ 0.6×, image ≤ 0.5×), with the machine they came from.
 *
 *   npm run bench:build                       both Dockerfiles, one round
 *   BENCH_ROUNDS=3 npm run bench:build        medians of 3 interleaved rounds
 *   npm run bench:build -- --readme           also rewrites the README between <!-- build-bench:start/end -->
 *   npm run bench:build -- bench-bundled      one Dockerfile only (no ratios)
 *
 * Everything runs through buildAndPush against real docker, a local registry and the ECR simulator.
 * No Docker Hub: both Dockerfiles build FROM a local Node base image made from this machine's Node
 * (scripts/make-base-image.sh); RUN steps use the host network to reach the npm registry.
 * Build logs go to $BENCH_LOG_DIR (default /tmp/strapi-deploy-bench).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { median } from './cold-start';
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
    label: 'bundled (examples/strapi-app/Dockerfile)',
    repository: 'bench-bundled',
    dockerfile: process.env.BENCH_BUNDLED_DOCKERFILE,
  },
  {
    label: 'Strapi documentation style (single stage)',
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
  // even on a daemon that built this app before. Only the base image is reused. The name goes into
  // node_modules too (npm's hidden lockfile), so a stage that copies node_modules cannot hit the cache on
  // identical contents from an earlier build either.
  const name = `strapi-app-bench-${nonce}`;
  const pkgFile = path.join(target, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as Record<string, unknown>;
  pkg.name = name;
  pkg.description = `benchmark ${nonce}`;
  fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2) + '\n');
  const lockFile = path.join(target, 'package-lock.json');
  const lock = JSON.parse(fs.readFileSync(lockFile, 'utf8')) as {
    name?: string;
    packages?: Record<string, { name?: string }>;
  };
  lock.name = name;
  const root = lock.packages?.[''];
  if (root) root.name = name;
  fs.writeFileSync(lockFile, JSON.stringify(lock, null, 2) + '\n');
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

/** Everything printed for the README, for --readme. */
const printed: string[] = [];
function print(line = ''): void {
  printed.push(line);
  console.log(line);
}

const TARGETS = { cold: 1.0, rebuild: 0.6, size: 0.5 };

/** Medians over the rounds of one Dockerfile's figures. */
function medianFigures(rounds: Figures[]): Figures {
  const first = rounds[0] as Figures;
  const of = (pick: (f: Figures) => number) => median(rounds.map(pick));
  return {
    ...first,
    coldSeconds: of((f) => f.coldSeconds),
    rebuildSeconds: of((f) => f.rebuildSeconds),
    skipSeconds: of((f) => f.skipSeconds),
    imageBytes: of((f) => f.imageBytes),
  };
}

function ratioCell(ours: number, docs: number, target: number): string {
  const ratio = ours / docs;
  return `${ratio.toFixed(2)}× (target ≤ ${target.toFixed(1)}×: ${ratio <= target ? 'met' : 'NOT met'})`;
}

/** The 1-minute load average, sampled at the start and the end: how busy the shared machine was. */
const loadAtStart = os.loadavg()[0] ?? 0;

function printTable(rows: Figures[], rounds: number): void {
  print(
    `Machine: ${process.env.BENCH_MACHINE ?? 'this machine'}: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'},` +
      ` ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version},` +
      ` ${new Date().toISOString().slice(0, 10)}; plain \`docker build\` (classic builder), ` +
      `${rounds === 1 ? 'one round' : `medians of ${rounds} interleaved rounds`}; ` +
      `load average ${loadAtStart.toFixed(1)} at the start, ${(os.loadavg()[0] ?? 0).toFixed(1)} at the end.`,
  );
  print();
  print('| Dockerfile | cold build | rebuild after a one-file change | image size | skip-if-exists |');
  print('| --- | --: | --: | --: | --: |');
  for (const r of rows) {
    print(
      `| ${r.label} | ${r.coldSeconds.toFixed(1)} s | ${r.rebuildSeconds.toFixed(1)} s | ` +
        `${formatBytes(r.imageBytes)} | ${r.skipSeconds.toFixed(2)} s |`,
    );
  }
  const ours = rows.find((r) => r.repository === 'bench-bundled');
  const docs = rows.find((r) => r.repository === 'bench-docs');
  if (ours && docs) {
    print(
      `| **bundled ÷ documentation style** | ${ratioCell(ours.coldSeconds, docs.coldSeconds, TARGETS.cold)} | ` +
        `${ratioCell(ours.rebuildSeconds, docs.rebuildSeconds, TARGETS.rebuild)} | ` +
        `${ratioCell(ours.imageBytes, docs.imageBytes, TARGETS.size)} | |`,
    );
  }
  for (const r of rows.filter((row) => row.rebuildCache)) {
    console.log(`${r.label}: rebuild ${r.rebuildCache}`);
  }
}

function writeReadme(): void {
  const readme = path.join(repoRoot, 'README.md');
  const text = fs.readFileSync(readme, 'utf8');
  const start = '<!-- build-bench:start -->';
  const end = '<!-- build-bench:end -->';
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no ${start} ... ${end} section`);
  const intro =
    '`npm run bench:build` builds the Strapi starter (`examples/strapi-app`) through build-push with the bundled\n' +
    "Dockerfile and, in the same run, with a single-stage Dockerfile written after Strapi's documentation\n" +
    '(`bench/fixtures/strapi-docs.Dockerfile`), on the local Docker daemon, each from the same locally derived\n' +
    'Node base image. The one-file change appends a line to `src/index.ts`.';
  const how =
    'How the bundled Dockerfile gets there: one full `npm ci` keyed on package.json and the lockfile; the\n' +
    "runtime's node_modules is that install less the lockfile's dev-only packages, source maps and type\n" +
    'declarations (no second install); the server stage compiles the TypeScript and picks out what the admin\n' +
    'panel build reads (package.json, src/admin, local plugins, the compiled config and the app modules it\n' +
    "loads), so the admin stage, cached on those files' contents, is skipped when only server code changes.\n" +
    'With buildx, build-push uses `Dockerfile.buildkit` instead: the same stages plus an npm cache mount, which\n' +
    "the classic builder measured here refuses (Debian's docker.io has no buildx, and `DOCKER_BUILDKIT=1`\n" +
    'without it fails).';
  const body = [intro, '', ...printed, '', how].join('\n').replace(/\n{3,}/g, '\n\n');
  fs.writeFileSync(readme, `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`);
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
    const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
    const variants = VARIANTS.filter((v) => !only.length || only.includes(v.repository));
    const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 1));
    const figures = new Map<string, Figures[]>();
    let failed = false;
    // Interleaved: round after round, each Dockerfile in turn, so both see the same machine load.
    for (let round = 1; round <= rounds; round++) {
      for (const variant of variants) {
        try {
          const result = await benchVariant(variant, ecrDeps, sim.region, ca);
          figures.set(variant.repository, [...(figures.get(variant.repository) ?? []), result]);
        } catch (error) {
          // One Dockerfile failing must not hide the other's figures.
          failed = true;
          console.error(
            `[${variant.label}] FAILED: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
    }
    const rows = variants.flatMap((v) => {
      const measured = figures.get(v.repository);
      return measured ? [medianFigures(measured)] : [];
    });
    console.log('');
    printTable(rows, rounds);
    console.log('\n' + JSON.stringify({ baseImage, rounds, figures: Object.fromEntries(figures) }));
    if (process.argv.includes('--readme') && !failed) writeReadme();
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
