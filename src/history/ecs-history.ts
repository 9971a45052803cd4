import {
  DescribeTaskDefinitionCommand,
  ListTaskDefinitionsCommand,
  type ECSClient,
  type Tag,
  type TaskDefinition,
} from '@aws-sdk/client-ecs';
import { REVISION_TAG_GIT_SHA, REVISION_TAG_RUN_ID } from '../deploy/render';
import { parseTaskDefinitionArn, type ReleaseOutcome, type ReleaseRecord } from './release';

/** Tag keys the deploy engine writes on every revision it registers, so the history survives without GitHub. */
export const GIT_SHA_TAG = REVISION_TAG_GIT_SHA;
const RUN_ID_TAG = REVISION_TAG_RUN_ID;
/** Written after the rollout when known: `success` or `failure`. Older revisions may lack it. */
export const DEPLOY_RESULT_TAG = 'deploy-result';
/** On a revision re-registered by a rollback: the INACTIVE revision it was copied from. */
export const RESTORED_FROM_TAG = 'restored-from';

export interface DescribedRevision {
  taskDefinition: TaskDefinition;
  tags: Tag[];
}

/**
 * DescribeTaskDefinition with tags, or undefined when the revision does not exist (ECS answers a
 * ClientException "Unable to describe task definition" for an unknown family or revision).
 */
export async function describeRevision(
  ecs: ECSClient,
  taskDefinition: string,
): Promise<DescribedRevision | undefined> {
  try {
    const out = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition, include: ['TAGS'] }));
    if (!out.taskDefinition?.taskDefinitionArn) return undefined;
    return { taskDefinition: out.taskDefinition, tags: out.tags ?? [] };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; message?: string } | null;
  return (
    (e?.name === 'ClientException' || e?.name === 'InvalidParameterException') &&
    /unable to describe|not found|does not exist|invalid revision/i.test(e.message ?? '')
  );
}

/** ARNs of the family's revisions, ACTIVE and INACTIVE, newest (highest revision) first. */
async function listFamilyRevisionArns(ecs: ECSClient, family: string, limit = 50): Promise<string[]> {
  const arns: string[] = [];
  for (const status of ['ACTIVE', 'INACTIVE'] as const) {
    let nextToken: string | undefined;
    do {
      const page = await ecs.send(
        new ListTaskDefinitionsCommand({
          familyPrefix: family,
          status,
          sort: 'DESC',
          nextToken,
          maxResults: 100,
        }),
      );
      arns.push(...(page.taskDefinitionArns ?? []));
      nextToken = page.nextToken;
      // Newest first: once a page holds enough revisions of this status, older pages cannot matter.
    } while (nextToken && arns.length < limit * 2);
  }
  return [...new Set(arns)]
    .filter((arn) => parseTaskDefinitionArn(arn)?.family === family)
    .sort((a, b) => (parseTaskDefinitionArn(b)?.revision ?? 0) - (parseTaskDefinitionArn(a)?.revision ?? 0))
    .slice(0, limit);
}

export function tagValue(tags: readonly Tag[], key: string): string | undefined {
  const value = tags.find((t) => t.key === key)?.value;
  return value === undefined || value === '' ? undefined : value;
}

/**
 * One revision as a release record: `ecs-tags` when the engine tagged it with the git SHA,
 * `ecs-revisions` when it is a bare revision (registered by hand, or before this tool was used).
 */
function releaseFromRevision(revision: DescribedRevision, containerName?: string): ReleaseRecord {
  const td = revision.taskDefinition;
  const arn = td.taskDefinitionArn as string;
  const name = parseTaskDefinitionArn(arn);
  const gitSha = tagValue(revision.tags, GIT_SHA_TAG);
  const result = tagValue(revision.tags, DEPLOY_RESULT_TAG);
  const outcome: ReleaseOutcome =
    result === 'success' ? 'success' : result === 'failure' ? 'failure' : 'unknown';
  return {
    source: gitSha ? 'ecs-tags' : 'ecs-revisions',
    kind: tagValue(revision.tags, RESTORED_FROM_TAG) ? 'rollback' : 'deploy',
    taskDefinitionArn: arn,
    family: name?.family ?? td.family ?? '',
    revision: name?.revision ?? td.revision ?? 0,
    outcome,
    image: mainImage(td, containerName),
    gitSha,
    runId: tagValue(revision.tags, RUN_ID_TAG),
    createdAt: td.registeredAt?.toISOString(),
    revisionStatus: td.status,
  };
}

/** The image of the named container, else of the `strapi` container, else of the first essential one. */
export function mainImage(td: TaskDefinition, containerName?: string): string | undefined {
  const containers = td.containerDefinitions ?? [];
  const chosen =
    (containerName ? containers.find((c) => c.name === containerName) : undefined) ??
    containers.find((c) => c.name === 'strapi') ??
    containers.find((c) => c.essential !== false) ??
    containers[0];
  return chosen?.image;
}

/**
 * The family's releases read from ECS alone (revisions and their tags), newest first.
 * One DescribeTaskDefinition per revision, so `limit` bounds the cost.
 */
export async function readEcsReleases(ecs: ECSClient, family: string, limit = 25): Promise<ReleaseRecord[]> {
  const arns = await listFamilyRevisionArns(ecs, family, limit);
  const records: ReleaseRecord[] = [];
  for (const arn of arns) {
    const described = await describeRevision(ecs, arn);
    if (described) records.push(releaseFromRevision(described));
  }
  return records;
}
