import type { ECRClient, ImageIdentifier } from '@aws-sdk/client-ecr';
import { createAwsClient } from '../aws/client-factory';
import { awsErrorName } from '../core/aws-errors';
import { ConfigurationError, errorMessage } from '../core/errors';
import type { Reporter } from '../core/reporter';
import { parseImageUri } from '../deploy/image-uri';

/** `<account>.dkr.ecr.<region>.amazonaws.com`: an ECR registry, and the region it is in. */
const ECR_REGISTRY = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/;

/**
 * A rollback must not point the service at an image ECR no longer has (a lifecycle rule expired it): every
 * task would fail to pull and the service would be down instead of back. So the target's image is looked
 * up first. Only ECR's clear "no such image" refuses; a lookup that cannot be made (no ECR permission, a
 * repository the role cannot see, no answer) leaves a debug line and the rollback goes on, since the image
 * may well exist and the rollout's own diagnosis names a failed pull.
 */
export async function checkRollbackImage(
  image: string | undefined,
  reporter: Reporter,
  /** The job's own client for a region (its credentials, its recorder or replay), else one is made. */
  ecrFor?: (region: string) => ECRClient | Promise<ECRClient> | undefined,
): Promise<void> {
  const ref = image ? parseImageUri(image) : undefined;
  const registry = ref?.registry ? ECR_REGISTRY.exec(ref.registry) : undefined;
  if (!ref || !registry) return;
  const imageId: ImageIdentifier | undefined = ref.digest
    ? { imageDigest: ref.digest }
    : ref.tag
      ? { imageTag: ref.tag }
      : undefined;
  if (!imageId) return;
  // ECR's SDK module is loaded here, when there is an image to look up: a rollback starts with ECS calls,
  // and the bundle's start does not pay for a client it may never use (its own chunk).
  const { DescribeImagesCommand, ECRClient } = await import('@aws-sdk/client-ecr');
  const region = registry[2] as string;
  try {
    const ecr = (await ecrFor?.(region)) ?? createAwsClient(ECRClient, { region });
    await ecr.send(
      new DescribeImagesCommand({
        registryId: registry[1],
        repositoryName: ref.repository,
        imageIds: [imageId],
      }),
    );
  } catch (error) {
    if (awsErrorName(error) === 'ImageNotFoundException') {
      throw new ConfigurationError(
        `The rollback target's image ${image} is no longer in ECR (a lifecycle rule may have expired it): ` +
          'its tasks could not start. Pick another target, or push that image again.',
      );
    }
    reporter.debug(
      `Could not check that ${image} is still in ECR (${errorMessage(error)}); rolling back anyway.`,
    );
  }
}
