import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ECRClient } from '@aws-sdk/client-ecr';
import { resolveRegion } from '../aws/client-factory';
import type { Clock } from '../core/clock';
import { ConfigurationError } from '../core/errors';
import type { InputReader } from '../core/inputs';
import type { Reporter } from '../core/reporter';
import {
  buildxBuildArgv,
  cacheRefFor,
  cacheUseFromLog,
  digestFromMetadata,
  digestFromPushOutput,
  dockerBuildArgv,
  dockerPushArgv,
  type BuildPlan,
  type CacheUse,
} from './build-argv';
import {
  processRunner,
  lastLines,
  type CommandResult,
  type CommandRunner,
  type RunOptions,
} from './command-runner';
import { createPrivateDockerConfig, removePrivateDockerConfig } from './docker-config';
import { dockerfileForBuilder, resolveDockerfile } from './dockerfile';
import { contentSchemaLabels } from './schema-label';
import { CACHE_TAG, ensureRepository, findImageByTag, getRegistryCredentials } from './ecr';

export interface BuildPushInputs {
  region: string;
  /** ECR repository name (not URI). */
  repository: string;
  createRepository: boolean;
  context: string;
  dockerfile?: string | undefined;
  /** The commit SHA: always the first tag, and the one skip-if-exists looks for. */
  commitSha: string;
  /** Every tag to push, the commit SHA first, no duplicates. */
  tags: string[];
  skipIfExists: boolean;
  buildArgs: Record<string, string>;
  platform: string;
  network?: string | undefined;
  provenance: boolean;
  cache: boolean;
}

const REPOSITORY_NAME = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/;
const NETWORK = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Parses and validates the build-push inputs once; shared by the action, the root action and the CLI. */
export function readBuildPushInputs(
  reader: InputReader,
  env: NodeJS.ProcessEnv = process.env,
): BuildPushInputs {
  const region = resolveRegion(reader.optional('aws-region'), env);
  const repository = reader.required('repository');
  if (!REPOSITORY_NAME.test(repository) || repository.length > 256 || repository.includes('.dkr.ecr.')) {
    throw new ConfigurationError(
      `Input \`repository\` must be an ECR repository name such as "strapi" (not a URI), got "${repository}".`,
    );
  }
  const commitSha = reader.optional('commit-sha') ?? env.GITHUB_SHA?.trim();
  if (!commitSha) {
    throw new ConfigurationError(
      'No commit SHA to tag the image with: set `commit-sha` (GITHUB_SHA is unset).',
    );
  }
  const tags = [commitSha, ...reader.list('tags')].filter((tag, i, all) => all.indexOf(tag) === i);
  for (const tag of tags) {
    if (!TAG.test(tag)) {
      throw new ConfigurationError(
        `Invalid image tag "${tag}" (inputs \`tags\`/\`commit-sha\`): letters, digits, _ . - and at most 128 characters.`,
      );
    }
    if (tag === CACHE_TAG) {
      // The one mutable tag: the next build moves it to a cache manifest, and the release it named turns
      // untagged, so the lifecycle policy may expire the image a rollback needs.
      throw new ConfigurationError(
        `Image tag "${CACHE_TAG}" (inputs \`tags\`/\`commit-sha\`) is reserved for the build cache, which every build overwrites; choose another tag.`,
      );
    }
  }
  const platform = reader.optional('platform', 'linux/amd64');
  if (!PLATFORM.test(platform)) {
    throw new ConfigurationError(
      `Input \`platform\` must be one platform such as linux/amd64 or linux/arm64, got "${platform}".`,
    );
  }
  const network = reader.optional('network');
  if (network !== undefined && !NETWORK.test(network)) {
    throw new ConfigurationError(
      `Input \`network\` must be a Docker network name such as host, got "${network}".`,
    );
  }
  return {
    region,
    repository,
    createRepository: reader.boolean('create-repository', false),
    context: reader.optional('context', '.'),
    dockerfile: reader.optional('dockerfile'),
    commitSha,
    tags,
    skipIfExists: reader.boolean('skip-if-exists', true),
    buildArgs: reader.keyValues('build-args'),
    platform,
    network,
    provenance: reader.boolean('provenance', false),
    cache: reader.boolean('cache', true),
  };
}

export interface BuildPushDeps {
  ecr: ECRClient;
  reporter: Reporter;
  clock: Clock;
  /** Hides a secret from every log before it can be printed (core.setSecret in an action). */
  maskSecret: (value: string) => void;
  runner?: CommandRunner | undefined;
  /**
   * The private Docker config `docker login` writes to. The action creates it up front and
   * removes it in its post step; when omitted, one is created and removed around this call.
   */
  dockerConfigDir?: string | undefined;
  /** Base for relative `context` / `dockerfile` paths (default: the process working directory). */
  cwd?: string | undefined;
  /** Override of the bundled Strapi Dockerfile path (tests). */
  bundledDockerfile?: string | undefined;
}

