import { readDeployTargetInputs } from '../deploy/inputs';
import { readBuildPushInputs, renderBuildPushSummary } from '../image/build-push';
import { checkDeployTarget, runDeploy } from '../use-cases/deploy';
import { runBuildPush } from '../use-cases/build-push';
import { buildPushEnvironment, isPostStep, setBuildPushOutputs } from './build-push-action';
import { jobEnvironment, presentRelease, readGitHubSettings, readSummaryLogLines } from './present-release';
import type { ActionKit, StepEnd } from './run-action';

/**
 * The root action, the one-step full deploy: every input of both stages is validated and the cluster,
 * service and container are checked before anything is built or pushed; then build and push, then the
 * deploy use case. The same bundle is its own post step, which removes the private Docker config.
 */
export async function deployAction(kit: ActionKit): Promise<StepEnd> {
  if (isPostStep(kit)) return {};
  const build = readBuildPushInputs(kit.inputs);
  const target = readDeployTargetInputs(kit.inputs);
  const github = readGitHubSettings(kit, kit.inputs.optional('service-url'));
  const logLines = readSummaryLogLines(kit.inputs);
  kit.summary.enabled = target.jobSummary;
  // Deploy in the region the image was pushed to unless told otherwise: both read `aws-region`.
  const region = target.region ?? build.region;
  const env = jobEnvironment(kit, github);

  return presentRelease(kit, 'deploy', { logLines }, async () => {
    await checkDeployTarget(env, { ...target, region });
    const image = await runBuildPush(buildPushEnvironment(kit), build);
    setBuildPushOutputs(kit, image);
    await kit.summary.write(renderBuildPushSummary(image));
    return runDeploy(env, {
      inputs: { ...target, region, image: image.imageUri },
      gitSha: build.commitSha,
      ...(kit.env.GITHUB_RUN_ID ? { runId: kit.env.GITHUB_RUN_ID } : {}),
    });
  });
}
