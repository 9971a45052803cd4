import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readGitHubSettings, readSummaryLogLines } from '../../../src/action-kit/present-release';
import { recordingActionKit } from '../../support/action-kit';
import { InputReader, mapInputSource } from '../../../src/core/inputs';
import { ConfigurationError } from '../../../src/core/errors';
import { checkImageUri, parseImageUri, readDeployServiceInputs } from '../../../src/deploy';

const REQUIRED = {
  cluster: 'strapi-production',
  service: 'strapi',
  'image-uri': 'registry.example/strapi:abc123',
};

function read(values: Record<string, string>) {
  return readDeployServiceInputs(new InputReader(mapInputSource({ ...REQUIRED, ...values })));
}

describe('readDeployServiceInputs', () => {
  test('defaults', () => {
    expect(read({})).toEqual({
      cluster: 'strapi-production',
      service: 'strapi',
      image: 'registry.example/strapi:abc123',
      containerName: undefined,
      taskDefinitionFile: undefined,
      environment: {},
      secrets: {},
      desiredCount: undefined,
      forceNewDeployment: false,
      wait: { waitMinutes: 15, pollSeconds: 15, maxTaskFailures: 2 },
      rollbackOnFailure: true,
      waitForIdle: false,
      region: undefined,
      jobSummary: true,
      allowDestructiveSchema: false,
      snapshot: 'auto',
      dbInstance: undefined,
    });
  });

  test.each([
    [{ 'container-name': 'app' }, { containerName: 'app' }],
    [{ 'task-definition': '.aws/td.json' }, { taskDefinitionFile: '.aws/td.json' }],
    [
      { 'environment-variables': 'NODE_ENV=production\n# comment\nURL=https://cms.example/a=b,c' },
      { environment: { NODE_ENV: 'production', URL: 'https://cms.example/a=b,c' } },
    ],
    [
      { secrets: 'DATABASE_URL=arn:aws:secretsmanager:ap-south-1:123456789012:secret:db-AbC' },
      { secrets: { DATABASE_URL: 'arn:aws:secretsmanager:ap-south-1:123456789012:secret:db-AbC' } },
    ],
    [
      { secrets: 'APP_KEYS=arn:aws:ssm:ap-south-1:123456789012:parameter/strapi/app-keys' },
      { secrets: { APP_KEYS: 'arn:aws:ssm:ap-south-1:123456789012:parameter/strapi/app-keys' } },
    ],
    [{ 'desired-count': '0' }, { desiredCount: 0 }],
    [{ 'desired-count': '3' }, { desiredCount: 3 }],
    [{ 'force-new-deployment': 'true' }, { forceNewDeployment: true }],
    [
      { 'wait-minutes': '120', 'poll-seconds': '15', 'max-task-failures': '0' },
      { wait: { waitMinutes: 120, pollSeconds: 15, maxTaskFailures: 0 } },
    ],
    [{ 'rollback-on-failure': 'false' }, { rollbackOnFailure: false }],
    [{ 'aws-region': 'eu-west-1' }, { region: 'eu-west-1' }],
    [{ 'job-summary': 'False' }, { jobSummary: false }],
    [
      { 'image-uri': '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi@sha256:' + 'a'.repeat(64) },
      { image: '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi@sha256:' + 'a'.repeat(64) },
    ],
  ])('%j -> %j', (values, expected) => {
    expect(read(values)).toMatchObject(expected);
  });

  test.each([
    [{ cluster: '' }, 'Input `cluster` is required.'],
    [{ service: '' }, 'Input `service` is required.'],
    [{ 'image-uri': '' }, 'Input `image-uri` is required.'],
    [{ 'image-uri': 'Strapi:Latest' }, 'Input `image-uri`: "Strapi:Latest" is not a valid image reference'],
    [{ 'image-uri': 'registry.example/strapi' }, 'has no tag or digest'],
    [{ 'wait-minutes': '0' }, 'Input `wait-minutes` must be between 1 and 120, got 0.'],
    [{ 'wait-minutes': '121' }, 'Input `wait-minutes` must be between 1 and 120, got 121.'],
    [{ 'poll-seconds': '30' }, 'Input `poll-seconds` must be between 10 and 15, got 30.'],
    [{ 'poll-seconds': '5' }, 'Input `poll-seconds` must be between 10 and 15, got 5.'],
    [{ 'poll-seconds': '10s' }, 'Input `poll-seconds` must be a whole number, got "10s".'],
    [{ 'max-task-failures': '-1' }, 'Input `max-task-failures` must be between 0 and 50, got -1.'],
    [{ 'desired-count': 'two' }, 'Input `desired-count` must be a whole number, got "two".'],
    [{ 'rollback-on-failure': 'yes' }, 'Input `rollback-on-failure` must be true or false, got "yes".'],
    [
      { 'environment-variables': 'JUST_A_NAME' },
      'Input `environment-variables`: expected KEY=value, got "JUST_A_NAME".',
    ],
    [
      { 'environment-variables': '1BAD=x' },
      'Input `environment-variables`: "1BAD" is not a valid variable name.',
    ],
    [
      { secrets: 'DATABASE_URL=' },
      'Input `secrets`: DATABASE_URL must be the ARN of a Secrets Manager secret or an SSM parameter',
    ],
    // A pasted password must never become a valueFrom in the task definition.
    [
      { secrets: 'DATABASE_PASSWORD=hunter2-correct-horse' },
      'Input `secrets`: DATABASE_PASSWORD must be the ARN',
    ],
    [{ secrets: 'APP_KEYS=/strapi/app-keys' }, 'Input `secrets`: APP_KEYS must be the ARN'],
    // The content-schema guard's inputs.
    [
      { 'allow-destructive-schema': 'yes' },
      'Input `allow-destructive-schema` must be true or false, got "yes".',
    ],
    [{ snapshot: 'sometimes' }, 'Input `snapshot` must be one of auto, always, never; got "sometimes".'],
    [{ snapshot: 'AUTO' }, 'Input `snapshot` must be one of auto, always, never; got "AUTO".'],
    [{ 'db-instance': '1strapi' }, 'Input `db-instance`: "1strapi" is not an RDS DB instance identifier'],
    [
      { 'db-instance': 'strapi--db' },
      'Input `db-instance`: "strapi--db" is not an RDS DB instance identifier',
    ],
    [
      { 'db-instance': 'strapi-db-' },
      'Input `db-instance`: "strapi-db-" is not an RDS DB instance identifier',
    ],
    [{ 'db-instance': `s${'a'.repeat(63)}` }, 'is not an RDS DB instance identifier'],
    [{ 'db-instance': 'strapi_db' }, 'Input `db-instance`: "strapi_db" is not an RDS DB instance identifier'],
  ])('%j -> ConfigurationError %s', (values, message) => {
    expect(() => read(values)).toThrow(ConfigurationError);
    expect(() => read(values)).toThrow(message);
  });

  test('a secret value pasted where its ARN belongs is not repeated in the error', () => {
    expect(() => read({ secrets: 'DATABASE_PASSWORD=hunter2-correct-horse' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });

  test('every action.yml input of deploy-service is read', () => {
    const reader = new InputReader(mapInputSource({ ...REQUIRED, 'desired-count': '1' }));
    readDeployServiceInputs(reader);
    expect([...reader.names].sort()).toEqual(
      [
        'allow-destructive-schema',
        'aws-region',
        'cluster',
        'container-name',
        'db-instance',
        'desired-count',
        'environment-variables',
        'force-new-deployment',
        'image-uri',
        'job-summary',
        'max-task-failures',
        'poll-seconds',
        'rollback-on-failure',
        'run-before',
        'run-before-minutes',
        'secrets',
        'service',
        'service-url',
        'smoke-path',
        'smoke-test',
        'smoke-test-seconds',
        'smoke-token',
        'snapshot',
        'task-definition',
        'wait-for-idle',
        'wait-minutes',
      ].sort(),
    );
  });

  test('actions/deploy-service/action.yml declares exactly the inputs the code reads, with the same defaults', () => {
    const action = parse(
      readFileSync(join(__dirname, '../../../actions/deploy-service/action.yml'), 'utf8'),
    ) as {
      inputs: Record<string, { default?: string; required?: boolean }>;
      outputs: Record<string, unknown>;
      runs: { using: string; main: string };
    };
    const { kit } = recordingActionKit(
      { ...REQUIRED, 'desired-count': '1' },
      { now: () => 0, sleep: async () => undefined },
    );
    // What deployServiceAction reads: the deploy inputs, the GitHub history's, the summary's.
    readDeployServiceInputs(kit.inputs);
    readGitHubSettings(kit, kit.inputs.optional('service-url'));
    readSummaryLogLines(kit.inputs);
    expect(Object.keys(action.inputs).sort()).toEqual([...kit.inputs.names].sort());
    expect(action.runs).toEqual({ using: 'node24', main: '../../dist/deploy-service/index.js' });
    expect(Object.keys(action.outputs).sort()).toEqual([
      'deployment-id',
      'previous-task-definition-arn',
      'status',
      'task-definition-arn',
    ]);
    // The defaults documented in action.yml are the ones the code applies when the input is empty.
    const fromDefaults = readDeployServiceInputs(
      new InputReader(
        mapInputSource({
          ...REQUIRED,
          ...Object.fromEntries(
            Object.entries(action.inputs).flatMap(([k, v]) =>
              v.default !== undefined ? [[k, v.default]] : [],
            ),
          ),
        }),
      ),
    );
    expect(fromDefaults).toEqual(read({}));
    expect(
      Object.entries(action.inputs)
        .filter(([, v]) => v.required)
        .map(([k]) => k)
        .sort(),
    ).toEqual(['cluster', 'image-uri', 'service']);
  });
});

describe('parseImageUri', () => {
  test.each([
    ['strapi:1.0', { registry: undefined, repository: 'strapi', tag: '1.0' }],
    ['team/strapi:v2', { registry: undefined, repository: 'team/strapi', tag: 'v2' }],
    ['localhost:5000/strapi:dev', { registry: 'localhost:5000', repository: 'strapi', tag: 'dev' }],
    [
      '123456789012.dkr.ecr.ap-south-1.amazonaws.com/org/strapi:4b3c2d1',
      { registry: '123456789012.dkr.ecr.ap-south-1.amazonaws.com', repository: 'org/strapi', tag: '4b3c2d1' },
    ],
    [
      'ghcr.io/example/strapi:1.2.3@sha256:' + 'b'.repeat(64),
      { registry: 'ghcr.io', repository: 'example/strapi', tag: '1.2.3', digest: 'sha256:' + 'b'.repeat(64) },
    ],
  ])('%s', (uri, expected) => {
    expect(parseImageUri(uri)).toEqual(expected);
  });

  test.each([
    '',
    'strapi app:1',
    'Strapi:1',
    'registry.example/Team/strapi:1',
    'strapi:',
    'strapi@sha256:short',
    'https://registry.example/strapi:1',
    'strapi:tag with space',
  ])('"%s" is rejected', (uri) => {
    expect(parseImageUri(uri)).toBeUndefined();
    expect(() => checkImageUri(uri)).toThrow(ConfigurationError);
  });
});
