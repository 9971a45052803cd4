import type { ECSClient } from '@aws-sdk/client-ecs';
import { ConfigurationError } from '../core/errors';
import { shortTaskDefinitionName } from '../ecs/names';
import { REVISION_TAGS, tagValue } from '../ecs/revision-tags';
import { findRevision, mainImage, type DescribedRevision } from '../ecs/task-definitions';
import { readEcsReleases, type HistorySource, type ReleaseRecord } from '../release-history';
import { describeSpec, imageMatches, type TargetSpec } from './target';

/** How the target was found: a history source, or the revision/ARN the user named directly. */
export type ResolvedBy = HistorySource | 'task-definition';

export interface CurrentRelease {
  taskDefinitionArn: string;
  family: string;
  revision: number;
}

export interface ResolveInput {
  spec: TargetSpec;
  current: CurrentRelease;
  /** The service's releases from GitHub deployments, newest first; undefined when GitHub is not available. */
  githubReleases?: readonly ReleaseRecord[] | undefined;
  /** The GitHub environment, for messages. */
  environment?: string | undefined;
  /** How many of the family's newest revisions to read from ECS (one DescribeTaskDefinition each). */
  ecsLimit?: number | undefined;
}

export interface ResolvedTarget {
  taskDefinitionArn: string;
  family: string;
  revision: number;
  resolvedBy: ResolvedBy;
  definition: DescribedRevision;
  /** The history record that named the target, when one did. */
  release?: ReleaseRecord | undefined;
  gitSha?: string | undefined;
  image?: string | undefined;
  /** Deregistered: the rollback registers a copy as a new revision. */
  inactive: boolean;
  /** Things worth a warning (e.g. the target's own rollout failed once). */
  notes: string[];
}

interface Candidate {
  record: ReleaseRecord;
  resolvedBy: ResolvedBy;
}

/**
 * Finds the task definition revision a rollback should run, in the order GitHub deployments, ECS
 * revision tags, then (for `previous`) the family's revisions, and refuses with a clear
 * ConfigurationError when the target does not exist, is already running, or is of another family.
 * Reads only: no change is made here.
 */
export async function resolveRollbackTarget(ecs: ECSClient, input: ResolveInput): Promise<ResolvedTarget> {
  const { spec, current } = input;
  const github = input.githubReleases?.filter((r) => r.family === current.family) ?? [];
  let ecsCache: Promise<ReleaseRecord[]> | undefined;
  const ecsReleases = (): Promise<ReleaseRecord[]> =>
    (ecsCache ??= readEcsReleases(ecs, current.family, input.ecsLimit ?? 25));
  const githubWhere = input.githubReleases
    ? `GitHub deployments of environment "${input.environment ?? ''}"`
    : 'GitHub deployments (not available)';

  let candidate: Candidate | undefined;
  let direct: string | undefined;
  switch (spec.kind) {
    case 'previous': {
      candidate = previousIn(github, current, 'github-deployments');
      if (!candidate) {
        const older = (await ecsReleases()).filter((r) => r.revision < current.revision);
        // Our own revisions count only with a verified success: one without a result never got a verdict
        // (its run was cancelled or died). Bare revisions (registered elsewhere) carry no result at all.
        const tagged = older.find((r) => r.source === 'ecs-tags' && r.outcome === 'success');
        const bare = older.find((r) => r.source === 'ecs-revisions');
        if (tagged) candidate = { record: tagged, resolvedBy: 'ecs-tags' };
        else if (bare) candidate = { record: bare, resolvedBy: 'ecs-revisions' };
      }
      if (!candidate) {
        throw new ConfigurationError(
          `No release before ${shortTaskDefinitionName(current.taskDefinitionArn)} to roll back to: ` +
            `none in ${githubWhere}, none in the ECS revision tags, and no earlier revision of family "${current.family}".`,
        );
      }
      break;
    }
    case 'revision':
      direct = `${current.family}:${spec.revision}`;
      break;
    case 'family-revision':
      if (spec.family === current.family) {
        direct = `${spec.family}:${spec.revision}`;
        break;
      }
      // `repo:42` of another name is an image tag that happens to be a number.
      candidate = byImage(github, await ecsReleases(), spec.text);
      if (!candidate) {
        throw new ConfigurationError(
          `: "${spec.text}" names family "${spec.family}", but the service runs family "${current.family}", ` +
            'and no recent release ran an image of that name; a rollback stays within the family the service runs.',
          'to',
        );
      }
      break;
    case 'arn':
      if (spec.family !== current.family) {
        throw new ConfigurationError(
          `${spec.arn} belongs to family "${spec.family}", but the service runs family "${current.family}"; ` +
            'a rollback stays within the family the service runs.',
        );
      }
      direct = spec.arn;
      break;
    case 'git-sha': {
      const bySha = (r: ReleaseRecord): boolean => !!r.gitSha && r.gitSha.toLowerCase().startsWith(spec.sha);
      candidate = bestMatch(github, bySha, 'github-deployments', spec.sha);
      if (!candidate) {
        const tagged = (await ecsReleases()).filter((r) => r.source === 'ecs-tags');
        candidate = bestMatch(tagged, bySha, 'ecs-tags', spec.sha);
      }
      // Images are often tagged with the commit (`:3f9c2a1`): try the SHA as an image tag before giving up.
      candidate ??= byImage(github, await ecsReleases(), spec.sha);
      if (!candidate) {
        throw new ConfigurationError(
          `Rollback target ${describeSpec(spec)} not found: no release with that commit in ${githubWhere} ` +
            `or in the ECS tags (${REVISION_TAGS.gitSha}) of family "${current.family}", and no image tagged ${spec.sha}.`,
        );
      }
      break;
    }
    case 'image': {
      candidate = byImage(github, await ecsReleases(), spec.image);
      if (!candidate) {
        throw new ConfigurationError(
          `Rollback target ${describeSpec(spec)} not found: no release of family "${current.family}" ran that image ` +
            `(looked in ${githubWhere} and the family's recent revisions). Nothing is built by a rollback.`,
        );
      }
      break;
    }
  }

  // History records were filtered to the service's family above; only an ARN can name another one.
  const wanted = candidate?.record.taskDefinitionArn ?? (direct as string);
  const definition = await findRevision(ecs, wanted);
  if (!definition) {
    throw new ConfigurationError(
      candidate
        ? `${describeSpec(spec)} resolved to ${shortTaskDefinitionName(wanted)} (from ${candidate.resolvedBy}), ` +
            'but that task definition revision no longer exists in ECS.'
        : `Rollback target ${describeSpec(spec)} not found: task definition ${shortTaskDefinitionName(wanted)} does not exist.`,
    );
  }
  const td = definition.taskDefinition;
  const arn = td.taskDefinitionArn as string;
  if (arn === current.taskDefinitionArn) {
    throw new ConfigurationError(
      `${shortTaskDefinitionName(arn)} (${describeSpec(spec)}) is already the revision the service runs; nothing to roll back.`,
    );
  }
  if (td.status === 'DELETE_IN_PROGRESS') {
    throw new ConfigurationError(
      `${shortTaskDefinitionName(arn)} is being deleted; pick another rollback target.`,
    );
  }

  const notes: string[] = [];
  if (candidate?.record.outcome === 'failure') {
    notes.push(
      `The last recorded rollout of ${shortTaskDefinitionName(arn)} failed; rolling back to it anyway as asked.`,
    );
  }
  return {
    taskDefinitionArn: arn,
    family: td.family ?? current.family,
    revision: td.revision ?? 0,
    resolvedBy: candidate?.resolvedBy ?? 'task-definition',
    definition,
    release: candidate?.record,
    gitSha: tagValue(definition.tags, REVISION_TAGS.gitSha) ?? candidate?.record.gitSha,
    image: candidate?.record.image ?? mainImage(td),
    inactive: td.status === 'INACTIVE',
    notes,
  };
}

