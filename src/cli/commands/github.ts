import { ConfigurationError } from '../../core/errors';
import {
  createGitHubClient,
  createGitHubDeploymentRecorder,
  parseRepository,
  type GitHubDeploymentRecorder,
  type GitHubDeploymentsTarget,
} from '../../history';
import type { CommandContext } from '../command';
import type { OptionSpec } from '../options';

/**
 * GitHub deployments from a terminal: the token is read from GITHUB_TOKEN only (a flag would leave
 * it in the shell history and the process list), the repository from --github-repo or
 * GITHUB_REPOSITORY. Without both, the ECS revision tags are the history, as in the action.
 */
export const GITHUB_REPO_OPTION: OptionSpec = {
  flag: 'github-repo',
  type: 'string',
  value: 'OWNER/NAME',
  description:
    'repository whose GitHub deployments hold the history (default GITHUB_REPOSITORY; token from GITHUB_TOKEN)',
};

export function githubTarget(ctx: CommandContext, environment: string): GitHubDeploymentsTarget | undefined {
  const repoFlag = ctx.inputs.optional('github-repo');
  const repository = parseRepository(repoFlag ?? ctx.io.env.GITHUB_REPOSITORY);
  if (repoFlag && !repository)
    throw new ConfigurationError(`Input \`github-repo\` must be OWNER/NAME, got "${repoFlag}".`);
  const token = ctx.io.env.GITHUB_TOKEN;
  if (!token || !repository) {
    ctx.reporter.debug('No GITHUB_TOKEN or repository: GitHub deployments are neither read nor recorded.');
    return undefined;
  }
  return { octokit: createGitHubClient(token, ctx.io.env), ...repository, environment };
}

/** Records the release as a GitHub deployment of the commit given with --git-sha (a deployment needs a ref). */
export function githubRecorder(
  ctx: CommandContext,
  target: GitHubDeploymentsTarget | undefined,
  gitSha: string | undefined,
  environmentUrl?: string,
): GitHubDeploymentRecorder | undefined {
  if (!target) return undefined;
  if (!gitSha) {
    ctx.reporter.info(
      'Not recording a GitHub deployment: give --git-sha, the commit this release was built from.',
    );
    return undefined;
  }
  return createGitHubDeploymentRecorder({
    ...target,
    ref: gitSha,
    gitSha,
    environmentUrl,
    reporter: ctx.reporter,
  });
}
