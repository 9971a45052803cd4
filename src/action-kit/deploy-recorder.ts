import { ECSClient } from '@aws-sdk/client-ecs';
import { createAwsClient } from '../aws/client-factory';
import type { DeploymentRecorder } from '../deploy/recorder';
import { combineRecorders, createEcsResultRecorder } from '../history/ecs-result-tag';
import { createGitHubDeploymentsAccess } from './github-deployments';
import type { ActionKit } from './run-action';

/**
 * What a deploy step records beside the deploy itself: a GitHub deployment of
 * `environment` when `github-token` is set (the container's variables are `environment-variables`,
 * so one name means the GitHub environment in every action and workflow), and the result as a tag on the revision, which the
 * ECS-only history uses to skip failed releases. The CLI's deploy records the same way (a parity
 * test compares their AWS calls).
 */
export function createDeployRecorder(kit: Pick<ActionKit, 'inputs' | 'reporter'>): DeploymentRecorder {
  const environment = kit.inputs.optional('environment', 'production');
  const token = kit.inputs.secret('github-token');
  // Where the app answers, shown as "View deployment" on GitHub (the provision output `service-url`).
  const environmentUrl = kit.inputs.optional('service-url');
  const github = createGitHubDeploymentsAccess(kit.reporter, { environment, token, environmentUrl }).recorder;
  const ecsResult = createEcsResultRecorder((region) => createAwsClient(ECSClient, { region }), kit.reporter);
  return combineRecorders(github, ecsResult);
}
