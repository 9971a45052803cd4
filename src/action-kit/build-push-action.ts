import { ECRClient } from '@aws-sdk/client-ecr';
import { createAwsClient } from '../aws/client-factory';
import {
  buildAndPush,
  readBuildPushInputs,
  renderBuildPushSummary,
  type BuildPushDeps,
  type BuildPushOutcome,
} from '../image/build-push';
import { createPrivateDockerConfig, removePrivateDockerConfig } from '../image/docker-config';
import { actionInputSource, type ActionKit } from './run-action';

/** State keys shared by the main and post steps of the one build-push bundle. */
export const POST_STATE = 'isPost';
export const DOCKER_CONFIG_STATE = 'docker-config';

/**
 * The build-push action. The same bundle runs as the post step (as actions/checkout does): the
 * main step records `isPost`, so the second run only removes the private Docker config.
 */
export async function buildPushAction(kit: ActionKit): Promise<void> {
  if (kit.getState(POST_STATE) === 'true') {
    buildPushPost(kit);
    return;
  }
  kit.saveState(POST_STATE, 'true');
  const inputs = readBuildPushInputs(kit.inputs);
  kit.summary.enabled = kit.inputs.boolean('job-summary', true);
  const outcome = await buildAndPush(buildPushDeps(kit, inputs.region), inputs);
  setBuildPushOutputs(kit, outcome);
  await kit.summary.write(renderBuildPushSummary(outcome));
}

/**
 * What buildAndPush needs in an action: the ECR client and a private Docker config whose path is
 * saved first, so the post step cleans up even when the main step fails half way.
 */
export function buildPushDeps(kit: ActionKit, region: string): BuildPushDeps {
  const dockerConfigDir = createPrivateDockerConfig();
  kit.saveState(DOCKER_CONFIG_STATE, dockerConfigDir);
  return {
    ecr: createAwsClient(ECRClient, { region }),
    reporter: kit.reporter,
    clock: kit.clock,
    maskSecret: (value) => actionInputSource.maskSecret?.(value),
    dockerConfigDir,
  };
}

export function setBuildPushOutputs(kit: Pick<ActionKit, 'setOutput'>, outcome: BuildPushOutcome): void {
  kit.setOutput('image-uri', outcome.imageUri);
  kit.setOutput('image-tag-uri', outcome.imageTagUri);
  kit.setOutput('digest', outcome.digest);
  kit.setOutput('built', outcome.built);
}

export function buildPushPost(kit: ActionKit): void {
  const dir = kit.getState(DOCKER_CONFIG_STATE);
  if (!dir) return;
  removePrivateDockerConfig(dir);
  kit.reporter.info('Removed the temporary Docker config (ECR credentials).');
}
