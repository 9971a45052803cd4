import { RecordingReporter } from '../../support/recording-reporter';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CreateRepositoryCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  GetAuthorizationTokenCommand,
  ImageNotFoundException,
  RepositoryNotFoundException,
} from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import {
  buildAndPush,
  renderBuildPushSummary,
  type BuildPushInputs,
  type BuildPushOutcome,
} from '../../../src/image/build-push';
import { ConfigurationError } from '../../../src/core/errors';

import { FakeDocker } from './fake-docker';

const REGISTRY = '127.0.0.1:5000';
const REPO_URI = `${REGISTRY}/strapi`;
const SHA = 'f3a1c2d4e5f60718293a4b5c6d7e8f9012345678';
const DIGEST = `sha256:${'d'.repeat(64)}`;
const TOKEN = Buffer.from('AWS:ecr-password').toString('base64');

const ecrMock = mockClient(ECRClient);
let work: string;
let app: string;

const request = (overrides: Partial<BuildPushInputs> = {}): BuildPushInputs => ({
  region: 'eu-west-1',
  repository: 'strapi',
  createRepository: false,
  context: '.',
  commitSha: SHA,
  tags: [SHA],
  skipIfExists: true,
  buildArgs: {},
  platform: 'linux/amd64',
  provenance: false,
  cache: true,
  ...overrides,
});

function setup(docker: FakeDocker = classicDocker()) {
  const masked: string[] = [];
  const reporter = new RecordingReporter();
  const configDir = fs.mkdtempSync(path.join(work, 'docker-config-'));
  const deps = {
    ecr: new ECRClient({ region: 'eu-west-1' }),
    reporter,
    clock: { now: () => 0, sleep: async () => undefined },
    maskSecret: (value: string) => masked.push(value),
    runner: docker,
    dockerConfigDir: configDir,
    cwd: app,
    bundledDockerfile: path.join(work, 'bundled', 'Dockerfile'),
  };
  return { deps, docker, masked, reporter, configDir };
}

function classicDocker(): FakeDocker {
  return new FakeDocker()
    .on(['buildx', 'version'], { exitCode: 1, stderr: "docker: 'buildx' is not a docker command." })
    .on(['build'], {
      lines: ['Step 1/2 : FROM scratch', ' ---> ', 'Step 2/2 : COPY app.txt /', ' ---> Using cache'],
    })
    .on(['push'], {
      stdout: `The push refers to repository [${REPO_URI}]\n${SHA}: digest: ${DIGEST} size: 528\n`,
    });
}

beforeEach(() => {
  ecrMock.reset();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'build-push-unit-'));
  app = path.join(work, 'app');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'Dockerfile'), 'FROM scratch\n');
  fs.mkdirSync(path.join(work, 'bundled'));
  fs.writeFileSync(path.join(work, 'bundled', 'Dockerfile'), 'FROM node\n');
  ecrMock
    .on(DescribeRepositoriesCommand)
    .resolves({ repositories: [{ repositoryName: 'strapi', repositoryUri: REPO_URI }] });
  ecrMock.on(GetAuthorizationTokenCommand).resolves({
    authorizationData: [{ authorizationToken: TOKEN, proxyEndpoint: `http://${REGISTRY}` }],
  });
  // Not there before the build, there after the push.
  ecrMock
    .on(DescribeImagesCommand)
    .rejectsOnce(new ImageNotFoundException({ message: 'no such image', $metadata: {} }))
    .resolves({ imageDetails: [{ imageDigest: DIGEST, imageTags: [SHA], imageSizeInBytes: 52_428_800 }] });
});

afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

