import { readFileSync } from 'node:fs';
import {
  READ_ONLY_FIELDS,
  parseTaskDefinitionFile,
  renderTaskDefinition,
  selectContainer,
} from '../../../src/deploy';
import { ConfigurationError } from '../../../src/core/errors';
import { fixturePath, taskDefinitionFixture } from './fixtures';

const NEW_IMAGE = '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi:9f8e7d6';

describe('renderTaskDefinition over saved DescribeTaskDefinition responses', () => {
  test.each([
    // fixture, container-name input, container expected to get the image, untouched containers
    ['describe-task-definition-strapi', undefined, 'strapi', []],
    ['describe-task-definition-firelens-sidecar', undefined, 'cms', ['log_router']],
    ['describe-task-definition-firelens-sidecar', 'log_router', 'log_router', ['cms']],
    ['describe-task-definition-two-essential', 'api', 'api', ['web']],
  ] as const)('%s, container-name=%s -> image on %s', (name, containerName, expected, untouched) => {
    const source = taskDefinitionFixture(name);
    const rendered = renderTaskDefinition(source, { image: NEW_IMAGE, containerName });
    expect(rendered.containerName).toBe(expected);
    const containers = rendered.input.containerDefinitions ?? [];
    expect(containers.find((c) => c.name === expected)?.image).toBe(NEW_IMAGE);
    for (const other of untouched) {
      const before = source.taskDefinition.containerDefinitions?.find((c) => c.name === other);
      expect(containers.find((c) => c.name === other)).toEqual(before);
    }
    expect(rendered.previousImage).toBe(
      source.taskDefinition.containerDefinitions?.find((c) => c.name === expected)?.image,
    );
  });

  test.each([
    ['describe-task-definition-strapi', undefined],
    ['describe-task-definition-firelens-sidecar', undefined],
    ['describe-task-definition-two-essential', 'api'],
  ])('%s: read-only fields and empty lists are stripped, the rest is kept', (name, containerName) => {
    const source = taskDefinitionFixture(name);
    const { input, droppedFields } = renderTaskDefinition(source, { image: NEW_IMAGE, containerName });
    for (const field of READ_ONLY_FIELDS) expect(input).not.toHaveProperty(field);
    expect(input).not.toHaveProperty('inferenceAccelerators');
    expect(input).not.toHaveProperty('placementConstraints');
    expect(droppedFields).toEqual([]);
    const td = source.taskDefinition;
    expect(input).toMatchObject({
      family: td.family,
      networkMode: td.networkMode,
      cpu: td.cpu,
      memory: td.memory,
      requiresCompatibilities: td.requiresCompatibilities,
    });
    if (td.volumes?.length) expect(input.volumes).toEqual(td.volumes);
    if (td.ephemeralStorage) expect(input.ephemeralStorage).toEqual(td.ephemeralStorage);
    if (td.executionRoleArn) expect(input.executionRoleArn).toBe(td.executionRoleArn);
    // The source object is not modified (it may be reused for a rollback report).
    expect(td.containerDefinitions?.[0]?.image).not.toBe(NEW_IMAGE);
  });

  test('the exact request for the Strapi task definition', () => {
    const { input } = renderTaskDefinition(taskDefinitionFixture('describe-task-definition-strapi'), {
      image: NEW_IMAGE,
      environment: { NODE_ENV: 'production', STRAPI_TELEMETRY_DISABLED: 'true', JWT_SECRET: 'now-plain' },
      secrets: {
        DATABASE_URL: 'arn:aws:secretsmanager:ap-south-1:123456789012:secret:strapi/db-v2-XyZ',
        HOST: 'arn:aws:ssm:ap-south-1:123456789012:parameter/host',
      },
      revisionTags: { 'git-sha': 'c0ffee0000000000000000000000000000000001', 'run-id': '42' },
    });
    const strapi = input.containerDefinitions?.[0];
    expect(strapi?.environment).toEqual([
      { name: 'NODE_ENV', value: 'production' },
      { name: 'DATABASE_CLIENT', value: 'postgres' },
      { name: 'PORT', value: '1337' },
      { name: 'STRAPI_TELEMETRY_DISABLED', value: 'true' },
      { name: 'JWT_SECRET', value: 'now-plain' },
    ]);
    // HOST moved from environment to secrets; JWT_SECRET moved the other way: never in both lists.
    expect(strapi?.secrets).toEqual([
      {
        name: 'DATABASE_URL',
        valueFrom: 'arn:aws:secretsmanager:ap-south-1:123456789012:secret:strapi/db-v2-XyZ',
      },
      {
        name: 'APP_KEYS',
        valueFrom: 'arn:aws:ssm:ap-south-1:123456789012:parameter/strapi/production/APP_KEYS',
      },
      { name: 'HOST', valueFrom: 'arn:aws:ssm:ap-south-1:123456789012:parameter/host' },
    ]);
    expect(input.tags).toEqual([
      { key: 'app', value: 'strapi' },
      { key: 'git-sha', value: 'c0ffee0000000000000000000000000000000001' },
      { key: 'run-id', value: '42' },
    ]);
    expect(strapi?.healthCheck?.command).toEqual([
      'CMD-SHELL',
      'wget -qO- http://127.0.0.1:1337/_health || exit 1',
    ]);
    expect(input.enableFaultInjection).toBe(false);
    expect(input.runtimePlatform).toEqual({ cpuArchitecture: 'X86_64', operatingSystemFamily: 'LINUX' });
  });

  test('reserved aws: tags are not copied (RegisterTaskDefinition rejects them); others are kept', () => {
    const { input } = renderTaskDefinition(
      taskDefinitionFixture('describe-task-definition-firelens-sidecar'),
      {
        image: NEW_IMAGE,
        revisionTags: { 'git-sha': 'abc', 'run-id': '' },
      },
    );
    expect(input.tags).toEqual([
      { key: 'team', value: 'content' },
      { key: 'git-sha', value: 'abc' },
    ]);
  });

  test('no tags at all leaves tags out of the request', () => {
    const { input } = renderTaskDefinition(taskDefinitionFixture('describe-task-definition-two-essential'), {
      image: NEW_IMAGE,
      containerName: 'web',
    });
    expect(input).not.toHaveProperty('tags');
  });

  test('unknown fields of a hand-written file are dropped and reported', () => {
    const source = taskDefinitionFixture('describe-task-definition-strapi');
    (source.taskDefinition as Record<string, unknown>).containerDefinitionz = [];
    expect(renderTaskDefinition(source, { image: NEW_IMAGE }).droppedFields).toEqual([
      'containerDefinitionz',
    ]);
  });
});

