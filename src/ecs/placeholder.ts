import type { ECSClient, Tag } from '@aws-sdk/client-ecs';
import { describeRevision, type DescribedRevision } from './task-definitions';

/**
 * What the service runs before the first Strapi image exists (templates/strapi-baseline.yaml,
 * `PlaceholderTaskDefinition`): a static responder pulled from ECR Public, which a fresh account can pull
 * without credentials and without Docker Hub's anonymous rate limit. It answers 204 on every path of port
 * 1337 and has no environment, no secrets, no task role: there is nothing it could reveal.
 */
export const PLACEHOLDER_IMAGE = 'public.ecr.aws/docker/library/nginx:1.27-alpine';

/**
 * Placeholders of earlier templates. traefik/whoami printed its environment (all seven Strapi secrets) at
 * `?env=true`: a service still running it has never been deployed, and must not keep it on an update.
 */
export const LEGACY_PLACEHOLDER_IMAGES = ['traefik/whoami:v1.10'];

/** Whether a container image is a placeholder (this one or an earlier one), not a Strapi release. */
export function isPlaceholderImage(image: string | undefined): boolean {
  return image === PLACEHOLDER_IMAGE || LEGACY_PLACEHOLDER_IMAGES.includes(image ?? '');
}

/** Tag of the placeholder revision naming the Strapi revision a first deploy must start from. */
export const START_FROM_TAG = 'strapi-deploy:start-from';

/** The Strapi revision a tagged placeholder points at; undefined for any other revision. */
export function startFromArn(tags: readonly Tag[] | undefined): string | undefined {
  const value = tags?.find((t) => t.key === START_FROM_TAG)?.value;
  return value && value.startsWith('arn:') ? value : undefined;
}

/**
 * Where a deploy starts. A deploy starts from the revision the service runs; when that is the
 * placeholder (no secrets, no Strapi environment), it must start from the Strapi revision the placeholder
 * names instead, or the first Strapi task would boot without its configuration.
 */
export async function resolveDeployStart(
  ecs: ECSClient,
  running: DescribedRevision,
): Promise<DescribedRevision> {
  const target = startFromArn(running.tags);
  return target ? describeRevision(ecs, target) : running;
}
