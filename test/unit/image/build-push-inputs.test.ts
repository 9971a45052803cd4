import { readBuildPushInputs } from '../../../src/image/build-push';
import { InputReader, mapInputSource } from '../../../src/core/inputs';

const SHA = 'f3a1c2d4e5f60718293a4b5c6d7e8f9012345678';
const env = { GITHUB_SHA: SHA, AWS_REGION: 'eu-west-1' };
const read = (values: Record<string, string>, environment: NodeJS.ProcessEnv = env) =>
  readBuildPushInputs(new InputReader(mapInputSource(values)), environment);

test('defaults', () => {
  expect(read({ repository: 'strapi' })).toEqual({
    region: 'eu-west-1',
    repository: 'strapi',
    createRepository: false,
    context: '.',
    dockerfile: undefined,
    commitSha: SHA,
    tags: [SHA],
    skipIfExists: true,
    buildArgs: {},
    platform: 'linux/amd64',
    network: undefined,
    provenance: false,
    cache: true,
  });
});

test.each<[string, Record<string, string>, Partial<ReturnType<typeof read>>]>([
  [
    'extra tags after the SHA, duplicates dropped',
    { tags: `latest, v1\n${SHA}\nv1` },
    { tags: [SHA, 'latest', 'v1'] },
  ],
  [
    'commit-sha input overrides GITHUB_SHA',
    { 'commit-sha': 'abc123' },
    { commitSha: 'abc123', tags: ['abc123'] },
  ],
  ['Graviton', { platform: 'linux/arm64' }, { platform: 'linux/arm64' }],
  ['host network', { network: 'host' }, { network: 'host' }],
  [
    'build args',
    { 'build-args': 'BASE_IMAGE=local/node:20\nA=b=c' },
    { buildArgs: { BASE_IMAGE: 'local/node:20', A: 'b=c' } },
  ],
  [
    'booleans',
    { 'skip-if-exists': 'false', 'create-repository': 'true', cache: 'false' },
    { skipIfExists: false, createRepository: true, cache: false },
  ],
  ['region input wins', { 'aws-region': 'ap-south-1' }, { region: 'ap-south-1' }],
  ['namespaced repository', { repository: 'team/strapi-cms' }, { repository: 'team/strapi-cms' }],
])('%s', (_name, values, expected) => {
  expect(read({ repository: 'strapi', ...values })).toMatchObject(expected);
});

test.each<[string, Record<string, string>, NodeJS.ProcessEnv, RegExp]>([
  ['repository missing', {}, env, /Input `repository` is required/],
  [
    'repository given as an ECR URI',
    { repository: '123456789012.dkr.ecr.eu-west-1.example/strapi' },
    env,
    /`repository` must be an ECR repository name/,
  ],
  [
    'repository given as a registry:port URI',
    { repository: '127.0.0.1:5000/strapi' },
    env,
    /`repository` must be an ECR repository name/,
  ],
  ['upper case repository', { repository: 'Strapi' }, env, /`repository` must be an ECR repository name/],
  ['no SHA anywhere', { repository: 'strapi' }, { AWS_REGION: 'eu-west-1' }, /set `commit-sha`/],
  ['tag with a slash', { repository: 'strapi', tags: 'feature/x' }, env, /Invalid image tag "feature\/x"/],
  // buildcache is the repository's one mutable tag: a release tagged with it would be overwritten and expired.
  [
    'the build cache tag as a release tag',
    { repository: 'strapi', tags: 'latest, buildcache' },
    env,
    /"buildcache" .* is reserved for the build cache/,
  ],
  [
    'the build cache tag as the commit',
    { repository: 'strapi', 'commit-sha': 'buildcache' },
    env,
    /"buildcache" .* is reserved/,
  ],
  ['two platforms', { repository: 'strapi', platform: 'linux/amd64,linux/arm64' }, env, /one platform/],
  [
    'network with a space',
    { repository: 'strapi', network: 'host --privileged' },
    env,
    /`network` must be a Docker network name/,
  ],
  [
    'non-boolean',
    { repository: 'strapi', 'skip-if-exists': 'yes' },
    env,
    /`skip-if-exists` must be true or false/,
  ],
  ['no region', { repository: 'strapi' }, { GITHUB_SHA: SHA }, /no AWS region is set/],
])('rejects: %s', (_name, values, environment, message) => {
  expect(() => read(values, environment)).toThrow(message);
});
