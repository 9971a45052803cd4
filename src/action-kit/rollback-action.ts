import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ECSClient } from '@aws-sdk/client-ecs';
import { createAwsClient, resolveRegion } from '../aws/client-factory';
import { readRollbackInputs, renderRollbackSummary, runRollback, type RollbackResult } from '../rollback';
import { createGitHubDeploymentsAccess } from './github-deployments';
import type { ActionKit } from './run-action';

function setRollbackOutputs(kit: Pick<ActionKit, 'setOutput'>, result: RollbackResult): void {
  kit.setOutput('task-definition-arn', result.taskDefinitionArn);
  kit.setOutput('rolled-back-from', result.from.taskDefinitionArn);
  kit.setOutput('resolved-by', result.resolvedBy);
}

/**
 * The rollback action: parse inputs, resolve and roll with the core, set outputs, write the summary
 * (also when the rollout failed), and fail the step when the service did not end healthy.
 */
export async function rollbackAction(kit: ActionKit): Promise<void> {
  const inputs = readRollbackInputs(kit.inputs);
  kit.summary.enabled = inputs.jobSummary;
  const region = resolveRegion(inputs.region);
  const access = createGitHubDeploymentsAccess(kit.reporter, {
    environment: inputs.environment,
    token: inputs.githubToken,
  });
  const { result, failure } = await runRollback(
    {
      ecs: createAwsClient(ECSClient, { region }),
      logs: createAwsClient(CloudWatchLogsClient, { region }),
      clock: kit.clock,
      reporter: kit.reporter,
      github: access.github,
      recorder: access.recorder,
    },
    inputs,
  );
  setRollbackOutputs(kit, result);
  await kit.summary.write(renderRollbackSummary(result));
  if (failure) throw failure;
}
