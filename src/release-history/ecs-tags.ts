import { ListTaskDefinitionsCommand, type ECSClient } from '@aws-sdk/client-ecs';
import { parseTaskDefinitionArn } from '../ecs/names';
import { REVISION_TAGS, tagValue } from '../ecs/revision-tags';
import { findRevision, mainImage, type DescribedRevision } from '../ecs/task-definitions';
import type { ReleaseOutcome, ReleaseRecord } from './release';

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

/**
 * One revision as a release record: `ecs-tags` when this tool registered it (git SHA or run id tag),
 * `ecs-revisions` when it is a bare revision (registered by hand, or before this tool was used). A
 * revision of ours without a `deploy-result` never got a verdict (its run was cancelled or died): unknown.
 */
function releaseFromRevision(revision: DescribedRevision, containerName?: string): ReleaseRecord {
  const td = revision.taskDefinition;
  const arn = td.taskDefinitionArn as string;
  const name = parseTaskDefinitionArn(arn);
  const gitSha = tagValue(revision.tags, REVISION_TAGS.gitSha);
  const runId = tagValue(revision.tags, REVISION_TAGS.runId);
  const result = tagValue(revision.tags, REVISION_TAGS.deployResult);
  const outcome: ReleaseOutcome =
    result === 'success' ? 'success' : result === 'failure' ? 'failure' : 'unknown';
  return {
    source:
      gitSha || runId || tagValue(revision.tags, REVISION_TAGS.restoredFrom) ? 'ecs-tags' : 'ecs-revisions',
    kind: tagValue(revision.tags, REVISION_TAGS.restoredFrom) ? 'rollback' : 'deploy',
    taskDefinitionArn: arn,
    family: name?.family ?? td.family ?? '',
    revision: name?.revision ?? td.revision ?? 0,
    outcome,
    image: mainImage(td, containerName),
    gitSha,
    runId,
    createdAt: td.registeredAt?.toISOString(),
    revisionStatus: td.status,
    dbSnapshot: tagValue(revision.tags, REVISION_TAGS.dbSnapshot),
  };
}

/**
 * The family's releases read from ECS alone (revisions and their tags), newest first.
 * One DescribeTaskDefinition per revision, so `limit` bounds the cost.
 */
export async function readEcsReleases(ecs: ECSClient, family: string, limit = 25): Promise<ReleaseRecord[]> {
  const arns = await listFamilyRevisionArns(ecs, family, limit);
  const records: ReleaseRecord[] = [];
  for (const arn of arns) {
    const described = await findRevision(ecs, arn);
    if (described) records.push(releaseFromRevision(described));
  }
  return records;
}
