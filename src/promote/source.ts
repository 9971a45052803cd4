import { DescribeImagesCommand, type ECRClient } from '@aws-sdk/client-ecr';
import type { ECSClient } from '@aws-sdk/client-ecs';
import { awsErrorName, explainAwsError } from '../core/aws-errors';
import { ConfigurationError, errorMessage } from '../core/errors';
import type { Reporter } from '../core/reporter';
import { parseImageUri } from '../deploy/image-uri';
import { shortTaskDefinitionName } from '../ecs/names';
import { isPlaceholderImage } from '../ecs/placeholder';
import { REVISION_TAGS, tagValue } from '../ecs/revision-tags';
import { deploymentInFlight, describeDeployment, findService, primaryTaskDefinition } from '../ecs/service';
import { describeRevision, mainImage } from '../ecs/task-definitions';
import { readGitHubReleases, type GitHubDeploymentsTarget, type ReleaseOutcome } from '../release-history';
import type { PromotionSource } from './inputs';

/** What staging runs, proven: the exact image (by digest) and where its verdict was read. */
export interface ProvenRelease {
  /** `registry/repository@sha256:…`: what production gets, byte for byte the image staging runs. */
  image: string;
  digest: string;
  /** The image as staging's task definition names it (a tag, when it was deployed by tag). */
  imageAsDeployed: string;
  taskDefinitionArn: string;
  gitSha?: string | undefined;
  outcome: ReleaseOutcome;
  /** Where the outcome was read: staging's GitHub deployments, or the revision's ECS tag. */
  verdictFrom: 'github-deployments' | 'ecs-tags';
}

export interface PromotionSourceDeps {
  ecs: ECSClient;
  ecr: ECRClient;
  reporter: Reporter;
  /** Staging's GitHub deployments, when readable; else the revision's `deploy-result` tag decides. */
  github?: GitHubDeploymentsTarget | undefined;
}

const ECR_HOST = /^(\d{12})\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?$/;

/**
 * The release staging runs, if it may be promoted: staging idle (no rollout in flight: its verdict is not
 * in yet), its running revision recorded as a success in staging's history, and its image resolved to a
 * digest. Anything else is a ConfigurationError naming the source input: nothing has been changed.
 */
export async function readProvenRelease(
  deps: PromotionSourceDeps,
  source: PromotionSource,
  containerName?: string,
): Promise<ProvenRelease> {
  const service = await findService(deps.ecs, source.cluster, source.service);
  const busy = deploymentInFlight(service);
  if (busy) {
    throw new ConfigurationError(
      ` (${source.service}) is mid-deployment (${describeDeployment(busy)}): promote once its rollout has ended and been judged.`,
      'source-service',
    );
  }
  const taskDefinitionArn = primaryTaskDefinition(service);
  const revision = await describeRevision(deps.ecs, taskDefinitionArn);
  const imageAsDeployed = mainImage(revision.taskDefinition, containerName);
  const name = shortTaskDefinitionName(taskDefinitionArn);
  if (!imageAsDeployed || isPlaceholderImage(imageAsDeployed)) {
    throw new ConfigurationError(
      ` (${source.service}) runs ${name}, which holds no release (${imageAsDeployed ?? 'no image'}): deploy to ${source.environment} first.`,
      'source-service',
    );
  }

  const verdict = await readOutcome(
    deps,
    source,
    taskDefinitionArn,
    tagValue(revision.tags, REVISION_TAGS.deployResult),
  );
  if (verdict.outcome !== 'success') {
    const what =
      verdict.outcome === 'failure'
        ? 'failed there'
        : verdict.outcome === 'in-progress'
          ? 'is still being rolled out there'
          : 'was never judged there (its run was cancelled or died)';
    throw new ConfigurationError(
      ` (${source.service}) runs ${name} (${imageAsDeployed}), whose release ${what} according to ${
        verdict.from === 'github-deployments'
          ? `the GitHub deployments of "${source.environment}"`
          : `its ${REVISION_TAGS.deployResult} tag`
      }: only a release that succeeded on ${source.environment} is promoted. Nothing was changed.`,
      'source-service',
    );
  }

  const digest = await resolveDigest(deps.ecr, imageAsDeployed);
  const ref = parseImageUri(imageAsDeployed);
  const repository = ref?.registry ? `${ref.registry}/${ref.repository}` : (ref?.repository ?? '');
  return {
    image: `${repository}@${digest}`,
    digest,
    imageAsDeployed,
    taskDefinitionArn,
    gitSha: tagValue(revision.tags, REVISION_TAGS.gitSha),
    outcome: verdict.outcome,
    verdictFrom: verdict.from,
  };
}

/**
 * How the running revision's release ended on staging: the newest GitHub deployment of that revision in
 * the source environment when the history is readable and has one, else the revision's `deploy-result` tag.
 */
async function readOutcome(
  deps: PromotionSourceDeps,
  source: PromotionSource,
  taskDefinitionArn: string,
  tagResult: string | undefined,
): Promise<{ outcome: ReleaseOutcome; from: ProvenRelease['verdictFrom'] }> {
  if (deps.github) {
    try {
      const records = await readGitHubReleases(deps.github, source);
      const record = records.find((r) => r.taskDefinitionArn === taskDefinitionArn);
      if (record) return { outcome: record.outcome, from: 'github-deployments' };
      deps.reporter.info(
        `No GitHub deployment of "${source.environment}" records ${shortTaskDefinitionName(taskDefinitionArn)}; reading its ECS tag.`,
      );
    } catch (error) {
      deps.reporter.warning(
        `Could not read the GitHub deployments of "${source.environment}" (${errorMessage(error)}); reading the revision's ECS tag.`,
      );
    }
  }
  const outcome: ReleaseOutcome =
    tagResult === 'success' ? 'success' : tagResult === 'failure' ? 'failure' : 'unknown';
  return { outcome, from: 'ecs-tags' };
}

/**
 * `sha256:…` of the image: read from the reference when it is pinned, else looked up in ECR by tag (tags
 * move; a promotion must deploy what staging proved, so production is pinned to the digest).
 */
async function resolveDigest(ecr: ECRClient, image: string): Promise<string> {
  const ref = parseImageUri(image);
  if (ref?.digest) return ref.digest;
  const registry = ref?.registry ? ECR_HOST.exec(ref.registry) : undefined;
  if (!ref || !registry) {
    throw new ConfigurationError(
      `: the source service runs ${image}, a tag outside ECR; promote needs a digest-pinned image (deploy the \`image-uri\` build-push outputs).`,
      'source-service',
    );
  }
  try {
    const out = await ecr.send(
      new DescribeImagesCommand({
        registryId: registry[1],
        repositoryName: ref.repository,
        imageIds: [{ imageTag: ref.tag ?? 'latest' }],
      }),
    );
    const digest = out.imageDetails?.[0]?.imageDigest;
    if (!digest) throw new Error('no imageDigest in the answer');
    return digest;
  } catch (error) {
    if (awsErrorName(error) === 'ImageNotFoundException') {
      throw new ConfigurationError(
        `: the image ${image} that the source service runs is no longer in ECR; nothing to promote.`,
        'source-service',
      );
    }
    throw explainAwsError(error, 'ecr:DescribeImages');
  }
}
