import { readRollbackInputs } from '../rollback/inputs';
import { runRollback } from '../use-cases/rollback';
import { jobEnvironment, presentRelease, readGitHubSettings, readSummaryLogLines } from './present-release';
import type { ActionKit, StepEnd } from './run-action';

/** actions/rollback: put the service back on an earlier release, presented like a deploy. */
export async function rollbackAction(kit: ActionKit): Promise<StepEnd> {
  const inputs = readRollbackInputs(kit.inputs);
  const github = readGitHubSettings(kit);
  const logLines = readSummaryLogLines(kit.inputs);
  kit.summary.enabled = inputs.jobSummary;
  return presentRelease(kit, 'rollback', { logLines }, () =>
    runRollback(jobEnvironment(kit, github), inputs),
  );
}
