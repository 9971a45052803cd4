import { errorMessage } from '../core/errors';
import type { InputReader, IntegerInputs } from '../core/inputs';
import { parseRepository } from '../release-history';
import type { GitHubSettings, JobEnvironment } from '../use-cases/job-context';
import { isHealthyVerdict, type ReleaseResult } from '../use-cases/release-result';
import { renderNotStartedSummary, renderReleaseSummary } from '../use-cases/summary';
import type { ActionKit, StepEnd } from './run-action';

/** `…/owner/repo/actions/runs/<id>/attempts/<n>`: the log GitHub links from the deployment. */
export function runUrl(env: NodeJS.ProcessEnv): string | undefined {
  if (!env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID) return undefined;
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  const attempt = env.GITHUB_RUN_ATTEMPT ? `/attempts/${env.GITHUB_RUN_ATTEMPT}` : '';
  return `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}${attempt}`;
}

/**
 * The release history's GitHub side from the runner: the `environment` and `github-token` inputs
 * (and the deploy's `service-url`, read by its shell) and GITHUB_REPOSITORY, GITHUB_SHA, GITHUB_API_URL. One meaning of
 * `environment` in every action: the GitHub environment (the container's variables are
 * `environment-variables`).
 */
export function readGitHubSettings(kit: ActionKit, environmentUrl?: string): GitHubSettings {
  const environment = kit.inputs.optional('environment', 'production');
  const token = kit.inputs.secret('github-token');
  const repository = parseRepository(kit.env.GITHUB_REPOSITORY);
  const url = runUrl(kit.env);
  return {
    environment,
    ...(token ? { token } : {}),
    ...(repository ? { repository } : {}),
    ref: kit.env.GITHUB_SHA || kit.env.GITHUB_REF || 'HEAD',
    ...(url ? { runUrl: url } : {}),
    ...(environmentUrl ? { environmentUrl } : {}),
    env: kit.env,
  };
}

export function jobEnvironment(kit: ActionKit, github: GitHubSettings): JobEnvironment {
  return { clock: kit.clock, reporter: kit.reporter, signal: kit.signal, github };
}

/** Whole-number inputs every action that writes a release summary reads (the CLI has no summary to publish). */
export const SUMMARY_INTEGER_INPUTS = {
  'summary-log-lines': { fallback: 30, min: 0, max: 200 },
} as const satisfies IntegerInputs;

/** Log lines per stopped task in the summary (public repositories make summaries world-readable). */
export function readSummaryLogLines(inputs: InputReader): number {
  return inputs.integer('summary-log-lines', SUMMARY_INTEGER_INPUTS['summary-log-lines']);
}

function setReleaseOutputs(kit: ActionKit, result: ReleaseResult): void {
  kit.setOutput('status', result.verdict);
  kit.setOutput('task-definition-arn', result.to.taskDefinitionArn);
  if (result.deploymentId) kit.setOutput('deployment-id', result.deploymentId);
  if (result.kind === 'deploy') {
    kit.setOutput('previous-task-definition-arn', result.from.taskDefinitionArn);
  } else {
    kit.setOutput('rolled-back-from', result.from.taskDefinitionArn);
    if (result.resolvedBy) kit.setOutput('resolved-by', result.resolvedBy);
  }
}

/**
 * Runs a deploy or rollback use case and presents its one result: outputs, the job summary, the debug
 * stack of an unexpected error, and the step's failure line. A job that stopped before changing
 * anything (it threw) still gets a summary and a `status` output before the error travels on.
 */
export async function presentRelease(
  kit: ActionKit,
  kind: 'deploy' | 'rollback',
  options: { logLines: number },
  run: () => Promise<ReleaseResult>,
): Promise<StepEnd> {
  let result: ReleaseResult;
  try {
    result = await run();
  } catch (error) {
    kit.setOutput('status', 'failed');
    await kit.summary.write(renderNotStartedSummary(kind, errorMessage(error)));
    throw error;
  }
  setReleaseOutputs(kit, result);
  await kit.summary.write(renderReleaseSummary(result, { logLines: options.logLines }));
  if (result.error?.stack) kit.reporter.debug(result.error.stack);
  if (isHealthyVerdict(result.verdict)) return {};
  const title = kind === 'deploy' ? 'Deploy' : 'Rollback';
  return { failed: `${title} ${result.verdict}: ${result.reason}` };
}