describe('repository', () => {
  test('missing, without create-repository: an error naming the repository and region', async () => {
    ecrMock
      .on(DescribeRepositoriesCommand)
      .rejects(new RepositoryNotFoundException({ message: 'x', $metadata: {} }));
    const { deps, docker } = setup();
    const error = await buildAndPush(deps, request()).catch((e) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe(
      'ECR repository "strapi" does not exist in region eu-west-1. Create it (the provision action does), or set `create-repository: true`.',
    );
    expect(docker.calls).toEqual([]);
  });

  test('created with scan on push and immutable tags, except the build cache tag', async () => {
    ecrMock
      .on(DescribeRepositoriesCommand)
      .rejects(new RepositoryNotFoundException({ message: 'x', $metadata: {} }));
    ecrMock.on(CreateRepositoryCommand).resolves({ repository: { repositoryUri: REPO_URI } });
    const { deps } = setup();
    const outcome = await buildAndPush(deps, request({ createRepository: true }));
    expect(ecrMock.commandCalls(CreateRepositoryCommand).map((c) => c.args[0].input)).toEqual([
      {
        repositoryName: 'strapi',
        imageScanningConfiguration: { scanOnPush: true },
        imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
        imageTagMutabilityExclusionFilters: [{ filterType: 'WILDCARD', filter: 'buildcache' }],
      },
    ]);
    expect(outcome.repositoryCreated).toBe(true);
  });
});

test('skip-if-exists: the SHA tag in ECR means no docker command at all, and its digest is the output', async () => {
  ecrMock.on(DescribeImagesCommand).resolves({
    imageDetails: [{ imageDigest: DIGEST, imageTags: [SHA, 'latest'], imageSizeInBytes: 1000 }],
  });
  const { deps, docker } = setup();
  const outcome = await buildAndPush(deps, request());
  expect(docker.calls).toEqual([]);
  expect(ecrMock.commandCalls(DescribeImagesCommand)[0]?.args[0].input).toEqual({
    repositoryName: 'strapi',
    imageIds: [{ imageTag: SHA }],
  });
  expect(outcome).toEqual<BuildPushOutcome>({
    repositoryUri: REPO_URI,
    imageUri: `${REPO_URI}@${DIGEST}`,
    imageTagUri: `${REPO_URI}:${SHA}`,
    digest: DIGEST,
    tags: [`${REPO_URI}:${SHA}`, `${REPO_URI}:latest`],
    built: false,
    repositoryCreated: false,
    sizeBytes: 1000,
  });
});

test('skip-if-exists off: ECR is not asked before building', async () => {
  ecrMock
    .on(DescribeImagesCommand)
    .resolves({ imageDetails: [{ imageDigest: DIGEST, imageTags: [SHA], imageSizeInBytes: 1 }] });
  const { deps, docker } = setup();
  const outcome = await buildAndPush(deps, request({ skipIfExists: false }));
  expect(outcome.built).toBe(true);
  expect(docker.find(['build'])).toBeDefined();
  expect(ecrMock.commandCalls(DescribeImagesCommand)).toHaveLength(1); // the check after the push
});

describe('classic docker (no buildx)', () => {
  test('version, login, build, push each tag, in that order, all with the private config', async () => {
    const { deps, docker, configDir, masked } = setup();
    const outcome = await buildAndPush(deps, request({ tags: [SHA, 'latest'], network: 'host' }));
    expect(docker.calls.map((c) => c.args)).toEqual([
      ['version', '--format', '{{.Server.Version}}'],
      ['login', '--username', 'AWS', '--password-stdin', REGISTRY],
      ['buildx', 'version'],
      [
        'build',
        '--platform',
        'linux/amd64',
        '--file',
        path.join(app, 'Dockerfile'),
        '--tag',
        `${REPO_URI}:${SHA}`,
        '--tag',
        `${REPO_URI}:latest`,
        '--network',
        'host',
        app,
      ],
      ['push', `${REPO_URI}:${SHA}`],
      ['push', `${REPO_URI}:latest`],
    ]);
    expect(
      docker.calls.every((c) => c.command === 'docker' && c.options.env?.DOCKER_CONFIG === configDir),
    ).toBe(true);
    expect(docker.find(['login'])?.options.stdin).toBe('ecr-password');
    expect(docker.find(['build'])?.options.env?.DOCKER_BUILDKIT).toBe('0');
    expect(masked).toEqual([TOKEN, 'ecr-password']);
    expect(outcome).toMatchObject({
      built: true,
      builder: 'docker',
      digest: DIGEST,
      imageUri: `${REPO_URI}@${DIGEST}`,
      sizeBytes: 52_428_800,
      cache: { cachedSteps: 1, totalSteps: 1 },
    });
  });

  test('the digest ECR lists must be the digest the push reported', async () => {
    ecrMock
      .on(DescribeImagesCommand)
      .rejectsOnce(new ImageNotFoundException({ message: 'no', $metadata: {} }))
      .resolves({ imageDetails: [{ imageDigest: `sha256:${'e'.repeat(64)}`, imageTags: [SHA] }] });
    const { deps } = setup();
    await expect(buildAndPush(deps, request())).rejects.toThrow(
      `ECR lists ${REPO_URI}:${SHA} as sha256:${'e'.repeat(64)}, but the push reported ${DIGEST}.`,
    );
  });

  test('a push refused for another reason names the tag and the registry’s words', async () => {
    const docker = classicDocker().on(['push'], {
      exitCode: 1,
      stderr: 'denied: requested access to the resource is denied\n',
    });
    const { deps } = setup(docker);
    await expect(buildAndPush(deps, request())).rejects.toThrow(
      `The registry refused the push of ${REPO_URI}:${SHA}: denied: requested access to the resource is denied`,
    );
  });
});

test('buildx: one build with --push, cache in ECR, digest from the metadata file', async () => {
  const docker = new FakeDocker().on(['buildx', 'build'], {
    lines: ['#6 [2/3] COPY a /', '#6 CACHED', '#7 [3/3] COPY b /', '#7 DONE 0.1s'],
    effect: (args) => {
      const file = args[args.indexOf('--metadata-file') + 1] as string;
      fs.writeFileSync(file, JSON.stringify({ 'containerimage.digest': DIGEST }));
    },
  });
  const { deps } = setup(docker);
  const outcome = await buildAndPush(deps, request());
  const build = docker.find(['buildx', 'build'])?.args ?? [];
  expect(build).toEqual(
    expect.arrayContaining([
      '--cache-from',
      `type=registry,ref=${REPO_URI}:buildcache`,
      '--provenance=false',
      '--push',
    ]),
  );
  expect(docker.find(['push'])).toBeUndefined();
  expect(outcome).toMatchObject({
    builder: 'buildx',
    digest: DIGEST,
    cache: { cachedSteps: 1, totalSteps: 2 },
  });
});

test.each([
  ['docker-container', true],
  ['docker', false],
])('buildx with the %s driver: registry cache %p', async (driver, cached) => {
  const docker = new FakeDocker()
    .on(['buildx', 'inspect'], { stdout: `Name:          builder\nDriver:        ${driver}\n` })
    .on(['buildx', 'build'], {
      effect: (args) => {
        const file = args[args.indexOf('--metadata-file') + 1] as string;
        fs.writeFileSync(file, JSON.stringify({ 'containerimage.digest': DIGEST }));
      },
    });
  const { deps, reporter } = setup(docker);
  await buildAndPush(deps, request());
  expect(docker.find(['buildx', 'build'])?.args.includes('--cache-to')).toBe(cached);
  expect(reporter.text().includes('cannot write a registry cache')).toBe(!cached);
});

test('buildx: an immutability refusal inside the build log is reported as a refused push', async () => {
  const docker = new FakeDocker().on(['buildx', 'build'], {
    exitCode: 1,
    lines: [
      '#9 exporting to image',
      `#9 ERROR: failed to push ${REPO_URI}:${SHA}: tag invalid: The image tag '${SHA}' already exists in the 'strapi' repository and cannot be overwritten because the repository is immutable.`,
    ],
  });
  const { deps } = setup(docker);
  await expect(buildAndPush(deps, request())).rejects.toThrow(
    /^The registry refused the push of .*keep `skip-if-exists: true`/,
  );
});

describe('errors a person can act on', () => {
  test.each<[string, FakeDocker, RegExp]>([
    [
      'docker not installed',
      new FakeDocker().on(['version'], { exitCode: 127, notFound: true }),
      /^Docker is not installed/,
    ],
    [
      'no daemon',
      new FakeDocker().on(['version'], {
        exitCode: 1,
        stderr:
          'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n',
      }),
      /^No Docker daemon is reachable at .*: Cannot connect to the Docker daemon .* Start Docker, or point DOCKER_HOST/,
    ],
    [
      'login refused',
      new FakeDocker().on(['login'], {
        exitCode: 1,
        stderr: 'Error response from daemon: login attempt failed with status: 401 Unauthorized\n',
      }),
      /^docker login to 127\.0\.0\.1:5000 was refused: Error response from daemon: login attempt failed with status: 401 Unauthorized$/,
    ],
  ])('%s', async (_name, docker, message) => {
    const { deps } = setup(docker.on(['buildx', 'version'], { exitCode: 1 }));
    const error = await buildAndPush(deps, request()).catch((e) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(message);
    expect(docker.find(['build'])).toBeUndefined();
  });

  test('build failed: the last 30 lines of the log only', async () => {
    const lines = Array.from({ length: 100 }, (_, i) => `log line ${i + 1}`);
    const docker = classicDocker().on(['build'], { exitCode: 1, lines });
    const { deps } = setup(docker);
    const error = await buildAndPush(deps, request()).catch((e) => e);
    expect(error.message).toBe(
      `The image build failed (exit 1). Last 30 lines of the build log:\n${lines.slice(70).join('\n')}`,
    );
  });

  test('a missing dockerfile input names the input and the path', async () => {
    const { deps, docker } = setup();
    await expect(buildAndPush(deps, request({ dockerfile: 'docker/Prod.Dockerfile' }))).rejects.toThrow(
      `Dockerfile not found: ${path.join(app, 'docker/Prod.Dockerfile')} (input \`dockerfile\`).`,
    );
    expect(docker.calls).toEqual([]);
  });
});

test.each<[string, () => FakeDocker, string[], string]>([
  ['the classic builder: the plain file', classicDocker, ['build'], 'Dockerfile'],
  [
    'buildx: its BuildKit variant (npm cache mounts)',
    () =>
      new FakeDocker().on(['buildx', 'build'], {
        effect: (args) => {
          const file = args[args.indexOf('--metadata-file') + 1] as string;
          fs.writeFileSync(file, JSON.stringify({ 'containerimage.digest': DIGEST }));
        },
      }),
    ['buildx', 'build'],
    'Dockerfile.buildkit',
  ],
])(
  'an app without a Dockerfile is built with the bundled Strapi Dockerfile; %s',
  async (_name, fake, command, file) => {
    fs.rmSync(path.join(app, 'Dockerfile'));
    fs.writeFileSync(path.join(work, 'bundled', 'Dockerfile.buildkit'), 'FROM node\n');
    const { deps, docker, reporter } = setup(fake());
    const outcome = await buildAndPush(deps, request());
    const build = docker.find(command)?.args ?? [];
    expect(build[build.indexOf('--file') + 1]).toBe(path.join(work, 'bundled', file));
    expect(outcome).toMatchObject({ bundledDockerfile: true, dockerfile: path.join(work, 'bundled', file) });
    expect(reporter.text()).toContain('using the bundled Strapi Dockerfile');
  },
);

test('without a caller-provided config dir, a private one is made and removed', async () => {
  const { deps, docker } = setup();
  await buildAndPush({ ...deps, dockerConfigDir: undefined }, request());
  const used = docker.find(['login'])?.options.env?.DOCKER_CONFIG as string;
  expect(used).toMatch(/strapi-deploy-docker-/);
  expect(fs.existsSync(used)).toBe(false);
});

describe('job summary', () => {
  const built: BuildPushOutcome = {
    repositoryUri: REPO_URI,
    imageUri: `${REPO_URI}@${DIGEST}`,
    imageTagUri: `${REPO_URI}:${SHA}`,
    digest: DIGEST,
    tags: [`${REPO_URI}:${SHA}`, `${REPO_URI}:latest`],
    built: true,
    repositoryCreated: false,
    builder: 'buildx',
    buildSeconds: 42.25,
    sizeBytes: 152_043_520,
    cache: { cachedSteps: 5, totalSteps: 7 },
  };

  test('a build', () => {
    expect(renderBuildPushSummary(built)).toBe(
      [
        '### Image',
        '',
        '| | |',
        '| --- | --- |',
        `| Image | \`${REPO_URI}@${DIGEST}\` |`,
        `| Tags | \`${SHA}\`, \`latest\` |`,
        '| Size (compressed) | 145.0 MiB |',
        '| Build time | 42.3 s |',
        '| Builder | buildx |',
        '| Cache | 5 of 7 steps from cache |',
        '',
      ].join('\n'),
    );
  });

  test('a skip', () => {
    const skipped = renderBuildPushSummary({
      ...built,
      built: false,
      cache: undefined,
      buildSeconds: undefined,
    });
    expect(skipped).toContain('| Build | skipped: this commit’s image is already in ECR |');
    expect(skipped).not.toContain('Build time');
  });
});
