import { AwsCallError } from '../core/aws-errors';
import { ConfigurationError, errorMessage } from '../core/errors';
import { WaitGaveUpError } from '../core/poll';
import { shortTaskDefinitionName } from '../ecs/names';
import { REVISION_TAGS, tagValue } from '../ecs/revision-tags';
import { findService, primaryTaskDefinition } from '../ecs/service';
import { findRevision, mainImage } from '../ecs/task-definitions';
import type { ReleaseEnd } from '../release-history';
import type { JobContext } from './job-context';
import type { ReleaseResult, ReleaseSide, ReleaseVerdict } from './release-result';

/** A revision as people recognise a release: its short name, commit and image (best effort). */
export async function releaseSide(ctx: JobContext, taskDefinitionArn: string): Promise<ReleaseSide> {
  const side: ReleaseSide = {
    taskDefinitionArn,
    revision: taskDefinitionArn ? shortTaskDefinitionName(taskDefinitionArn) : '',
  };
  if (!taskDefinitionArn) return side;
  const described = await findRevision(ctx.ecs, taskDefinitionArn);
  if (!described) return side;
  const gitSha = tagValue(described.tags, REVISION_TAGS.gitSha);
  const image = mainImage(described.taskDefinition);
  return { ...side, ...(gitSha ? { gitSha } : {}), ...(image ? { image } : {}) };
}

/**
 * The fields of a result for an error that ended a run after it changed something. An AWS call that
 * failed (or a refused request) is named; anything else is unexpected and keeps its stack for the
 * debug log. Either way the step fails and the record says the release was never verified.
 */
export function resultOfError(error: unknown): Pick<ReleaseResult, 'verdict' | 'reason' | 'error'> {
  const expected =
    error instanceof AwsCallError || error instanceof ConfigurationError || error instanceof WaitGaveUpError;
  const message = errorMessage(error);
  return {
    verdict: 'failed',
    reason: expected ? message : `Stopped by an unexpected error: ${message}`,
    error: {
      message,
      unexpected: !expected,
      ...(!expected && error instanceof Error && error.stack ? { stack: error.stack } : {}),
    },
  };
}

/** What the service is set to run at the end: read once more, since a failed run may have left it anywhere. */
export async function settleEndedOn(ctx: JobContext, result: ReleaseResult): Promise<void> {
  if (result.verdict === 'dry-run') return;
  // A rollback set a moment ago and not waited for (a cancelled run): a read now could still show the
  // state from before it (eventual consistency), and what the service is set to run is known.
  if (result.rollback && !result.rollback.rollout && !result.rollback.error) {
    result.endedOn = result.rollback.taskDefinitionArn;
    return;
  }
  try {
    result.endedOn = primaryTaskDefinition(await findService(ctx.ecs, result.cluster, result.service));
  } catch (error) {
    ctx.reporter.debug(
      `Could not read what the service runs after the ${result.kind}: ${errorMessage(error)}`,
    );
  }
}

const OUTCOME: Record<ReleaseVerdict, ReleaseEnd['outcome']> = {
  succeeded: 'success',
  'rolled-back': 'failure',
  failed: 'failure',
  'timed-out': 'failure',
  cancelled: 'unknown',
  'dry-run': 'unknown',
};

/**
 * Writes how the release ended, from the verdict only. A release that never rolled out (the update was
 * refused or unanswered) or whose run stopped before a verdict (cancelled, an unexpected error) was never
 * judged, so it reads `unknown`: never `previous` for a later rollback, and never marked failed either
 * (a rollback target refused at UpdateService is still the good release it was).
 */
export async function finishRecord(ctx: JobContext, result: ReleaseResult): Promise<void> {
  if (!result.to.taskDefinitionArn || result.verdict === 'dry-run') return;
  // A run-before task that failed judged the new revision too, though nothing was rolled out; one that
  // succeeded judged nothing (the rollout after it may still have been refused).
  const ranBefore = !!result.oneOff && result.oneOff.verdict !== 'succeeded';
  const judged = (!!result.rollout || ranBefore) && !result.error?.unexpected;
  const outcome = judged ? OUTCOME[result.verdict] : 'unknown';
  const description =
    result.verdict === 'succeeded' ? `Running ${result.to.revision}` : `${result.verdict}: ${result.reason}`;
  try {
    await ctx.recorder.finish({ outcome, description });
  } catch (error) {
    ctx.reporter.warning(`Could not record how the ${result.kind} ended: ${errorMessage(error)}`);
  }
  const id = ctx.recorder.githubDeploymentId;
  if (id !== undefined) result.githubDeploymentId = id;
}

/** What every rollback result starts as: a dry run of this service until something is changed. */
export function rollbackResultStart(
  ctx: { region: string },
  target: { cluster: string; service: string },
): Pick<ReleaseResult, 'kind' | 'verdict' | 'reason' | 'cluster' | 'service' | 'region'> {
  return {
    kind: 'rollback',
    verdict: 'dry-run',
    reason: '',
    cluster: target.cluster,
    service: target.service,
    region: ctx.region,
  };
}
