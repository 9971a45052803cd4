import type { ContainerDefinition, Service } from '@aws-sdk/client-ecs';
import { AwsCallError, classifyAwsError } from '../core/aws-errors';
import { ConfigurationError, errorMessage } from '../core/errors';
import { phase } from '../core/reporter';
import { ensureIdle } from '../deploy/idle';
import type { DeployServiceInputs, DeployTargetInputs } from '../deploy/inputs';
import {
  appContainerName,
  renderTaskDefinition,
  selectContainer,
  type RenderedTaskDefinition,
} from '../deploy/render';
import { startRollout } from '../deploy/roll';
import { checkWaitCoversStrategy } from '../deploy/strategy';
import { findStoppableShift } from '../rollback/stop-deployment';
import { stopAndWatch } from './rollback-stop';
import { loadTaskDefinitionSource } from '../deploy/source';
import type { RolloutOutcome, WaitOptions } from '../deploy/types';
import { waitForRollout } from '../deploy/watch';
import { checkImageUri } from '../deploy/image-uri';
import { checkArnRegion, shortTaskDefinitionName } from '../ecs/names';
import { REVISION_TAGS } from '../ecs/revision-tags';
import { findService, primaryTaskDefinition } from '../ecs/service';
import { describeRevision, registerRevision } from '../ecs/task-definitions';
import { openJobContext, type JobContext, type JobEnvironment } from './job-context';
import { runBeforeRollout, smokeTestAfterRollout } from './release-checks';
import {
  ROLLBACK_BY_WORDS,
  type ReleaseResult,
  type ReleaseVerdict,
  type RollbackAttempt,
} from './release-result';
import { finishRecord, releaseSide, resultOfError, settleEndedOn } from './release-steps';
import { guardContentSchema, withSnapshotTag } from './schema-guard';

/** A deploy as the shells hand it over: the parsed inputs and what the runner knows of the release. */
export interface DeployJob {
  inputs: DeployServiceInputs;
  /** The commit the image was built from and the run that deploys it (tagged on the new revision). */
  gitSha?: string;
  runId?: string;
}

/** What a deploy starts from: the service as it is, and what the new revision is rendered from. */
interface DeployPlan {
  service: Service;
  previousTaskDefinitionArn: string;
  rendered: RenderedTaskDefinition;
  seenEventIds: string[];
  /** The running revision's containers, when it was described to render from (a rollback reuses them). */
  previousContainers?: ContainerDefinition[];
}

/**
 * Checks everything a deploy needs before anything is built or changed: the cluster, the service,
 * the revision it runs and the container to update. The full deploy calls this before its build, so
 * a typo fails in a second, not after a ten-minute build.
 */
export async function checkDeployTarget(env: JobEnvironment, target: DeployTargetInputs): Promise<void> {
  const ctx = await openJobContext(env, target.region);
  checkTargetRegion(target, ctx.region);
  await phase(ctx.reporter, 'Check the service', async () => {
    const service = await findService(ctx.ecs, target.cluster, target.service);
    const source = await loadTaskDefinitionSource(
      ctx.ecs,
      target.taskDefinitionFile,
      primaryTaskDefinition(service),
    );
    selectContainer(source.taskDefinition.containerDefinitions ?? [], target.containerName);
  });
}

function checkTargetRegion(target: Pick<DeployTargetInputs, 'cluster' | 'service'>, region: string): void {
  checkArnRegion(target.cluster, region, 'cluster');
  checkArnRegion(target.service, region, 'service');
}

async function plan(ctx: JobContext, job: DeployJob): Promise<DeployPlan> {
  const { inputs } = job;
  checkImageUri(inputs.image);
  checkTargetRegion(inputs, ctx.region);
  const found = await findService(ctx.ecs, inputs.cluster, inputs.service);
  const service = await ensureIdle(ctx, found, {
    cluster: inputs.cluster,
    service: inputs.service,
    action: 'deploy',
    waitForIdle: inputs.waitForIdle,
    wait: inputs.wait,
  });
  checkWaitCoversStrategy(service, inputs.wait.waitMinutes, ctx.reporter);
  const previousTaskDefinitionArn = primaryTaskDefinition(service);
  const source = await loadTaskDefinitionSource(
    ctx.ecs,
    inputs.taskDefinitionFile,
    previousTaskDefinitionArn,
  );
  const rendered = renderTaskDefinition(source, {
    image: inputs.image,
    ...(inputs.containerName ? { containerName: inputs.containerName } : {}),
    environment: inputs.environment,
    secrets: inputs.secrets,
    revisionTags: {
      ...(job.gitSha ? { [REVISION_TAGS.gitSha]: job.gitSha } : {}),
      ...(job.runId ? { [REVISION_TAGS.runId]: job.runId } : {}),
    },
  });
  if (rendered.droppedFields.length) {
    ctx.reporter.warning(
      `Ignored fields RegisterTaskDefinition does not accept: ${rendered.droppedFields.join(', ')}.`,
    );
  }
  return {
    service,
    previousTaskDefinitionArn,
    rendered,
    seenEventIds: (service.events ?? []).map((e) => e.id ?? '').filter(Boolean),
    ...(inputs.taskDefinitionFile
      ? {}
      : { previousContainers: source.taskDefinition.containerDefinitions ?? [] }),
  };
}

