import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { EC2Client } from '@aws-sdk/client-ec2';
import { createAwsClient } from '../aws/client-factory';
import { readProvisionInputs } from '../provision/inputs';
import {
  outputName,
  provisionStack,
  ReplacementRefusedError,
  StackOperationFailedError,
} from '../provision/provision';
import { loadBaselineTemplate } from '../provision/template';
import type { ActionKit } from './run-action';

/** actions/provision: create or update the baseline stack through a change set. */
export async function provisionAction(kit: ActionKit): Promise<void> {
  const inputs = readProvisionInputs(kit.inputs);
  kit.summary.enabled = inputs.jobSummary;
  try {
    const result = await provisionStack(
      {
        cloudformation: createAwsClient(CloudFormationClient, { region: inputs.region }),
        ec2: createAwsClient(EC2Client, { region: inputs.region }),
        clock: kit.clock,
        reporter: kit.reporter,
      },
      { ...inputs, templateBody: loadBaselineTemplate() },
    );
    for (const [key, value] of Object.entries(result.outputs)) kit.setOutput(outputName(key), value);
    kit.setOutput('outputs-json', JSON.stringify(result.outputs));
    kit.setOutput('result', result.result);
    kit.setOutput('stack-id', result.stackId);
    kit.setOutput('change-count', result.changes.length);
    await kit.summary.write(result.summary);
  } catch (error) {
    if (error instanceof ReplacementRefusedError || error instanceof StackOperationFailedError) {
      await kit.summary.write(error.summary);
    }
    throw error;
  }
}