/**
 * "The last deployment that succeeded before the current one": find the newest record of what runs
 * now, then the first successful record older than it that ran something else. If what runs now
 * was never recorded, the newest successful record of an earlier revision.
 */
function previousIn(
  records: readonly ReleaseRecord[],
  current: CurrentRelease,
  resolvedBy: ResolvedBy,
): Candidate | undefined {
  const here = records.findIndex((r) => r.taskDefinitionArn === current.taskDefinitionArn);
  // Not recorded (changed by hand, outside this tool): "before" falls back to lower revision numbers.
  const older = here >= 0 ? records.slice(here + 1) : records.filter((r) => r.revision < current.revision);
  const record = older.find(
    (r) => r.outcome === 'success' && r.taskDefinitionArn !== current.taskDefinitionArn,
  );
  return record ? { record, resolvedBy } : undefined;
}

/** The newest successful match, else the newest not known to have failed, else the newest. */
function bestMatch(
  records: readonly ReleaseRecord[],
  matches: (r: ReleaseRecord) => boolean,
  resolvedBy: ResolvedBy,
  shaPrefix?: string,
): Candidate | undefined {
  const found = records.filter(matches);
  if (shaPrefix !== undefined) {
    const shas = new Set(found.map((r) => r.gitSha?.toLowerCase()));
    if (shas.size > 1) {
      throw new ConfigurationError(
        `: git SHA ${shaPrefix} is ambiguous (${[...shas].join(', ')}); give more characters.`,
        'to',
      );
    }
  }
  const record =
    found.find((r) => r.outcome === 'success') ?? found.find((r) => r.outcome !== 'failure') ?? found[0];
  return record ? { record, resolvedBy } : undefined;
}

function byImage(
  github: readonly ReleaseRecord[],
  ecs: readonly ReleaseRecord[],
  image: string,
): Candidate | undefined {
  const matches = (r: ReleaseRecord): boolean => imageMatches(r.image, image);
  return (
    bestMatch(github, matches, 'github-deployments') ??
    bestMatch(
      ecs.filter((r) => r.source === 'ecs-tags'),
      matches,
      'ecs-tags',
    ) ??
    bestMatch(
      ecs.filter((r) => r.source === 'ecs-revisions'),
      matches,
      'ecs-revisions',
    )
  );
}
