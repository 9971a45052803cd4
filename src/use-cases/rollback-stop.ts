import type { Service } from '@aws-sdk/client-ecs';
import { phase } from '../core/reporter';
import { appContainerName } from '../deploy/render';
import type { RolloutOutcome, WaitOptions } from '../deploy/types';
import { waitForRollout } from '../deploy/watch';
import type { RollbackInputs } from '../rollback/inputs';
import { stopWithRollback, type StoppableShift } from '../rollback/stop-deployment';
import { describeRevision } from '../ecs/task-definitions';
import type { JobContext } from './job-context';
import type { ReleaseResult } from './release-result';
import {
  finishRecord,
  releaseSide,
  resultOfError,
  rollbackResultStart,
  settleEndedOn,
} from './release-steps';

/**
 * StopServiceDeployment(ROLLBACK) of `shift`, then the watch of ECS's record until the rollback ends. Also
 * what a deploy whose blue/green, linear or canary rollout failed or timed out does to put blue back.
 */
export async function stopAndWatch(
  ctx: JobContext,
  where: { cluster: string; service: Service },
  shift: StoppableShift,
  wait: WaitOptions,
): Promise<RolloutOutcome> {
  const updatedAt = ctx.clock.now();
  await stopWithRollback(ctx.ecs, shift.serviceDeploymentArn);
  const containers =
    (await describeRevision(ctx.ecs, shift.blue.taskDefinition)).taskDefinition.containerDefinitions ?? [];
  return waitForRollout(
    ctx,
    {
      cluster: where.cluster,
      service: where.service.serviceName ?? where.service.serviceArn ?? '',
      deploymentId: shift.blue.id,
      taskDefinitionArn: shift.blue.taskDefinition,
      containers,
      appContainer: appContainerName(containers),
      seenEventIds: (where.service.events ?? []).map((e) => e.id ?? '').filter(Boolean),
      updatedAt,
      serviceDeploymentArn: shift.serviceDeploymentArn,
      label: 'rollback',
      expect: 'rollback',
    },
    wait,
  );
}

/**
 * `rollback` while a blue/green, linear or canary deployment is in flight, in or before its bake time:
 * blue still runs, so StopServiceDeployment(ROLLBACK) sends production traffic back to it at once, where
 * a new UpdateService would start another slow rollout. Watches ECS's record to ROLLBACK_SUCCESSFUL.
 */
export async function stopShiftDeployment(
  ctx: JobContext,
  inputs: RollbackInputs,
  service: Service,
  shift: StoppableShift,
): Promise<ReleaseResult> {
  const { reporter } = ctx;
  const how = `StopServiceDeployment (ROLLBACK) of the ${shift.strategy} deployment in ${shift.stage}`;
  const result: ReleaseResult = {
    ...rollbackResultStart(ctx, inputs),
    from: await releaseSide(ctx, shift.green.taskDefinition),
    to: await releaseSide(ctx, shift.blue.taskDefinition),
    notes: [],
    stoppedServiceDeployment: shift.serviceDeploymentArn,
  };
  reporter.info(
    `Rollback ${inputs.service}: ${result.from.revision} is in ${shift.stage} of a ${shift.strategy} deployment and ` +
      `${result.to.revision} still runs: ${how} returns production traffic to it at once.`,
  );
  if (inputs.dryRun) {
    result.reason = `Would send ${inputs.service} back to ${result.to.revision} with ${how}; nothing changed.`;
    reporter.info(`Dry run: ${result.reason}`);
    return result;
  }
  // From here on AWS changes: nothing below throws without a result.
  try {
    await ctx.recorder.start({
      kind: 'rollback',
      cluster: inputs.cluster,
      service: inputs.service,
      taskDefinitionArn: result.to.taskDefinitionArn,
      previousTaskDefinitionArn: result.from.taskDefinitionArn,
      ...(result.to.image ? { image: result.to.image } : {}),
      ...(result.to.gitSha ? { gitSha: result.to.gitSha } : {}),
    });
    result.deploymentId = shift.blue.id;
    const rollout = await phase(reporter, 'Roll back', () =>
      stopAndWatch(ctx, { cluster: inputs.cluster, service }, shift, inputs.wait),
    );
    result.rollout = rollout;
    result.verdict = rollout.verdict;
    result.reason = `Stopped with ${how} instead of a new UpdateService. ${rollout.reason}`;
    if (rollout.verdict === 'succeeded')
      reporter.info(`Rolled back to ${result.to.revision}: ${result.reason}`);
    else reporter.warning(`Rollback ${rollout.verdict}: ${result.reason}`);
  } catch (error) {
    Object.assign(result, resultOfError(error));
  }
  await settleEndedOn(ctx, result);
  await finishRecord(ctx, result);
  return result;
}
