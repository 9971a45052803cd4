import { TagResourceCommand, type ECSClient } from '@aws-sdk/client-ecs';
import { errorMessage } from '../core/errors';
import type { Reporter } from '../core/reporter';
import { shortTaskDefinitionName } from '../ecs/names';
import { REVISION_TAGS } from '../ecs/revision-tags';
import { httpStatusOf, type GitHubDeploymentsTarget } from './github-client';
import { DEPLOY_TASK, ROLLBACK_TASK, type ReleasePayload } from './github-deployments';
import { imageDigestOf, type ReleaseEnd, type ReleaseStart } from './release';

/**
 * The record side of the release history: told when a release starts rolling out and how it ended.
 * It keeps two records: a result tag on the revision (the ECS-only history) and, with a token, a
 * GitHub deployment of the environment. Recording is a courtesy: a failure is one warning, never a
 * failed deploy, and the record is written only from a verdict (`finish`), never inherited.
 */
export interface ReleaseRecorder {
  start(release: ReleaseStart): Promise<void>;
  finish(end: ReleaseEnd): Promise<void>;
  /** The GitHub deployment made for this release, when one was. */
  readonly githubDeploymentId: number | undefined;
}

export interface GitHubRecording extends GitHubDeploymentsTarget {
  /** The ref deployments are for when the release names none (the workflow's commit). */
  ref: string;
  /** Link to the workflow run, shown as the deployment's log. */
  runUrl?: string;
  /** Where the app answers (shown as "View deployment" in GitHub). */
  environmentUrl?: string;
}

const SHA = /^[0-9a-f]{40}$/i;

/** GitHub rejects descriptions over 140 characters. */
export function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 140 ? `${flat.slice(0, 139)}…` : flat;
}

function payloadOf(release: ReleaseStart, gitSha: string | undefined): Record<string, string | number> {
  const payload: ReleasePayload = {
    schema: 1,
    kind: release.kind,
    cluster: release.cluster,
    service: release.service,
    taskDefinitionArn: release.taskDefinitionArn,
    ...(release.previousTaskDefinitionArn
      ? { previousTaskDefinitionArn: release.previousTaskDefinitionArn }
      : {}),
    ...(release.image ? { image: release.image } : {}),
    ...(imageDigestOf(release.image) ? { imageDigest: imageDigestOf(release.image) } : {}),
    ...(gitSha ? { gitSha } : {}),
    ...(release.runId ? { runId: release.runId } : {}),
    ...(release.dbSnapshot ? { dbSnapshot: release.dbSnapshot } : {}),
  };
  return payload as unknown as Record<string, string | number>;
}

/** A GitHub deployment per release: created `in_progress` at start, then success, failure or error. */
function createGitHubRecorder(github: GitHubRecording, reporter: Reporter) {
  const { octokit, owner, repo, environment } = github;
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
    async start(release: ReleaseStart): Promise<void> {
      if (disabled || deploymentId !== undefined) return;
      const ref = release.ref ?? github.ref;
      const gitSha = release.gitSha ?? (SHA.test(ref) ? ref : undefined);
      const target = shortTaskDefinitionName(release.taskDefinitionArn);
      try {
        const created = await octokit.rest.repos.createDeployment({
          owner,
          repo,
          ref,
          environment,
          task: release.kind === 'rollback' ? ROLLBACK_TASK : DEPLOY_TASK,
          // The image is already built and tested: do not merge the default branch in, do not wait for checks.
          auto_merge: false,
          required_contexts: [],
          // An ECS service outlives the run; "production" is what GitHub itself treats as production.
          transient_environment: false,
          production_environment: /^prod(uction)?$/i.test(environment),
          description: oneLine(
            `${release.kind === 'rollback' ? 'Rollback' : 'Deploy'} ${release.service} to ${target}`,
          ),
          payload: payloadOf(release, gitSha),
        });
        if (!('id' in created.data))
          throw new Error(created.data.message ?? 'GitHub did not create the deployment');
        deploymentId = created.data.id;
        await octokit.rest.repos.createDeploymentStatus({
          owner,
          repo,
          deployment_id: deploymentId,
          state: 'in_progress',
          ...(github.runUrl ? { log_url: github.runUrl } : {}),
          description: oneLine(`Rolling ${release.service} out to ${target}`),
        });
        reporter.info(`Recorded GitHub deployment ${deploymentId} for environment "${environment}".`);
      } catch (error) {
        giveUp(error);
      }
    },
    async finish(end: ReleaseEnd): Promise<void> {
      if (disabled || deploymentId === undefined) return;
      try {
        await octokit.rest.repos.createDeploymentStatus({
          owner,
          repo,
          deployment_id: deploymentId,
          // `error` marks a run that stopped before a verdict: the read side calls it unknown.
          state: end.outcome === 'unknown' ? 'error' : end.outcome,
          ...(github.runUrl ? { log_url: github.runUrl } : {}),
          ...(github.environmentUrl && end.outcome === 'success'
            ? { environment_url: github.environmentUrl }
            : {}),
          description: oneLine(end.description),
          // A newer success makes GitHub mark the older ones inactive, as its Deployments view expects.
          auto_inactive: end.outcome === 'success',
        });
      } catch (error) {
        giveUp(error);
      }
    },
  };
}

/**
 * Writes `deploy-result` on the revision once the verdict is known. Registering a tagged revision already
 * needs ecs:TagResource, so this asks for no new permission; `unknown` writes nothing (no verdict).
 */
async function tagResult(
  ecs: ECSClient,
  release: ReleaseStart,
  end: ReleaseEnd,
  reporter: Reporter,
): Promise<void> {
  if (end.outcome === 'unknown') return;
  try {
    await ecs.send(
      new TagResourceCommand({
        resourceArn: release.taskDefinitionArn,
        tags: [{ key: REVISION_TAGS.deployResult, value: end.outcome }],
      }),
    );
  } catch (error) {
    reporter.warning(
      `Could not tag ${release.taskDefinitionArn} with ${REVISION_TAGS.deployResult}=${end.outcome}: ${errorMessage(error)}`,
    );
  }
}

export function createReleaseRecorder(options: {
  ecs: ECSClient;
  reporter: Reporter;
  github?: GitHubRecording;
}): ReleaseRecorder {
  const github = options.github ? createGitHubRecorder(options.github, options.reporter) : undefined;
  let started: ReleaseStart | undefined;
  return {
    get githubDeploymentId() {
      return github?.deploymentId;
    },
    async start(release) {
      started = release;
      await github?.start(release);
    },
    async finish(end) {
      if (!started) return;
      await tagResult(options.ecs, started, end, options.reporter);
      await github?.finish(end);
    },
  };
}