/**
 * The deploy, start to end: check the service and render the new revision (a bad input or a missing
 * resource throws before anything changes), register it, record the release, roll the service, watch,
 * and on failure put the previous revision back. From the first change on it never throws: every end,
 * an error included, is a ReleaseResult with the verdict, and the record says how it ended.
 */
export async function runDeploy(env: JobEnvironment, job: DeployJob): Promise<ReleaseResult> {
  const ctx = await openJobContext(env, job.inputs.region);
  const { inputs } = job;
  const { reporter } = ctx;
  const planned = await phase(reporter, 'Check the service', () => plan(ctx, job));
  // Still before any change: a release that loses content stops here; a snapshot, when due, is taken here.
  const guarded = await guardContentSchema(ctx, inputs, {
    taskDefinitionArn: planned.previousTaskDefinitionArn,
    rendered: planned.rendered,
  });
  withSnapshotTag(planned.rendered, guarded.snapshot);

  // From here on AWS changes: nothing below throws without a result.
  const result: ReleaseResult = {
    kind: 'deploy',
    verdict: 'failed',
    reason: '',
    cluster: inputs.cluster,
    service: inputs.service,
    region: ctx.region,
    from: await releaseSide(ctx, planned.previousTaskDefinitionArn),
    to: {
      taskDefinitionArn: '',
      revision: '',
      image: inputs.image,
      ...(job.gitSha ? { gitSha: job.gitSha } : {}),
    },
    containerName: planned.rendered.containerName,
    notes: [],
    contentSchema: guarded.change,
    ...(guarded.snapshot ? { snapshot: guarded.snapshot } : {}),
  };
  try {
    const taskDefinitionArn = await phase(reporter, 'Register the revision', async () => {
      const arn = await registerRevision(ctx.ecs, planned.rendered.input);
      reporter.info(
        `Registered ${shortTaskDefinitionName(arn)} (${planned.rendered.containerName}: ${planned.rendered.previousImage ?? '?'} -> ${inputs.image}).`,
      );
      return arn;
    });
    result.to = { ...result.to, taskDefinitionArn, revision: shortTaskDefinitionName(taskDefinitionArn) };
    await ctx.recorder.start({
      kind: 'deploy',
      cluster: inputs.cluster,
      service: inputs.service,
      taskDefinitionArn,
      previousTaskDefinitionArn: planned.previousTaskDefinitionArn,
      image: inputs.image,
      ...(job.gitSha ? { gitSha: job.gitSha, ref: job.gitSha } : {}),
      ...(job.runId ? { runId: job.runId } : {}),
      ...(guarded.snapshot ? { dbSnapshot: guarded.snapshot.snapshotId } : {}),
    });
    const containers = planned.rendered.input.containerDefinitions ?? [];
    if (!(await runBeforeRollout(ctx, inputs, result, planned.service, containers)))
      return await endDeploy(ctx, result);

    const watched = await phase(reporter, 'Roll out', async () => {
      const started = await startRollout(ctx, {
        cluster: inputs.cluster,
        service: inputs.service,
        taskDefinitionArn,
        ...(inputs.desiredCount !== undefined ? { desiredCount: inputs.desiredCount } : {}),
        forceNewDeployment: inputs.forceNewDeployment,
      });
      result.deploymentId = started.deploymentId;
      reporter.info(
        `Rolling ${inputs.service} from ${result.from.revision || '(none)'} to ${result.to.revision} (deployment ${started.deploymentId}).`,
      );
      return waitForRollout(
        ctx,
        {
          cluster: inputs.cluster,
          service: inputs.service,
          deploymentId: started.deploymentId,
          taskDefinitionArn,
          containers: planned.rendered.input.containerDefinitions ?? [],
          appContainer: planned.rendered.containerName,
          seenEventIds: planned.seenEventIds,
          updatedAt: started.updatedAt,
          ...(started.serviceDeploymentArn ? { serviceDeploymentArn: started.serviceDeploymentArn } : {}),
          label: 'deploy',
        },
        inputs.wait,
      );
    });
    result.rollout = watched;
    result.reason = watched.reason;
    const rollout = await smokeTestAfterRollout(ctx, inputs, result, watched);
    if (rollout.verdict === 'succeeded') {
      result.verdict = 'succeeded';
      reporter.info(`Deployed: ${rollout.reason}`);
    } else {
      reporter.warning(`Rollout ${rollout.verdict}: ${rollout.reason}`);
      for (const task of rollout.stoppedTasks) {
        if (task.logTail.length)
          reporter.info(`Last lines of ${task.logSource ?? 'the log'}:\n${task.logTail.join('\n')}`);
      }
      if (rollout.supersededBy) {
        reporter.warning(
          `Not rolling back: ${rollout.supersededBy.deploymentId} (to ${shortTaskDefinitionName(rollout.supersededBy.taskDefinitionArn)}) replaced this deployment and is in charge now.`,
        );
      }
      const canRollBack =
        !rollout.supersededBy &&
        inputs.rollbackOnFailure &&
        !!planned.previousTaskDefinitionArn &&
        planned.previousTaskDefinitionArn !== taskDefinitionArn;
      if (rollout.ecsRollback) {
        // ECS already put blue back (an alarm or a failed task in a blue/green, linear or canary
        // deployment) and the watch saw it end: nothing to start.
        result.rollback = rollbackDoneByEcs(rollout, planned.previousTaskDefinitionArn);
      } else if (canRollBack) {
        result.rollback = await phase(reporter, 'Roll back', () =>
          putPreviousBack(
            ctx,
            planned.previousTaskDefinitionArn,
            rollout,
            inputs.wait,
            planned.previousContainers,
          ),
        );
      }
      result.verdict = verdictAfterFailure(rollout, result.rollback);
      result.reason = reasonAfterFailure(rollout, result.rollback);
    }
  } catch (error) {
    Object.assign(result, resultOfError(error));
  }
  return endDeploy(ctx, result);
}

