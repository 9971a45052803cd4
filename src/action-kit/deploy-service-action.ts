import { readDeployServiceInputs } from '../deploy/inputs';
import { runDeploy } from '../use-cases/deploy';
import { jobEnvironment, presentRelease, readGitHubSettings, readSummaryLogLines } from './present-release';
import type { ActionKit, StepEnd } from './run-action';

/** actions/deploy-service: roll an existing image out; the use case owns the flow, this only presents it. */
export async function deployServiceAction(kit: ActionKit): Promise<StepEnd> {
  const inputs = readDeployServiceInputs(kit.inputs);
  const github = readGitHubSettings(kit, kit.inputs.optional('service-url'));
  const logLines = readSummaryLogLines(kit.inputs);
  kit.summary.enabled = inputs.jobSummary;
  return presentRelease(kit, 'deploy', { logLines }, () =>
    runDeploy(jobEnvironment(kit, github), {
      inputs,
      ...(kit.env.GITHUB_SHA ? { gitSha: kit.env.GITHUB_SHA } : {}),
      ...(kit.env.GITHUB_RUN_ID ? { runId: kit.env.GITHUB_RUN_ID } : {}),
    }),
  );
}
