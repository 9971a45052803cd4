import {
  buildxBuildArgv,
  cacheRefFor,
  cacheUseFromLog,
  digestFromMetadata,
  digestFromPushOutput,
  dockerBuildArgv,
  type BuildPlan,
} from '../../../src/image/build-argv';

const REPO = '127.0.0.1:5000/strapi';
const SHA = 'f3a1c2d4e5f60718293a4b5c6d7e8f9012345678';
const base: BuildPlan = {
  context: '/src/app',
  dockerfile: '/src/app/Dockerfile',
  imageRefs: [`${REPO}:${SHA}`],
  buildArgs: {},
  platform: 'linux/amd64',
  provenance: false,
};
const CACHE_FROM = `type=registry,ref=${REPO}:buildcache`;
const CACHE_TO = `type=registry,ref=${REPO}:buildcache,mode=max,image-manifest=true,oci-mediatypes=true,ignore-error=true`;

// prettier-ignore
describe('buildx argv (GitHub runners have buildx)', () => {
  test.each<[string, Partial<BuildPlan>, string[]]>([
    [
      'defaults: cache in ECR, digest to the metadata file, no provenance',
      { cacheRef: cacheRefFor(REPO), metadataFile: '/tmp/m.json' },
      [
        'buildx', 'build', '--progress=plain',
        '--platform', 'linux/amd64', '--file', '/src/app/Dockerfile', '--tag', `${REPO}:${SHA}`,
        '--provenance=false',
        '--cache-from', CACHE_FROM, '--cache-to', CACHE_TO,
        '--metadata-file', '/tmp/m.json', '--push', '/src/app',
      ],
    ],
    [
      'Graviton, extra tag, build args, host network, provenance, no cache',
      {
        platform: 'linux/arm64',
        imageRefs: [`${REPO}:${SHA}`, `${REPO}:v1.2.0`],
        buildArgs: { NODE_VERSION: '20', BASE_IMAGE: 'local/node:20' },
        network: 'host',
        provenance: true,
        metadataFile: '/tmp/m.json',
      },
      [
        'buildx', 'build', '--progress=plain',
        '--platform', 'linux/arm64', '--file', '/src/app/Dockerfile',
        '--tag', `${REPO}:${SHA}`, '--tag', `${REPO}:v1.2.0`,
        '--build-arg', 'NODE_VERSION=20', '--build-arg', 'BASE_IMAGE=local/node:20',
        '--network', 'host',
        '--provenance=true',
        '--metadata-file', '/tmp/m.json', '--push', '/src/app',
      ],
    ],
    [
      'a build arg with spaces and = stays one argv word',
      { buildArgs: { LABEL: 'a b=c; $(x)' } },
      [
        'buildx', 'build', '--progress=plain',
        '--platform', 'linux/amd64', '--file', '/src/app/Dockerfile', '--tag', `${REPO}:${SHA}`,
        '--build-arg', 'LABEL=a b=c; $(x)',
        '--provenance=false', '--push', '/src/app',
      ],
    ],
  ])('%s', (_name, plan, argv) => {
    expect(buildxBuildArgv({ ...base, ...plan })).toEqual(argv);
  });
});

// prettier-ignore
describe('classic docker build argv (no buildx)', () => {
  test.each<[string, Partial<BuildPlan>, string[]]>([
    [
      'defaults',
      {},
      ['build', '--platform', 'linux/amd64', '--file', '/src/app/Dockerfile', '--tag', `${REPO}:${SHA}`, '/src/app'],
    ],
    [
      'cache, metadata and provenance are buildx-only and never reach docker build',
      { cacheRef: cacheRefFor(REPO), metadataFile: '/tmp/m.json', provenance: true, network: 'host' },
      [
        'build', '--platform', 'linux/amd64', '--file', '/src/app/Dockerfile', '--tag', `${REPO}:${SHA}`,
        '--network', 'host', '/src/app',
      ],
    ],
  ])('%s', (_name, plan, argv) => {
    expect(dockerBuildArgv({ ...base, ...plan })).toEqual(argv);
  });
});

const DIGEST = `sha256:${'ab'.repeat(32)}`;

test.each([
  [`The push refers to repository [x]\nabc: Pushed\n${SHA}: digest: ${DIGEST} size: 735\n`, DIGEST],
  ['abc: Pushed\n', undefined],
])('digest from docker push output %#', (output, digest) => {
  expect(digestFromPushOutput(output)).toBe(digest);
});

test.each([
  [JSON.stringify({ 'containerimage.digest': DIGEST, 'image.name': 'x' }), DIGEST],
  [JSON.stringify({ 'containerimage.digest': 'nope' }), undefined],
  ['not json', undefined],
])('digest from buildx metadata %#', (json, digest) => {
  expect(digestFromMetadata(json)).toBe(digest);
});

describe('cache use read from the build log', () => {
  test('classic builder: Using cache per step, FROM not counted', () => {
    const log = [
      'Step 1/4 : FROM scratch',
      ' ---> ',
      'Step 2/4 : COPY busybox /bin/busybox',
      ' ---> Using cache',
      ' ---> 6d51935296df',
      'Step 3/4 : COPY app.txt /app.txt',
      ' ---> 1b2c3d4e5f60',
      'Step 4/4 : CMD ["/bin/busybox"]',
      ' ---> Running in 59d271fb7773',
    ].join('\n');
    expect(cacheUseFromLog(log)).toEqual({ cachedSteps: 1, totalSteps: 3 });
  });

  test('BuildKit plain progress: CACHED per step id', () => {
    const log = [
      '#1 [internal] load build definition from Dockerfile',
      '#5 [build 1/4] FROM docker.io/library/node:20@sha256:1',
      '#6 [build 2/4] COPY package.json package-lock.json ./',
      '#6 CACHED',
      '#7 [build 3/4] RUN npm ci',
      '#7 CACHED',
      '#8 [build 4/4] RUN npm run build',
      '#8 0.512 > strapi build',
      '#8 DONE 41.2s',
    ].join('\n');
    expect(cacheUseFromLog(log)).toEqual({ cachedSteps: 2, totalSteps: 3 });
  });

  test('no steps recognised: unknown, not zero', () => {
    expect(cacheUseFromLog('something else')).toBeUndefined();
  });
});
