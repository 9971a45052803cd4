import { AwsCallError } from '../core/aws-errors';
import { ConfigurationError, errorMessage } from '../core/errors';
import { shortTaskDefinitionName } from '../ecs/names';
import { REVISION_TAGS, tagValue } from '../ecs/revision-tags';
import { findService, primaryTaskDefinition } from '../ecs/service';
import { findRevision, mainImage } from '../ecs/task-definitions';
import type { ReleaseEnd } from '../release-history';
import type { JobContext } from './job-context';
import type { ReleaseResult, ReleaseSide, ReleaseVerdict } from './release-result';

/** A revision as people recognise a release: its short name, commit and image (best effort). */
export async function releaseSide(ctx: JobContext, taskDefinitionArn: string): Promise<ReleaseSide> {
  const side: ReleaseSide = { taskDefinitionArn, revision: taskDefinitionArn ? shortTaskDefinitionName(taskDefinitionArn) : '' };
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
  const expected = error instanceof AwsCallError || error instanceof ConfigurationError;
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
  try {
    result.endedOn = primaryTaskDefinition(await findService(ctx.ecs, result.cluster, result.service));
  } catch (error) {
    ctx.reporter.debug(`Could not read what the service runs after the ${result.kind}: ${errorMessage(error)}`);
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
 * Writes how the release ended, from the verdict only: a run stopped by a cancel or an unexpected error
 * never saw a verdict, so its release reads `unknown` (never `previous` for a later rollback).
 */
export async function finishRecord(ctx: JobContext, result: ReleaseResult): Promise<void> {
  if (!result.to.taskDefinitionArn || result.verdict === 'dry-run') return;
  const outcome = result.error?.unexpected ? 'unknown' : OUTCOME[result.verdict];
  const description =
    result.verdict === 'succeeded'
      ? `Running ${result.to.revision}`
      : `${result.verdict}: ${result.reason}`;
  try {
    await ctx.recorder.finish({ outcome, description });
  } catch (error) {
    ctx.reporter.warning(`Could not record how the ${result.kind} ended: ${errorMessage(error)}`);
  }
  const id = ctx.recorder.githubDeploymentId;
  if (id !== undefined) result.githubDeploymentId = id;
}
