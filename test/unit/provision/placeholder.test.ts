import { DescribeTaskDefinitionCommand, ECSClient } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { resolveDeployStart, START_FROM_TAG, startFromArn } from '../../../src/ecs/placeholder';

const ecs = mockClient(ECSClient);
const STRAPI_TD = 'arn:aws:ecs:ap-south-1:123456789012:task-definition/strapi-prod-strapi:1';
// Hand-written, shaped as DescribeTaskDefinition (include: TAGS) answers.
const placeholder = {
  taskDefinition: {
    taskDefinitionArn: 'arn:aws:ecs:ap-south-1:123456789012:task-definition/strapi-prod-placeholder:1',
    containerDefinitions: [{ name: 'strapi', image: 'public.ecr.aws/docker/library/nginx:1.27-alpine' }],
  },
  tags: [{ key: START_FROM_TAG, value: STRAPI_TD }],
};
const strapi = {
  taskDefinition: {
    taskDefinitionArn: STRAPI_TD,
    containerDefinitions: [
      { name: 'strapi', secrets: [{ name: 'APP_KEYS', valueFrom: 'arn:aws:secretsmanager:…' }] },
    ],
  },
  tags: [],
};

beforeEach(() => ecs.reset());

describe('where a deploy starts (wiring for the deploy engine)', () => {
  test('from the placeholder: the Strapi revision it names, with its secrets', async () => {
    ecs.on(DescribeTaskDefinitionCommand, { taskDefinition: STRAPI_TD, include: ['TAGS'] }).resolves(strapi);
    await expect(resolveDeployStart(new ECSClient({ region: 'ap-south-1' }), placeholder)).resolves.toEqual(
      strapi,
    );
  });

  test('from any other revision: that revision, without an API call', async () => {
    await expect(resolveDeployStart(new ECSClient({ region: 'ap-south-1' }), strapi)).resolves.toBe(strapi);
    expect(ecs.calls()).toHaveLength(0);
  });

  test.each([
    [[], undefined],
    [[{ key: START_FROM_TAG, value: 'strapi-prod-strapi:1' }], undefined],
    [[{ key: 'other', value: STRAPI_TD }], undefined],
    [[{ key: START_FROM_TAG, value: STRAPI_TD }], STRAPI_TD],
  ])('startFromArn(%j) = %s', (tags, expected) => {
    expect(startFromArn(tags)).toBe(expected);
  });
});