export interface BuildPushOutcome {
  repositoryUri: string;
  /** Digest-pinned: `<repository-uri>@sha256:...`, what the task definition should run. */
  imageUri: string;
  /** `<repository-uri>:<commit-sha>`. */
  imageTagUri: string;
  digest: string;
  /** Full references of every tag pushed (or found, when skipped). */
  tags: string[];
  /** False when skip-if-exists found the commit's image already in ECR. */
  built: boolean;
  repositoryCreated: boolean;
  builder?: 'buildx' | 'docker' | undefined;
  dockerfile?: string | undefined;
  bundledDockerfile?: boolean | undefined;
  /** Build and push wall time, seconds. */
  buildSeconds?: number | undefined;
  /** Compressed size as ECR reports it. */
  sizeBytes?: number | undefined;
  cache?: CacheUse | undefined;
}

const BUILD_LOG_TAIL = 30;
const IMMUTABLE_REFUSAL = /cannot be overwritten because the repository is immutable/;

/**
 * Builds the image for one commit and pushes it to ECR, or finds it already there. Returns the
 * digest-pinned URI the deploy engine takes.
 */
export async function buildAndPush(deps: BuildPushDeps, request: BuildPushInputs): Promise<BuildPushOutcome> {
  const { ecr, reporter } = deps;
  const repository = await ensureRepository(ecr, request.repository, {
    create: request.createRepository,
    region: request.region,
  });
  if (repository.created) {
    reporter.info(`Created ECR repository ${repository.name} (scan on push, immutable tags).`);
  }
  const tagRefs = request.tags.map((tag) => `${repository.uri}:${tag}`);
  const imageTagUri = tagRefs[0] as string;

  if (request.skipIfExists) {
    const existing = await findImageByTag(ecr, repository.name, request.commitSha);
    if (existing) {
      reporter.info(`${imageTagUri} already exists (${existing.digest}); not rebuilding.`);
      return {
        repositoryUri: repository.uri,
        imageUri: `${repository.uri}@${existing.digest}`,
        imageTagUri,
        digest: existing.digest,
        tags: existing.tags.map((tag) => `${repository.uri}:${tag}`),
        built: false,
        repositoryCreated: false,
        sizeBytes: existing.sizeBytes,
      };
    }
  }

  const files = resolveDockerfile({
    cwd: deps.cwd ?? process.cwd(),
    context: request.context,
    dockerfile: request.dockerfile,
    bundled: deps.bundledDockerfile,
  });
  if (files.bundled) reporter.info(`No Dockerfile in ${files.context}: using the bundled Strapi Dockerfile.`);

  const ownConfig = deps.dockerConfigDir === undefined;
  const dockerConfigDir = deps.dockerConfigDir ?? createPrivateDockerConfig();
  const docker = new Docker(deps.runner ?? processRunner, dockerConfigDir);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'strapi-deploy-build-'));
  try {
    await docker.requireDaemon();
    const credentials = await getRegistryCredentials(ecr, deps.maskSecret);
    const login = await docker.run(
      ['login', '--username', credentials.username, '--password-stdin', credentials.registry],
      { stdin: credentials.password },
    );
    if (login.exitCode !== 0) {
      throw new ConfigurationError(
        `docker login to ${credentials.registry} was refused: ${lastLines(login.stderr || login.stdout, 3)}`,
      );
    }

    const buildx = await docker.hasBuildx();
    // The default `docker` driver cannot export a registry cache; docker/setup-buildx-action's can.
    const driver = buildx ? await docker.buildxDriver() : undefined;
    const cache = buildx && request.cache && driver !== 'docker';
    if (buildx && request.cache && !cache) {
      reporter.warning(
        'The buildx builder uses the `docker` driver, which cannot write a registry cache: building without it. ' +
          'Add docker/setup-buildx-action before this step to cache layers in ECR.',
      );
    }
    const plan: BuildPlan = {
      context: files.context,
      dockerfile: dockerfileForBuilder(files, buildx ? 'buildx' : 'docker'),
      imageRefs: tagRefs,
      buildArgs: request.buildArgs,
      platform: request.platform,
      network: request.network,
      labels: contentSchemaLabels(files.context, reporter),
      provenance: request.provenance,
      cacheRef: cache ? cacheRefFor(repository.uri) : undefined,
      metadataFile: buildx ? path.join(workDir, 'metadata.json') : undefined,
    };
    const started = deps.clock.now();
    reporter.info(
      `Building ${imageTagUri} for ${request.platform} with ${buildx ? 'docker buildx' : 'docker build'}.`,
    );
    const log: string[] = [];
    const build = await docker.run(buildx ? buildxBuildArgv(plan) : dockerBuildArgv(plan), {
      // Without buildx, a DOCKER_BUILDKIT=1 inherited from the environment would make `docker build` fail.
      env: buildx ? undefined : { DOCKER_BUILDKIT: '0' },
      onLine: (line) => {
        log.push(line);
        reporter.info(line);
      },
    });
    const buildLog = log.join('\n');
    if (build.exitCode !== 0) {
      const refusal = buildLog.split('\n').find((line) => IMMUTABLE_REFUSAL.test(line));
      if (refusal) throw pushRefused(imageTagUri, refusal);
      throw new ConfigurationError(
        `The image build failed (exit ${build.exitCode}). Last ${BUILD_LOG_TAIL} lines of the build log:\n` +
          lastLines(buildLog, BUILD_LOG_TAIL),
      );
    }

    let digest: string | undefined;
    if (buildx) {
      digest = digestFromMetadata(fs.readFileSync(plan.metadataFile as string, 'utf8'));
    } else {
      for (const ref of tagRefs) {
        const push = await docker.run(dockerPushArgv(ref), { onLine: (line) => reporter.info(line) });
        if (push.exitCode !== 0) throw pushRefused(ref, lastLines(push.stderr || push.stdout, 5));
        digest ??= digestFromPushOutput(push.stdout);
      }
    }
    if (!digest) throw new Error(`The push of ${imageTagUri} reported no digest.`);
    const buildSeconds = (deps.clock.now() - started) / 1000;

    // The registry is the source of truth: the digest ECR lists for the SHA tag must be ours.
    const pushed = await findImageByTag(ecr, repository.name, request.commitSha);
    if (!pushed) throw new Error(`ECR does not list ${imageTagUri} after the push.`);
    if (pushed.digest !== digest) {
      throw new Error(`ECR lists ${imageTagUri} as ${pushed.digest}, but the push reported ${digest}.`);
    }
    reporter.info(`Pushed ${repository.uri}@${digest}`);
    return {
      repositoryUri: repository.uri,
      imageUri: `${repository.uri}@${digest}`,
      imageTagUri,
      digest,
      tags: tagRefs,
      built: true,
      repositoryCreated: repository.created,
      builder: buildx ? 'buildx' : 'docker',
      dockerfile: plan.dockerfile,
      bundledDockerfile: files.bundled,
      buildSeconds,
      sizeBytes: pushed.sizeBytes,
      cache: cacheUseFromLog(buildLog),
    };
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
    if (ownConfig) removePrivateDockerConfig(dockerConfigDir);
  }
}

