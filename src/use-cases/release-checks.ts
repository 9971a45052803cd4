import type { ContainerDefinition, Service } from '@aws-sdk/client-ecs';
import { phase } from '../core/reporter';
import type { DeployServiceInputs } from '../deploy/inputs';
import { runOneOffTask } from '../deploy/one-off-task';
import { runSmokeTest } from '../deploy/smoke-test';
import type { RolloutOutcome } from '../deploy/types';
import type { JobContext } from './job-context';
import type { ReleaseResult } from './release-result';

/**
 * The `run-before` phase of a deploy, between registering the new revision and rolling it out: the
 * command runs once on the new revision. Answers whether the rollout may go on. When the task fails
 * (or times out, or the run is cancelled) the result says so and the service was never touched.
 */
export async function runBeforeRollout(
  ctx: JobContext,
  inputs: DeployServiceInputs,
  result: ReleaseResult,
  service: Service,
  containers: readonly ContainerDefinition[],
): Promise<boolean> {
  const runBefore = inputs.runBefore;
  if (!runBefore) return true;
  const { reporter } = ctx;
  const outcome = await phase(reporter, 'Run before the rollout', () =>
    runOneOffTask(ctx, {
      cluster: inputs.cluster,
      service,
      taskDefinitionArn: result.to.taskDefinitionArn,
      revision: result.to.revision,
      containers,
      appContainer: result.containerName ?? '',
      command: runBefore.command,
      commandText: runBefore.text,
      timeoutMinutes: runBefore.timeoutMinutes,
      pollSeconds: inputs.wait.pollSeconds,
    }),
  );
  result.oneOff = outcome;
  if (outcome.verdict === 'succeeded') {
    reporter.info(outcome.reason);
    return true;
  }
  reporter.warning(outcome.reason);
  if (outcome.task?.logTail.length)
    reporter.info(
      `Last lines of ${outcome.task.logSource ?? 'the log'}:\n${outcome.task.logTail.join('\n')}`,
    );
  // A timeout is decided (the task was stopped), so it fails the release like a failed task.
  result.verdict = outcome.verdict === 'cancelled' ? 'cancelled' : 'failed';
  result.reason = `${outcome.reason.replace(/\.?$/, '.')} The rollout was skipped: ${inputs.service} still runs ${result.from.revision || 'what it ran'}.`;
  return false;
}

/**
 * The smoke test after a rollout ECS judged healthy, when `service-url` is given: the outcome that
 * decides the release. A failed smoke test turns the rollout into a failed one (the caller then rolls
 * back as for any failed rollout); the rollout's own record stays in `result.rollout`.
 */
export async function smokeTestAfterRollout(
  ctx: JobContext,
  inputs: DeployServiceInputs,
  result: ReleaseResult,
  rollout: RolloutOutcome,
): Promise<RolloutOutcome> {
  const smokeTest = inputs.smokeTest;
  if (rollout.verdict !== 'succeeded' || !smokeTest) return rollout;
  const outcome = await phase(ctx.reporter, 'Smoke test', () => runSmokeTest(ctx, smokeTest));
  result.smokeTest = outcome;
  if (outcome.verdict === 'passed') {
    ctx.reporter.info(outcome.reason);
    return rollout;
  }
  return {
    ...rollout,
    verdict: outcome.verdict === 'cancelled' ? 'cancelled' : 'failed',
    reason: outcome.reason,
    stoppedTasks: [],
  };
}
