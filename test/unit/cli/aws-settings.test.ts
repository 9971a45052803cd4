import { resolveCliRegion } from '../../../src/cli/aws-settings';

// The profile's own region (read by the SDK from the shared config file) is covered end to end in
// test/integration/cli/shared-config.test.ts; these are the settings that come before it.
describe('the region: --region, then the variables the AWS CLI reads, then the profile (the SDK)', () => {
  test.each<[string, string | undefined, NodeJS.ProcessEnv, string]>([
    [
      '--region wins',
      'ap-south-1',
      { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-north-1' },
      'ap-south-1',
    ],
    ['AWS_REGION', undefined, { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-north-1' }, 'eu-west-1'],
    ['AWS_DEFAULT_REGION', undefined, { AWS_DEFAULT_REGION: 'eu-north-1' }, 'eu-north-1'],
    ['a blank flag is no flag', '  ', { AWS_REGION: 'eu-west-1' }, 'eu-west-1'],
  ])('%s', async (_name, flag, env, region) => {
    await expect(resolveCliRegion(flag, env, 'any-profile')).resolves.toBe(region);
  });
});
