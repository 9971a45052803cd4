import { errorMessage } from '../core/errors';
import type { Reporter } from '../core/reporter';
import type { DeploymentFinishInfo, DeploymentRecorder, DeploymentStartInfo } from '../deploy/recorder';
import { httpStatusOf, type GitHubClient } from './github-client';
import { DEPLOY_TASK, ROLLBACK_TASK, type ReleasePayload } from './github-history';
import { shortTaskDefinitionName, type ReleaseKind } from './release';

export interface GitHubDeploymentRecorderOptions {
  octokit: GitHubClient;
  owner: string;
  repo: string;
  /** GitHub deployment environment, e.g. `production`. */
  environment: string;
  /** The ref the deployment is for; the commit SHA being deployed is the most precise choice. */
  ref: string;
  /** The commit the image was built from (payload `gitSha`); defaults to `ref` when that is a SHA. */
  gitSha?: string;
  /** Link to the workflow run, shown as the deployment's log. */
  runUrl?: string;
  /** Where the deployed app answers (shown as "View deployment" in GitHub). */
  environmentUrl?: string;
  reporter: Reporter;
}

/** What is known about a release when its rollout starts. Deploys learn the revision later than rollbacks. */
export interface ReleaseStartInfo extends DeploymentStartInfo {
  kind?: ReleaseKind;
  taskDefinitionArn?: string;
  previousTaskDefinitionArn?: string;
  gitSha?: string;
  /** Overrides the recorder's `ref` (a rollback deploys the target's commit, not the workflow's). */
  ref?: string;
}

export interface ReleaseFinishInfo {
  /** One line for the status description (trimmed to GitHub's 140 characters). */
  description?: string;
  environmentUrl?: string;
  outcome?: DeploymentFinishInfo['outcome'];
  /** Why the deploy stopped before it had an outcome (bad input, missing service…). */
  error?: string;
}

/** A recorder that also says which GitHub deployment it made, for tests and summaries. */
export interface GitHubDeploymentRecorder extends DeploymentRecorder {
  start(info: ReleaseStartInfo): Promise<void>;
  finish(status: 'success' | 'failure', info: ReleaseFinishInfo): Promise<void>;
  readonly deploymentId: number | undefined;
}

const SHA = /^[0-9a-f]{40}$/i;

/**
 * Records a deploy or rollback as a GitHub deployment of `environment`: created when the rollout
 * starts with the release in its payload, status `in_progress`, then `success` or `failure`.
 * Recording is a courtesy, never a reason to fail: the first error (typically a token without
 * `deployments: write`) becomes ONE warning and the recorder goes quiet for the rest of the run.
 */
export function createGitHubDeploymentRecorder(
  options: GitHubDeploymentRecorderOptions,
): GitHubDeploymentRecorder {
  const { octokit, owner, repo, environment, reporter } = options;
  let deploymentId: number | undefined;
  let disabled = false;

  const giveUp = (error: unknown): void => {
    disabled = true;
    const status = httpStatusOf(error);
    if (status === 403 || status === 404) {
      reporter.warning(
        `Not recording this in GitHub Deployments: the token cannot write deployments (${errorMessage(error)}). ` +
          'Grant the workflow `permissions: deployments: write` to keep the release history in GitHub; ' +
          'the ECS revision tags still record it.',
      );
    } else {
      reporter.warning(`Could not record the GitHub deployment for "${environment}": ${errorMessage(error)}`);
    }
  };

  return {
    get deploymentId() {
      return deploymentId;
    },

    async start(info: ReleaseStartInfo): Promise<void> {
      if (disabled || deploymentId !== undefined) return;
      const kind = info.kind ?? 'deploy';
      const ref = info.ref ?? options.ref;
      const gitSha = info.gitSha ?? options.gitSha ?? (SHA.test(ref) ? ref : undefined);
      const payload: ReleasePayload = {
        kind,
        cluster: info.cluster,
        service: info.service,
        taskDefinitionArn: info.taskDefinitionArn ?? '',
        previousTaskDefinitionArn: info.previousTaskDefinitionArn,
        image: info.image,
        gitSha,
      };
      const target = info.taskDefinitionArn ? shortTaskDefinitionName(info.taskDefinitionArn) : info.image;
      try {
        const created = await octokit.rest.repos.createDeployment({
          owner,
          repo,
          ref,
          environment,
          task: kind === 'rollback' ? ROLLBACK_TASK : DEPLOY_TASK,
          // The image is already built and tested: do not merge the default branch in, do not wait for checks.
          auto_merge: false,
          required_contexts: [],
          // An ECS service outlives the run; "production" is what GitHub itself treats as production.
          transient_environment: false,
          production_environment: /^prod(uction)?$/i.test(environment),
          description: oneLine(`${kind === 'rollback' ? 'Rollback' : 'Deploy'} ${info.service} to ${target}`),
          payload: withoutUndefined(payload),
        });
        if (!('id' in created.data)) {
          throw new Error(created.data.message ?? 'GitHub did not create the deployment');
        }
        deploymentId = created.data.id;
        await octokit.rest.repos.createDeploymentStatus({
          owner,
          repo,
          deployment_id: deploymentId,
          state: 'in_progress',
          log_url: options.runUrl,
          description: oneLine(`Rolling ${info.service} out to ${target}`),
        });
        reporter.info(`Recorded GitHub deployment ${deploymentId} for environment "${environment}".`);
      } catch (error) {
        giveUp(error);
      }
    },

    async finish(status: 'success' | 'failure', info: ReleaseFinishInfo): Promise<void> {
      if (disabled || deploymentId === undefined) return;
      try {
        await octokit.rest.repos.createDeploymentStatus({
          owner,
          repo,
          deployment_id: deploymentId,
          state: status,
          log_url: options.runUrl,
          environment_url: info.environmentUrl ?? options.environmentUrl,
          description: oneLine(info.description ?? finalDescription(status, info)),
          // Earlier successful deployments of this environment are no longer what runs.
          auto_inactive: status === 'success',
        });
      } catch (error) {
        giveUp(error);
      }
    },
  };
}

/**
 * Names the revision's full ARN first: a deploy only learns it after the deployment was created,
 * and the history reads it back from here (`taskDefinitionArnIn`).
 */
function finalDescription(status: 'success' | 'failure', info: ReleaseFinishInfo): string {
  const outcome = info.outcome;
  if (!outcome) return info.error ? `${status}: ${info.error}` : status;
  if (status === 'success') return `Running ${outcome.taskDefinitionArn}`;
  return `${outcome.status} ${outcome.taskDefinitionArn}: ${outcome.rollout.reason}`;
}

/** GitHub rejects descriptions over 140 characters. */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 140 ? `${flat.slice(0, 139)}…` : flat;
}

function withoutUndefined(payload: ReleasePayload): Record<string, string> {
  return Object.fromEntries(
    Object.entries(payload).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '',
    ),
  );
}
