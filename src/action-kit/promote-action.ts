import { readPromoteInputs } from '../promote/inputs';
import { runPromote } from '../use-cases/promote';
import { jobEnvironment, presentRelease, readGitHubSettings, readSummaryLogLines } from './present-release';
import type { ActionKit, StepEnd } from './run-action';

/** actions/promote: deploy the digest staging runs to production; presented like any deploy. */
export async function promoteAction(kit: ActionKit): Promise<StepEnd> {
  const inputs = readPromoteInputs(kit.inputs);
  const github = readGitHubSettings(kit, kit.inputs.optional('service-url'));
  const logLines = readSummaryLogLines(kit.inputs);
  kit.summary.enabled = inputs.jobSummary;
  return presentRelease(kit, 'deploy', { logLines }, async () => {
    const result = await runPromote(jobEnvironment(kit, github), {
      inputs,
      ...(kit.env.GITHUB_RUN_ID ? { runId: kit.env.GITHUB_RUN_ID } : {}),
    });
    kit.setOutput('image-uri', result.promoted.image);
    return result;
  });
}
