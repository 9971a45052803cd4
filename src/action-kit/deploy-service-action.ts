import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ECSClient } from '@aws-sdk/client-ecs';
import { createAwsClient, resolveRegion } from '../aws/client-factory';
import { DeploymentFailedError } from '../core/errors';
import {
  REVISION_TAG_GIT_SHA,
  REVISION_TAG_RUN_ID,
  deployServiceRecorded,
  readDeployServiceInputs,
  renderDeploySummary,
  toDeployRequest,
  type DeployOutcome,
  type DeployServiceInputs,
} from '../deploy';
import type { DeploymentRecorder } from '../deploy/recorder';
import { createDeployRecorder } from './deploy-recorder';
import type { ActionKit } from './run-action';

/** Tags that tie a revision to the workflow run that registered it (read back by the release history). */
export function runnerRevisionTags(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const tags: Record<string, string> = {};
  if (env.GITHUB_SHA) tags[REVISION_TAG_GIT_SHA] = env.GITHUB_SHA;
  if (env.GITHUB_RUN_ID) tags[REVISION_TAG_RUN_ID] = env.GITHUB_RUN_ID;
  return tags;
}

function setDeployServiceOutputs(kit: Pick<ActionKit, 'setOutput'>, outcome: DeployOutcome): void {
  kit.setOutput('task-definition-arn', outcome.taskDefinitionArn);
  kit.setOutput('previous-task-definition-arn', outcome.previousTaskDefinitionArn);
  kit.setOutput('deployment-id', outcome.rollout.deploymentId);
  kit.setOutput('status', outcome.status);
}

/**
 * The deploy-service action: parse inputs, run the engine, set outputs, write the summary, and
 * fail the step when the rollout did not end healthy (also after a successful rollback).
 *
 * HOOK (GitHub deployments, src/history): `recorder` is optional; when given it is told when the
 * deploy starts and how it ended. Its failures are warnings, never a failed deploy.
 */
export async function deployServiceAction(kit: ActionKit, recorder?: DeploymentRecorder): Promise<void> {
  const inputs = readDeployServiceInputs(kit.inputs);
  kit.summary.enabled = inputs.jobSummary;
  await runDeployService(kit, inputs, recorder);
}

/** Rolls out `inputs.image`; shared by deploy-service and the root action (after its build). */
export async function runDeployService(
  kit: ActionKit,
  inputs: DeployServiceInputs,
  recorder?: DeploymentRecorder,
): Promise<void> {
  recorder ??= createDeployRecorder(kit);
  const region = resolveRegion(inputs.region);
  const outcome = await deployServiceRecorded(
    {
      ecs: createAwsClient(ECSClient, { region }),
      logs: createAwsClient(CloudWatchLogsClient, { region }),
      clock: kit.clock,
      reporter: kit.reporter,
    },
    toDeployRequest(inputs, runnerRevisionTags()),
    { recorder, region },
  );

  setDeployServiceOutputs(kit, outcome);
  await kit.summary.write(renderDeploySummary(outcome, { consoleRegion: region }));
  if (outcome.status !== 'succeeded') {
    const rolledBack =
      outcome.status === 'rolled-back' ? ' The service was rolled back to the previous revision.' : '';
    throw new DeploymentFailedError(
      `Deploy ${outcome.status}: ${outcome.rollout.reason}${rolledBack}`,
      outcome,
    );
  }
}
