import { readProvisionInputs } from '../provision/inputs';
import { outputName, ReplacementRefusedError, StackOperationFailedError } from '../provision/provision';
import { errorMessage } from '../core/errors';
import { runProvision } from '../use-cases/provision';
import { renderFailedSummary } from '../use-cases/summary';
import type { ActionKit, StepEnd } from './run-action';

/** actions/provision: create or update the baseline stack through a change set. */
export async function provisionAction(kit: ActionKit): Promise<StepEnd> {
  const inputs = readProvisionInputs(kit.inputs);
  kit.summary.enabled = inputs.jobSummary;
  try {
    const result = await runProvision({ clock: kit.clock, reporter: kit.reporter }, inputs);
    for (const [key, value] of Object.entries(result.outputs)) kit.setOutput(outputName(key), value);
    kit.setOutput('outputs-json', JSON.stringify(result.outputs));
    kit.setOutput('result', result.result);
    kit.setOutput('stack-id', result.stackId);
    kit.setOutput('change-count', result.changes.length);
    await kit.summary.write(result.summary);
    return {};
  } catch (error) {
    const summary =
      error instanceof ReplacementRefusedError || error instanceof StackOperationFailedError
        ? error.summary
        : renderFailedSummary('provision', errorMessage(error));
    await kit.summary.write(summary);
    throw error;
  }
}
