import { DeploymentFailedError } from '../core/errors';
import type { RollbackInputs } from './inputs';
import { rollbackService, type RollbackDeps, type RollbackResult } from './rollback';

/** A rollback that ran to the end; `failure` is set when the service did not end healthy. */
export interface SettledRollback {
  result: RollbackResult;
  failure?: DeploymentFailedError;
}

/**
 * The rollback the action and the CLI both run from the parsed inputs. A rollout that failed still
 * returns its result, because both report it (outputs, summary, verdict) before failing; any other
 * error (bad input, missing service, a wait for idle that timed out) is thrown on.
 */
export async function runRollback(deps: RollbackDeps, inputs: RollbackInputs): Promise<SettledRollback> {
  try {
    const result = await rollbackService(deps, {
      cluster: inputs.cluster,
      service: inputs.service,
      to: inputs.to,
      dryRun: inputs.dryRun,
      waitForIdle: inputs.waitForIdle,
      wait: inputs.wait,
    });
    return { result };
  } catch (error) {
    if (error instanceof DeploymentFailedError && isRollbackResult(error.details)) {
      return { result: error.details, failure: error };
    }
    throw error;
  }
}

function isRollbackResult(value: unknown): value is RollbackResult {
  const v = value as Partial<RollbackResult> | undefined;
  return (
    !!v && typeof v.resolvedBy === 'string' && typeof v.taskDefinitionArn === 'string' && !!v.from && !!v.to
  );
}