function pushRefused(ref: string, detail: string): ConfigurationError {
  if (IMMUTABLE_REFUSAL.test(detail)) {
    return new ConfigurationError(
      `The registry refused the push of ${ref}: ${detail.trim()} ` +
        'Tags in this repository are immutable: keep `skip-if-exists: true`, or push a tag that does not exist yet.',
    );
  }
  return new ConfigurationError(`The registry refused the push of ${ref}: ${detail.trim()}`);
}

/** docker, always pointed at the private config. */
class Docker {
  constructor(
    private readonly runner: CommandRunner,
    private readonly configDir: string,
  ) {}

  run(args: string[], options: RunOptions = {}): Promise<CommandResult> {
    return this.runner.run('docker', args, {
      ...options,
      env: { ...options.env, DOCKER_CONFIG: this.configDir },
    });
  }

  async requireDaemon(): Promise<void> {
    const result = await this.run(['version', '--format', '{{.Server.Version}}']);
    if (result.notFound) {
      throw new ConfigurationError('Docker is not installed: `docker` is not on PATH.');
    }
    if (result.exitCode !== 0) {
      const where = process.env.DOCKER_HOST || 'the default socket';
      throw new ConfigurationError(
        `No Docker daemon is reachable at ${where}: ${lastLines(result.stderr, 1)} ` +
          'Start Docker, or point DOCKER_HOST at a running daemon.',
      );
    }
  }

  async hasBuildx(): Promise<boolean> {
    return (await this.run(['buildx', 'version'])).exitCode === 0;
  }

  /** The selected builder's driver (`docker`, `docker-container`, ...), or undefined if unknown. */
  async buildxDriver(): Promise<string | undefined> {
    const result = await this.run(['buildx', 'inspect']);
    return result.exitCode === 0 ? /^Driver:\s+(\S+)/m.exec(result.stdout)?.[1] : undefined;
  }
}

/** Markdown for the job summary: what was pushed (or found), how big, how long, how much cache. */
export function renderBuildPushSummary(outcome: BuildPushOutcome): string {
  const rows: [string, string][] = [
    ['Image', `\`${outcome.imageUri}\``],
    [
      'Tags',
      outcome.tags.map((tag) => `\`${tag.slice(outcome.repositoryUri.length + 1)}\``).join(', ') || '—',
    ],
    ['Size (compressed)', outcome.sizeBytes === undefined ? '—' : formatBytes(outcome.sizeBytes)],
  ];
  if (outcome.built) {
    rows.push([
      'Build time',
      outcome.buildSeconds === undefined ? '—' : `${outcome.buildSeconds.toFixed(1)} s`,
    ]);
    rows.push(['Builder', outcome.builder ?? '—']);
    rows.push([
      'Cache',
      outcome.cache ? `${outcome.cache.cachedSteps} of ${outcome.cache.totalSteps} steps from cache` : '—',
    ]);
    if (outcome.bundledDockerfile) rows.push(['Dockerfile', 'bundled Strapi Dockerfile']);
  } else {
    rows.push(['Build', 'skipped: this commit’s image is already in ECR']);
  }
  return [
    '### Image',
    '',
    '| | |',
    '| --- | --- |',
    ...rows.map(([key, value]) => `| ${key} | ${value} |`),
    '',
  ].join('\n');
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
