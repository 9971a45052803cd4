import { buildAndPush, readBuildPushInputs, renderBuildPushSummary } from '../image/build-push';
import { readDeployTargetInputs } from '../deploy';
import { POST_STATE, buildPushDeps, buildPushPost, setBuildPushOutputs } from './build-push-action';
import { createDeployRecorder } from './deploy-recorder';
import { runDeployService } from './deploy-service-action';
import type { ActionKit } from './run-action';

/**
 * The root action, the one-step full deploy: build and push the image, then roll it out with the
 * deploy engine. Every input of both stages is validated before anything is built or changed.
 * The same bundle is its own post step, which removes the private Docker config (ECR login).
 */
export async function deployAction(kit: ActionKit): Promise<void> {
  if (kit.getState(POST_STATE) === 'true') {
    buildPushPost(kit);
    return;
  }
  kit.saveState(POST_STATE, 'true');
  const build = readBuildPushInputs(kit.inputs);
  const target = readDeployTargetInputs(kit.inputs);
  const recorder = createDeployRecorder(kit);
  kit.summary.enabled = target.jobSummary;

  const image = await buildAndPush(buildPushDeps(kit, build.region), build);
  setBuildPushOutputs(kit, image);
  await kit.summary.write(renderBuildPushSummary(image));

  // Deploy in the region the image was pushed to unless told otherwise: both read `aws-region`.
  await runDeployService(
    kit,
    { ...target, region: target.region ?? build.region, image: image.imageUri },
    recorder,
  );
}
