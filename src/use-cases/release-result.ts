import type { OneOffOutcome } from '../deploy/one-off-task';
import type { SmokeTestOutcome } from '../deploy/smoke-test';
import type { RolloutOutcome } from '../deploy/types';
import type { ResolvedBy } from '../rollback/resolve';
import type { SchemaChange } from '../content-schema/diff';
import type { TakenSnapshot } from '../database/snapshot';

/**
 * The one verdict word a deploy or a rollback ends with, the same in the action's `status` output, the
 * CLI's text and JSON, the job summary and the release history:
 * - `succeeded`: the release asked for runs healthy (for a rollback: the service is back on the target);
 * - `rolled-back`: the new release did not become healthy and the service is healthy again on the one before;
 * - `failed`: it did not end healthy and nothing put it right (or the rollback failed too);
 * - `timed-out`: the wait ran out before ECS gave a verdict, and nothing was rolled back;
 * - `cancelled`: the run was stopped while it waited (with rollback on failure, the previous revision was set);
 * - `dry-run`: nothing was changed, only planned.
 */
export type ReleaseVerdict = 'succeeded' | 'rolled-back' | 'failed' | 'timed-out' | 'cancelled' | 'dry-run';

/** One side of a release, as people recognise it. */
export interface ReleaseSide {
  taskDefinitionArn: string;
  /** `family:revision`. */
  revision: string;
  gitSha?: string;
  image?: string;
}

export interface RollbackAttempt {
  /**
   * Who put the previous revision back: this tool (UpdateService), ECS's circuit breaker, or ECS's own
   * rollback of a blue/green, linear or canary deployment (an alarm, a failed task).
   */
  by: 'strapi-deploy' | 'ecs-circuit-breaker' | 'ecs-deployment';
  taskDefinitionArn: string;
  /** The watch of the rollback; absent when it was started but not waited for (a cancelled run). */
  rollout?: RolloutOutcome;
  /** Why the rollback could not be completed, when it could not. */
  error?: string;
}

/** The one result of a deploy and of a rollback: what every shell presents, and what history records. */
export interface ReleaseResult {
  kind: 'deploy' | 'rollback';
  verdict: ReleaseVerdict;
  /** One line a person can act on. */
  reason: string;
  cluster: string;
  service: string;
  region: string;
  /** What ran before. */
  from: ReleaseSide;
  /** The release this run put out: the new revision of a deploy, the target of a rollback. */
  to: ReleaseSide;
  /** The revision the service is set to run when the run ended, when known. */
  endedOn?: string;
  containerName?: string;
  /** The ECS deployment that rolled `to` out. */
  deploymentId?: string;
  rollout?: RolloutOutcome;
  /** A deploy's `run-before` task on the new revision, before the rollout (a failed one skips it). */
  oneOff?: OneOffOutcome;
  /** A deploy's smoke test through the load balancer after a healthy rollout. */
  smokeTest?: SmokeTestOutcome;
  /** A deploy that failed: how the previous revision was put back. */
  rollback?: RollbackAttempt;
  /** A rollback: where the target was found, and the INACTIVE revision it was copied from. */
  resolvedBy?: ResolvedBy;
  reregisteredFrom?: string;
  /** A rollback that stopped a blue/green, linear or canary deployment (StopServiceDeployment ROLLBACK). */
  stoppedServiceDeployment?: string;
  /** Warnings that belong in the summary (e.g. the target's own rollout failed once). */
  notes: string[];
  /**
   * Set when the run stopped on an error after it had changed something: the call that failed and what
   * AWS said (`ecs:UpdateService failed: …`), or an unexpected error (its stack goes to the debug log).
   */
  error?: { message: string; unexpected: boolean; stack?: string };
  /** The GitHub deployment that records this release, when one was made. */
  githubDeploymentId?: number;
  /** A deploy: what it does to the content schema (checked before the rollout). */
  contentSchema?: SchemaChange;
  /** A deploy: the database snapshot taken before it. A rollback: snapshots taken after its target. */
  snapshot?: TakenSnapshot;
  restoreFrom?: RestoreHint[];
}

/** A snapshot a rollback may want: taken before a release newer than the target, and how to restore it. */
export interface RestoreHint {
  snapshotId: string;
  /** The release it was taken before. */
  before: string;
  command: string;
}

/** Who rolled back, as summaries and reasons say it. */
export const ROLLBACK_BY_WORDS: Record<RollbackAttempt['by'], string> = {
  'strapi-deploy': 'strapi-deploy',
  'ecs-circuit-breaker': 'ECS circuit breaker',
  'ecs-deployment': 'ECS',
};

/** The step fails for every verdict but these. */
export function isHealthyVerdict(verdict: ReleaseVerdict): boolean {
  return verdict === 'succeeded' || verdict === 'dry-run';
}
