import { ECRClient } from '@aws-sdk/client-ecr';
import { createAwsClient } from '../aws/client-factory';
import type { Clock } from '../core/clock';
import { phase, type Reporter } from '../core/reporter';
import { buildAndPush, type BuildPushInputs, type BuildPushOutcome } from '../image/build-push';

export interface BuildPushEnvironment {
  clock: Clock;
  reporter: Reporter;
  /** Hides a secret (the ECR password) from every log before it can be printed. */
  maskSecret: (value: string) => void;
  /** The private Docker config `docker login` writes to; the action's post step removes it. */
  dockerConfigDir?: string;
  /** The ECR client for a region; default the one AWS client factory. */
  ecrClient?: (region: string) => ECRClient;
}

/** Builds the commit's image and pushes it to ECR (or finds it there): the digest-pinned URI to deploy. */
export async function runBuildPush(
  env: BuildPushEnvironment,
  inputs: BuildPushInputs,
): Promise<BuildPushOutcome> {
  const ecr = (env.ecrClient ?? ((region: string) => createAwsClient(ECRClient, { region })))(inputs.region);
  return phase(env.reporter, 'Build and push the image', () =>
    buildAndPush(
      {
        ecr,
        reporter: env.reporter,
        clock: env.clock,
        maskSecret: env.maskSecret,
        ...(env.dockerConfigDir ? { dockerConfigDir: env.dockerConfigDir } : {}),
      },
      inputs,
    ),
  );
}
