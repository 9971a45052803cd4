import { ConfigurationError } from '../../../src/core/errors';
import {
  arnRegion,
  checkArnRegion,
  parseTaskDefinitionArn,
  shortTaskDefinitionName,
} from '../../../src/ecs/names';

describe('ECS names', () => {
  test.each([
    ['arn:aws:ecs:eu-west-1:123456789012:cluster/prod', 'eu-west-1'],
    ['arn:aws-us-gov:ecs:us-gov-west-1:123456789012:service/prod/cms', 'us-gov-west-1'],
    ['prod', undefined],
  ])('arnRegion(%s) = %s', (value, region) => {
    expect(arnRegion(value)).toBe(region);
  });

  test.each([
    ['a name', 'prod', undefined],
    ['an ARN of the same region', 'arn:aws:ecs:ap-south-1:123456789012:cluster/prod', undefined],
    [
      'an ARN of another region',
      'arn:aws:ecs:eu-west-1:123456789012:cluster/prod',
      'Input `cluster`: "arn:aws:ecs:eu-west-1:123456789012:cluster/prod" is in eu-west-1, but the step works in ap-south-1',
    ],
  ])('checkArnRegion: %s', (_name, value, error) => {
    const check = (): void => checkArnRegion(value, 'ap-south-1', 'cluster');
    if (error) {
      expect(check).toThrow(ConfigurationError);
      expect(check).toThrow(error);
    } else {
      expect(check).not.toThrow();
    }
  });

  test.each([
    [
      'arn:aws:ecs:ap-south-1:123456789012:task-definition/strapi:7',
      { family: 'strapi', revision: 7 },
      'strapi:7',
    ],
    ['strapi:7', { family: 'strapi', revision: 7 }, 'strapi:7'],
    ['strapi', undefined, 'strapi'],
  ])('parseTaskDefinitionArn(%s)', (value, parsed, short) => {
    expect(parseTaskDefinitionArn(value)).toEqual(parsed);
    expect(shortTaskDefinitionName(value)).toBe(short);
  });
});
