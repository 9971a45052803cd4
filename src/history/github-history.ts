import type { GitHubDeploymentsTarget } from './github-client';
import {
  parseTaskDefinitionArn,
  resourceName,
  type ReleaseKind,
  type ReleaseOutcome,
  type ReleaseRecord,
} from './release';

/** What every deploy and rollback writes into `payload` of its GitHub deployment. */
export interface ReleasePayload {
  kind: ReleaseKind;
  cluster: string;
  service: string;
  /**
   * Known when a rollback starts; a deploy registers its revision after the deployment is created,
   * so its ARN is written in the final status description instead (see `taskDefinitionArnIn`).
   */
  taskDefinitionArn?: string;
  previousTaskDefinitionArn?: string;
  image?: string;
  gitSha?: string;
}

/** Deployments made by this tool use this task name, so other tools' deployments are told apart. */
export const DEPLOY_TASK = 'deploy';
export const ROLLBACK_TASK = 'deploy:rollback';

export interface GitHubHistoryQuery {
  cluster: string;
  service: string;
  /** How many of the newest deployments to read (each costs one statuses call). */
  limit?: number;
}

/**
 * The releases of one ECS service recorded as GitHub deployments of the environment, newest first.
 * Deployments without our payload, or for another cluster/service sharing the environment, are skipped.
 * Errors (no permission, no network) propagate: the caller decides to fall back to ECS tags.
 */
export async function readGitHubReleases(
  target: GitHubDeploymentsTarget,
  query: GitHubHistoryQuery,
): Promise<ReleaseRecord[]> {
  const limit = Math.min(Math.max(query.limit ?? 30, 1), 100);
  const { data: deployments } = await target.octokit.rest.repos.listDeployments({
    owner: target.owner,
    repo: target.repo,
    environment: target.environment,
    per_page: limit,
  });
  const ours = deployments
    .map((deployment) => ({ deployment, payload: releasePayloadOf(deployment.payload) }))
    .filter(
      (d): d is { deployment: (typeof deployments)[number]; payload: ReleasePayload } =>
        d.payload !== undefined &&
        resourceName(d.payload.service) === resourceName(query.service) &&
        resourceName(d.payload.cluster) === resourceName(query.cluster),
    );

  const records: ReleaseRecord[] = [];
  // A few at a time: enough to be quick, few enough to stay clear of secondary rate limits.
  for (let i = 0; i < ours.length; i += 5) {
    const batch = ours.slice(i, i + 5);
    const outcomes = await Promise.all(
      batch.map(async ({ deployment }) => {
        const { data: statuses } = await target.octokit.rest.repos.listDeploymentStatuses({
          owner: target.owner,
          repo: target.repo,
          deployment_id: deployment.id,
          per_page: 100,
        });
        return {
          outcome: outcomeOfStatuses(statuses.map((s) => s.state)),
          taskDefinitionArn: statuses.map((s) => taskDefinitionArnIn(s.description)).find(Boolean),
        };
      }),
    );
    batch.forEach(({ deployment, payload }, index) => {
      const taskDefinitionArn = payload.taskDefinitionArn ?? outcomes[index]?.taskDefinitionArn;
      const name = taskDefinitionArn ? parseTaskDefinitionArn(taskDefinitionArn) : undefined;
      // A deploy that failed before registering a revision: nothing a rollback could return to.
      if (!taskDefinitionArn || !name) return;
      records.push({
        source: 'github-deployments',
        kind: payload.kind,
        taskDefinitionArn,
        family: name.family,
        revision: name.revision,
        outcome: outcomes[index]?.outcome ?? 'unknown',
        image: payload.image,
        gitSha: payload.gitSha ?? deployment.sha,
        previousTaskDefinitionArn: payload.previousTaskDefinitionArn,
        createdAt: deployment.created_at,
        githubDeploymentId: deployment.id,
        environment: deployment.environment,
      });
    });
  }
  // GitHub lists newest first already; sort anyway so the contract does not rest on that.
  return records.sort(newestFirst);
}

function newestFirst(a: ReleaseRecord, b: ReleaseRecord): number {
  const byTime = Date.parse(b.createdAt ?? '') - Date.parse(a.createdAt ?? '');
  if (Number.isFinite(byTime) && byTime !== 0) return byTime;
  return (b.githubDeploymentId ?? 0) - (a.githubDeploymentId ?? 0);
}

/**
 * Statuses come newest first. GitHub marks earlier successful deployments `inactive` when a newer one
 * to the same environment succeeds, so `inactive` after a `success` still means the rollout succeeded.
 */
function outcomeOfStatuses(statesNewestFirst: readonly string[]): ReleaseOutcome {
  const latest = statesNewestFirst.find((state) => state !== 'inactive');
  switch (latest) {
    case 'success':
      return 'success';
    case 'failure':
    case 'error':
      return 'failure';
    case 'in_progress':
    case 'queued':
    case 'pending':
      return statesNewestFirst[0] === 'inactive' ? 'unknown' : 'in-progress';
    default:
      return 'unknown';
  }
}

const TASK_DEFINITION_ARN = /arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:task-definition\/[A-Za-z0-9_-]+:\d+/;

/** The task definition ARN a status description names (the recorder writes it in the final status). */
export function taskDefinitionArnIn(description: string | null | undefined): string | undefined {
  return description ? TASK_DEFINITION_ARN.exec(description)?.[0] : undefined;
}

/** The payload as GitHub returns it: an object, or a JSON string for some clients and older records. */
function releasePayloadOf(raw: unknown): ReleasePayload | undefined {
  let value = raw;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (!value || typeof value !== 'object') return undefined;
  const p = value as Record<string, unknown>;
  const text = (key: string): string | undefined =>
    typeof p[key] === 'string' && p[key] !== '' ? (p[key] as string) : undefined;
  const taskDefinitionArn = text('taskDefinitionArn');
  const cluster = text('cluster');
  const service = text('service');
  if (!cluster || !service) return undefined;
  return {
    kind: p.kind === 'rollback' ? 'rollback' : 'deploy',
    cluster,
    service,
    taskDefinitionArn,
    previousTaskDefinitionArn: text('previousTaskDefinitionArn'),
    image: text('image'),
    gitSha: text('gitSha'),
  };
}
