import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveCliRegion } from '../../../src/cli/cli';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-region-'));
const CONFIG = path.join(dir, 'config');
fs.writeFileSync(
  CONFIG,
  [
    '[default]',
    'region = us-east-2',
    '',
    '[profile oncall]',
    'output = json',
    'region=eu-central-1',
    '',
  ].join('\n'),
);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the CLI finds the region the way the AWS CLI does', () => {
  test.each<[string, string | undefined, NodeJS.ProcessEnv, string]>([
    ['--region wins', 'ap-south-1', { AWS_REGION: 'eu-west-1', AWS_CONFIG_FILE: CONFIG }, 'ap-south-1'],
    ['AWS_REGION', undefined, { AWS_REGION: 'eu-west-1', AWS_CONFIG_FILE: CONFIG }, 'eu-west-1'],
    [
      'AWS_DEFAULT_REGION',
      undefined,
      { AWS_DEFAULT_REGION: 'eu-north-1', AWS_CONFIG_FILE: CONFIG },
      'eu-north-1',
    ],
    [
      'the profile in the shared config',
      undefined,
      { AWS_PROFILE: 'oncall', AWS_CONFIG_FILE: CONFIG },
      'eu-central-1',
    ],
    ['the default profile', undefined, { AWS_CONFIG_FILE: CONFIG }, 'us-east-2'],
  ])('%s', (_name, flag, env, region) => {
    expect(resolveCliRegion(flag, env)).toBe(region);
  });

  test('nowhere: a configuration error naming the input', () => {
    expect(() => resolveCliRegion(undefined, { AWS_PROFILE: 'missing', AWS_CONFIG_FILE: CONFIG })).toThrow(
      'Input `aws-region`: no AWS region is set (nor AWS_REGION or AWS_DEFAULT_REGION).',
    );
  });
});
