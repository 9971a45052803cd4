import { createAwsClients } from '../aws/clients';
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
  const clients = createAwsClients({ region: inputs.region });
  try {
    const result = await provisionStack(
      { cloudformation: clients.cloudformation, ec2: clients.ec2, clock: kit.clock, reporter: kit.reporter },
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