describe('selectContainer', () => {
  test.each([
    [
      'describe-task-definition-two-essential',
      undefined,
      /no container is named "strapi" and 2 containers are essential \(web, api\)/,
    ],
    ['describe-task-definition-strapi', 'app', /no container "app" in the task definition; it has strapi/],
    [
      'describe-task-definition-firelens-sidecar',
      'strapi',
      /no container "strapi" .* it has cms, log_router/,
    ],
  ] as const)(
    '%s, container-name=%s is a ConfigurationError listing the names',
    (name, requested, message) => {
      const containers = taskDefinitionFixture(name).taskDefinition.containerDefinitions ?? [];
      expect(() => selectContainer(containers, requested)).toThrow(ConfigurationError);
      expect(() => selectContainer(containers, requested)).toThrow(message);
    },
  );
});

describe('parseTaskDefinitionFile', () => {
  test.each([
    ['register-task-definition-input', 'strapi-staging', [{ key: 'env', value: 'staging' }]],
    [
      'describe-task-definition-strapi',
      'strapi-production',
      [
        { key: 'app', value: 'strapi' },
        { key: 'git-sha', value: '0a1b2c3d4e5f60718293a4b5c6d7e8f901234567' },
        { key: 'run-id', value: '11000000001' },
      ],
    ],
  ])('%s: family %s and its tags', (name, family, tags) => {
    const parsed = parseTaskDefinitionFile(readFileSync(fixturePath(name), 'utf8'), `${name}.json`);
    expect(parsed.taskDefinition.family).toBe(family);
    expect(parsed.tags).toEqual(tags);
    expect(parsed.taskDefinition).not.toHaveProperty('tags');
  });

  test.each([
    ['{ nope', /is not valid JSON/],
    ['[]', /must hold a JSON object/],
    ['{"family":"x"}', /has no containerDefinitions/],
    ['{"containerDefinitions":[{"name":"a"}]}', /has no family/],
  ])('%s -> %s', (text, message) => {
    expect(() => parseTaskDefinitionFile(text, 'td.json')).toThrow(message);
  });
});