/** Every end of a deploy after its first change: what the service runs now, and the record. */
async function endDeploy(ctx: JobContext, result: ReleaseResult): Promise<ReleaseResult> {
  await settleEndedOn(ctx, result);
  await finishRecord(ctx, result);
  return result;
}

/** ECS's own rollback of a shift deployment, watched to its end within the rollout's wait. */
function rollbackDoneByEcs(rollout: RolloutOutcome, previousArn: string): RollbackAttempt {
  const rolledBack = rollout.ecsRollback?.status === 'ROLLBACK_SUCCESSFUL';
  return {
    by: 'ecs-deployment',
    taskDefinitionArn: previousArn,
    // The same watch saw the rollback: its events and stages are the rollout's, not repeated here.
    rollout: {
      ...rollout,
      events: [],
      stoppedTasks: [],
      stages: [],
      verdict: rolledBack ? 'succeeded' : 'failed',
      reason: `ECS recorded ${rollout.ecsRollback?.status ?? 'no status'}: ${rollout.ecsRollback?.cause ?? 'no cause given'}.`,
    },
  };
}

function verdictAfterFailure(rollout: RolloutOutcome, rollback: RollbackAttempt | undefined): ReleaseVerdict {
  if (rollout.verdict === 'cancelled' || rollback?.rollout?.verdict === 'cancelled') return 'cancelled';
  if (rollback?.rollout?.verdict === 'succeeded') return 'rolled-back';
  if (!rollback && rollout.verdict === 'timed-out') return 'timed-out';
  return 'failed';
}

function reasonAfterFailure(rollout: RolloutOutcome, rollback: RollbackAttempt | undefined): string {
  if (!rollback) return rollout.reason;
  const why = rollout.reason.replace(/\.?$/, '.');
  const target = shortTaskDefinitionName(rollback.taskDefinitionArn);
  const by = ROLLBACK_BY_WORDS[rollback.by];
  if (rollback.error) return `${why} The rollback to ${target} could not be completed: ${rollback.error}`;
  if (!rollback.rollout) return `${why} The rollback to ${target} was started (by ${by}) and not waited for.`;
  if (rollback.rollout.verdict === 'succeeded') return `${why} Rolled back to ${target} by ${by}.`;
  return `${why} The rollback to ${target} ${rollback.rollout.verdict} too: ${rollback.rollout.reason}`;
}

async function containersOf(
  ctx: JobContext,
  arn: string,
  known: ContainerDefinition[] | undefined,
): Promise<{ containers: ContainerDefinition[]; app: string }> {
  const containers =
    known ?? (await describeRevision(ctx.ecs, arn)).taskDefinition.containerDefinitions ?? [];
  return { containers, app: appContainerName(containers) };
}

