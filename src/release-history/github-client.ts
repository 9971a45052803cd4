import type { GitHub } from '@actions/github/lib/utils';

export type GitHubClient = InstanceType<typeof GitHub>;

/** Repository and environment whose GitHub deployments form the release history. */
export interface GitHubDeploymentsTarget {
  octokit: GitHubClient;
  owner: string;
  repo: string;
  /** GitHub deployment environment, e.g. `production`. */
  environment: string;
}

/**
 * The Octokit client the action and the CLI use, loaded on first use. The API URL is read when the client is made (not
 * when @actions/github is loaded, which is when its own default is fixed), so GHES and the tests'
 * local fake server are honoured via GITHUB_API_URL.
 */
export async function createGitHubClient(
  token: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<GitHubClient> {
  // Loaded only when GitHub is read or written: a deploy without a token never pays for Octokit.
  const { getOctokit } = await import('@actions/github');
  const baseUrl = env.GITHUB_API_URL?.replace(/\/+$/, '') || 'https://api.github.com';
  return getOctokit(token, { baseUrl, userAgent: 'strapi-deploy/1' });
}

/** `owner/name` as GITHUB_REPOSITORY spells it; undefined for anything else. */
export function parseRepository(value: string | undefined): { owner: string; repo: string } | undefined {
  const match = /^([^/\s]+)\/([^/\s]+)$/.exec(value?.trim() ?? '');
  return match ? { owner: match[1] as string, repo: match[2] as string } : undefined;
}

/** HTTP status of an Octokit RequestError, or undefined for other errors (network, bugs). */
export function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}
