import type { Reporter } from '../core/reporter';
import {
  createGitHubClient,
  createGitHubDeploymentRecorder,
  parseRepository,
  type GitHubDeploymentRecorder,
  type GitHubDeploymentsTarget,
} from '../history';

export interface GitHubDeploymentsAccess {
  /** Read access to the environment's deployments (the release history). */
  github?: GitHubDeploymentsTarget;
  /** Records this run's deploy or rollback as a GitHub deployment. */
  recorder?: GitHubDeploymentRecorder;
}

/** `…/owner/repo/actions/runs/<id>/attempts/<n>`: the log GitHub links from the deployment. */
export function runUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID) return undefined;
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  const attempt = env.GITHUB_RUN_ATTEMPT ? `/attempts/${env.GITHUB_RUN_ATTEMPT}` : '';
  return `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}${attempt}`;
}

/**
 * GitHub deployments for this run, from the runner's environment (GITHUB_REPOSITORY, GITHUB_SHA,
 * GITHUB_API_URL…). Without a token or a repository there is simply no GitHub history: the ECS
 * revision tags still keep one.
 */
export function createGitHubDeploymentsAccess(
  reporter: Reporter,
  options: { environment: string; token?: string; environmentUrl?: string },
  env: NodeJS.ProcessEnv = process.env,
): GitHubDeploymentsAccess {
  const repository = parseRepository(env.GITHUB_REPOSITORY);
  if (!options.token || !repository || !options.environment) {
    reporter.debug('No github-token or GITHUB_REPOSITORY: GitHub deployments are neither read nor recorded.');
    return {};
  }
  const octokit = createGitHubClient(options.token, env);
  const github: GitHubDeploymentsTarget = { octokit, ...repository, environment: options.environment };
  const recorder = createGitHubDeploymentRecorder({
    ...github,
    ref: env.GITHUB_SHA || env.GITHUB_REF || 'HEAD',
    gitSha: env.GITHUB_SHA || undefined,
    runUrl: runUrl(env),
    environmentUrl: options.environmentUrl,
    reporter,
  });
  return { github, recorder };
}