/** A look at the service this recent is as good as a new one (the API budget: at most 8 calls a minute). */
const FRESH_LOOK_MS = 5_000;

/**
 * Back to the revision that ran before. When ECS's circuit breaker already started that rollback,
 * watch its deployment instead of starting another one. A cancelled run starts the rollback and does
 * not wait for it (the runner gives a few seconds). AWS errors become the attempt's `error`; anything
 * else (a bug) travels on.
 */
async function putPreviousBack(
  ctx: JobContext,
  previousArn: string,
  rollout: RolloutOutcome,
  wait: WaitOptions,
  previousContainers?: ContainerDefinition[],
): Promise<RollbackAttempt> {
  const { reporter } = ctx;
  let ecsTarget = rollout.ecsRolledBackTo;
  try {
    if (!ecsTarget && rollout.verdict !== 'cancelled') {
      // A blue/green, linear or canary rollout still before clean-up: blue runs, so stop it and traffic
      // goes back at once, rather than starting one more deployment.
      if (rollout.strategy) {
        const now = await findService(ctx.ecs, rollout.cluster, rollout.service);
        const shift = await findStoppableShift(ctx.ecs, now);
        if (shift?.blue.taskDefinition === previousArn) {
          reporter.info(
            `Stopping the ${shift.strategy} deployment in ${shift.stage}: traffic goes back to ${shortTaskDefinitionName(previousArn)}.`,
          );
          const back = await stopAndWatch(ctx, { cluster: rollout.cluster, service: now }, shift, wait);
          return { by: 'strapi-deploy', taskDefinitionArn: previousArn, rollout: back };
        }
      }
      // Did ECS's breaker start the same rollback? The watch's deciding look says, when it is recent.
      const seen = rollout.primaryAtVerdict;
      const primary =
        seen && ctx.clock.now() - seen.at <= FRESH_LOOK_MS
          ? { id: seen.deploymentId, taskDefinition: seen.taskDefinitionArn }
          : (await findService(ctx.ecs, rollout.cluster, rollout.service)).deployments?.find(
              (d) => d.status === 'PRIMARY',
            );
      if (primary?.id && primary.taskDefinition === previousArn && primary.id !== rollout.deploymentId) {
        ecsTarget = { deploymentId: primary.id, taskDefinitionArn: previousArn };
      }
    }
    const by = ecsTarget ? 'ecs-circuit-breaker' : 'strapi-deploy';
    let deploymentId: string;
    let updatedAt: number | undefined;
    let serviceDeploymentArn: string | undefined;
    if (ecsTarget) {
      deploymentId = ecsTarget.deploymentId;
      reporter.info(
        `ECS is already rolling back to ${shortTaskDefinitionName(ecsTarget.taskDefinitionArn)} (deployment ${deploymentId}); watching it.`,
      );
    } else {
      reporter.info(`Rolling ${rollout.service} back to ${shortTaskDefinitionName(previousArn)}.`);
      const started = await startRollout(ctx, {
        cluster: rollout.cluster,
        service: rollout.service,
        taskDefinitionArn: previousArn,
      });
      deploymentId = started.deploymentId;
      updatedAt = started.updatedAt;
      serviceDeploymentArn = started.serviceDeploymentArn;
    }
    if (rollout.verdict === 'cancelled') return { by, taskDefinitionArn: previousArn };
    const { containers, app } = await containersOf(ctx, previousArn, previousContainers);
    const back = await waitForRollout(
      ctx,
      {
        cluster: rollout.cluster,
        service: rollout.service,
        deploymentId,
        taskDefinitionArn: previousArn,
        containers,
        appContainer: app,
        seenEventIds: [],
        ...(updatedAt !== undefined ? { updatedAt } : {}),
        ...(serviceDeploymentArn ? { serviceDeploymentArn } : {}),
        label: 'rollback',
      },
      wait,
    );
    if (back.verdict === 'succeeded')
      reporter.info(`Rolled back to ${shortTaskDefinitionName(previousArn)}: ${back.reason}`);
    else reporter.warning(`Rollback ${back.verdict}: ${back.reason}`);
    return { by, taskDefinitionArn: previousArn, rollout: back };
  } catch (error) {
    if (
      !(error instanceof ConfigurationError || error instanceof AwsCallError) &&
      classifyAwsError(error) === 'unknown'
    ) {
      throw error;
    }
    reporter.warning(
      `Rollback to ${shortTaskDefinitionName(previousArn)} could not be completed: ${errorMessage(error)}`,
    );
    return {
      by: ecsTarget ? 'ecs-circuit-breaker' : 'strapi-deploy',
      taskDefinitionArn: previousArn,
      error: errorMessage(error),
    };
  }
}
