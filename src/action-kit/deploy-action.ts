import { ECRClient } from '@aws-sdk/client-ecr';
import { createAwsClient } from '../aws/client-factory';
import { buildAndPush, readBuildPushInputs, renderBuildPushSummary } from '../build/build-push';
import { createPrivateDockerConfig } from '../build/docker-config';
import { readDeployTargetInputs } from '../deploy';
import { DOCKER_CONFIG_STATE, POST_STATE, buildPushPost, setBuildPushOutputs } from './build-push-action';
import { createDeployRecorder } from './deploy-recorder';
import { runDeployService } from './deploy-service-action';
import { actionInputSource, type ActionKit } from './run-action';

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

  const dockerConfigDir = createPrivateDockerConfig();
  kit.saveState(DOCKER_CONFIG_STATE, dockerConfigDir);
  const image = await buildAndPush(
    {
      ecr: createAwsClient(ECRClient, { region: build.region }),
      reporter: kit.reporter,
      clock: kit.clock,
      maskSecret: (value) => actionInputSource.maskSecret?.(value),
      dockerConfigDir,
    },
    build,
  );
  setBuildPushOutputs(kit, image);
  await kit.summary.write(renderBuildPushSummary(image));

  // Deploy in the region the image was pushed to unless told otherwise: both read `aws-region`.
  await runDeployService(
    kit,
    { ...target, region: target.region ?? build.region, image: image.imageUri },
    recorder,
  );
}
