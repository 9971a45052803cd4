import { createPrivateDockerConfig, removePrivateDockerConfig } from '../image/docker-config';
import { readBuildPushInputs, renderBuildPushSummary, type BuildPushOutcome } from '../image/build-push';
import { errorMessage } from '../core/errors';
import { runBuildPush, type BuildPushEnvironment } from '../use-cases/build-push';
import { renderFailedSummary } from '../use-cases/summary';
import type { ActionKit, StepEnd } from './run-action';

/** State keys shared by the main and post steps of one bundle. */
export const POST_STATE = 'isPost';
export const DOCKER_CONFIG_STATE = 'docker-config';

/**
 * The build-push action. The same bundle runs as the post step (as actions/checkout does): the
 * main step records `isPost`, so the second run only removes the private Docker config.
 */
export async function buildPushAction(kit: ActionKit): Promise<StepEnd> {
  if (isPostStep(kit)) return {};
  const inputs = readBuildPushInputs(kit.inputs);
  kit.summary.enabled = kit.inputs.boolean('job-summary', true);
  try {
    const outcome = await runBuildPush(buildPushEnvironment(kit), inputs);
    setBuildPushOutputs(kit, outcome);
    await kit.summary.write(renderBuildPushSummary(outcome));
    return {};
  } catch (error) {
    // A failed build or push still leaves its one line in the summary (the log tail is in the log).
    await kit.summary.write(renderFailedSummary('build-push', errorMessage(error)));
    throw error;
  }
}

/** On the post run, removes the Docker config and says so; on the main run, marks the next one as post. */
export function isPostStep(kit: ActionKit): boolean {
  if (kit.getState(POST_STATE) === 'true') {
    const dir = kit.getState(DOCKER_CONFIG_STATE);
    if (dir) {
      removePrivateDockerConfig(dir);
      kit.reporter.info('Removed the temporary Docker config (ECR credentials).');
    }
    return true;
  }
  kit.saveState(POST_STATE, 'true');
  return false;
}

/**
 * A private Docker config whose path is saved first, so the post step cleans up even when the main
 * step fails half way; the ECR password is masked in logs and the summary.
 */
export function buildPushEnvironment(kit: ActionKit): BuildPushEnvironment {
  const dockerConfigDir = createPrivateDockerConfig();
  kit.saveState(DOCKER_CONFIG_STATE, dockerConfigDir);
  return {
    clock: kit.clock,
    reporter: kit.reporter,
    maskSecret: (value) => kit.inputs.mask(value),
    dockerConfigDir,
  };
}

export function setBuildPushOutputs(kit: Pick<ActionKit, 'setOutput'>, outcome: BuildPushOutcome): void {
  kit.setOutput('image-uri', outcome.imageUri);
  kit.setOutput('image-tag-uri', outcome.imageTagUri);
  kit.setOutput('digest', outcome.digest);
  kit.setOutput('built', outcome.built);
}
