import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { createAwsClient } from '../aws/client-factory';
import type { Clock } from '../core/clock';
import { phase, type Reporter } from '../core/reporter';
import type { ProvisionInputs } from '../provision/inputs';
import { provisionStack, type ProvisionResult } from '../provision/provision';
import { loadBaselineTemplate } from '../provision/template';

export interface ProvisionEnvironment {
  clock: Clock;
  reporter: Reporter;
}

/**
 * Creates or updates the baseline stack through a change set. A refused replacement
 * (ReplacementRefusedError) or a failed stack operation (StackOperationFailedError) is thrown with
 * the summary that shows why, for the shell to present.
 */
export async function runProvision(
  env: ProvisionEnvironment,
  inputs: ProvisionInputs,
): Promise<ProvisionResult> {
  return phase(env.reporter, 'Provision the stack', () =>
    provisionStack(
      {
        cloudformation: createAwsClient(CloudFormationClient, { region: inputs.region }),
        ec2: createAwsClient(EC2Client, { region: inputs.region }),
        // To keep what the service runs now (image, the variables deploys added) instead of the placeholder.
        ecs: createAwsClient(ECSClient, { region: inputs.region }),
        clock: env.clock,
        reporter: env.reporter,
      },
      { ...inputs, templateBody: loadBaselineTemplate() },
    ),
  );
}
