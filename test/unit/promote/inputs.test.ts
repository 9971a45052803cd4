import { ConfigurationError } from '../../../src/core/errors';
import { InputReader, mapInputSource } from '../../../src/core/inputs';
import { readPromoteInputs } from '../../../src/promote/inputs';

const BASE = {
  'source-cluster': 'strapi-staging',
  'source-service': 'strapi',
  cluster: 'strapi-production',
  service: 'strapi',
};
const read = (values: Record<string, string>) => readPromoteInputs(new InputReader(mapInputSource(values)));

test('defaults: staging to production, the deploy wait bounds, rollback on failure', () => {
  expect(read(BASE)).toEqual({
    source: { cluster: 'strapi-staging', service: 'strapi', environment: 'staging' },
    environment: 'production',
    cluster: 'strapi-production',
    service: 'strapi',
    containerName: undefined,
    forceNewDeployment: false,
    wait: { waitMinutes: 15, pollSeconds: 15, maxTaskFailures: 2 },
    rollbackOnFailure: true,
    waitForIdle: false,
    region: undefined,
    jobSummary: true,
    // Production's content is guarded as a deploy's is.
    allowDestructiveSchema: false,
    snapshot: 'auto',
    dbInstance: undefined,
  });
});

test.each([
  ['no source service', { 'source-service': '' }, 'source-service', /is required/],
  ['no target cluster', { cluster: '' }, 'cluster', /is required/],
  [
    'the same environment twice',
    { 'source-environment': 'prod', environment: 'prod' },
    'environment',
    /must differ/,
  ],
  [
    'an environment name with a space',
    { 'source-environment': 'my staging' },
    'source-environment',
    /GitHub environment name/,
  ],
  ['the source service itself', { cluster: 'strapi-staging' }, 'cluster', /source service .* itself/],
  ['a wait out of bounds', { 'wait-minutes': '500' }, 'wait-minutes', /1/],
])('refuses %s, naming the input', (_title, override, input, message) => {
  let error: unknown;
  try {
    read({ ...BASE, ...override });
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(ConfigurationError);
  expect((error as ConfigurationError).input).toBe(input);
  expect((error as Error).message).toMatch(message);
});
