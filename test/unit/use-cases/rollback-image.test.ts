import { DescribeImagesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { ConfigurationError } from '../../../src/core/errors';
import { checkRollbackImage } from '../../../src/use-cases/rollback-image';
import { RecordingReporter } from '../../support/recording-reporter';

const ecr = mockClient(ECRClient);
const REPO = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/strapi';
const DIGEST = `sha256:${'a'.repeat(64)}`;
const named = (name: string, message: string): Error => Object.assign(new Error(message), { name });

describe('a rollback checks its target image is still in ECR', () => {
  beforeEach(() => ecr.reset());

  test.each([
    ['by digest, in the registry and region of the image', `${REPO}@${DIGEST}`, { imageDigest: DIGEST }],
    ['by tag', `${REPO}:v3`, { imageTag: 'v3' }],
  ])('%s', async (_name, image, imageId) => {
    ecr.on(DescribeImagesCommand).resolves({ imageDetails: [{ imageDigest: DIGEST }] });
    const regions: string[] = [];
    await checkRollbackImage(image, new RecordingReporter(), (region) => {
      regions.push(region);
      return new ECRClient({ region });
    });
    expect(ecr.commandCalls(DescribeImagesCommand).map((c) => c.args[0].input)).toEqual([
      { registryId: '123456789012', repositoryName: 'strapi', imageIds: [imageId] },
    ]);
    expect(regions).toEqual(['eu-west-1']);
  });

  test('an image ECR no longer has: refused before anything changes, saying why', async () => {
    ecr.on(DescribeImagesCommand).rejects(named('ImageNotFoundException', 'The image does not exist'));
    const attempt = checkRollbackImage(`${REPO}:v3`, new RecordingReporter());
    await expect(attempt).rejects.toThrow(ConfigurationError);
    await expect(attempt).rejects.toThrow(/is no longer in ECR \(a lifecycle rule may have expired it\)/);
  });

  test.each([
    ['no ECR permission', named('AccessDeniedException', 'not authorized to perform: ecr:DescribeImages')],
    ['a repository the role cannot see', named('RepositoryNotFoundException', 'repository does not exist')],
  ])('%s: a debug line, and the rollback goes on', async (_name, error) => {
    ecr.on(DescribeImagesCommand).rejects(error);
    const reporter = new RecordingReporter();
    await expect(checkRollbackImage(`${REPO}:v3`, reporter)).resolves.toBeUndefined();
    expect(reporter.lines).toEqual([
      expect.objectContaining({ level: 'debug', message: expect.stringMatching(/^Could not check/) }),
    ]);
  });

  test.each([
    ['not ECR', 'registry.example/strapi:v3'],
    ['no image known', undefined],
  ])('%s: nothing to check', async (_name, image) => {
    await checkRollbackImage(image, new RecordingReporter());
    expect(ecr.calls()).toHaveLength(0);
  });
});
