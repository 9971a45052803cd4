import { errorMessage } from '../core/errors';
import { deployService } from './engine';
import type { DeploymentRecorder, DeploymentStartInfo } from './recorder';
import { consoleUrl } from './summary';
import type { DeployOutcome, DeployRequest, EngineDeps } from './types';

/**
 * A deploy with its record kept (GitHub deployment, result tag on the revision): the one sequence
 * the action and the CLI both run. Recording is a courtesy: a recorder that fails is a warning,
 * never a failed deploy; an engine error is recorded as a failure and then thrown on.
 */
export async function deployServiceRecorded(
  deps: EngineDeps,
  request: DeployRequest,
  recording: { recorder: DeploymentRecorder; region: string },
): Promise<DeployOutcome> {
  const { recorder, region } = recording;
  const info: DeploymentStartInfo = {
    cluster: request.cluster,
    service: request.service,
    image: request.image,
    region,
    consoleUrl: consoleUrl(region, request.cluster, request.service),
  };
  const record = async (step: string, call: () => Promise<void>): Promise<void> => {
    try {
      await call();
    } catch (error) {
      deps.reporter.warning(`Could not record the deployment (${step}): ${errorMessage(error)}`);
    }
  };

  await record('start', () => recorder.start(info));
  let outcome: DeployOutcome;
  try {
    outcome = await deployService(deps, request);
  } catch (error) {
    await record('finish', () => recorder.finish('failure', { ...info, error: errorMessage(error) }));
    throw error;
  }
  await record('finish', () =>
    recorder.finish(outcome.status === 'succeeded' ? 'success' : 'failure', { ...info, outcome }),
  );
  return outcome;
}
