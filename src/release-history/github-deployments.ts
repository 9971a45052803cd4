import type { GitHubDeploymentsTarget } from './github-client';
import { parseTaskDefinitionArn, resourceName } from '../ecs/names';
import type { ReleaseKind, ReleaseOutcome, ReleaseRecord } from './release';

/**
 * What every deploy and rollback writes into `payload` of its GitHub deployment, structured so the
 * read side never parses free text. The deployment is created once the revision is registered, so the
 * task definition ARN is always known; the outcome is the deployment's final status state.
 */
export interface ReleasePayload {
  /** Version of this shape, for the readers of later releases. */
  schema: 1;
  kind: ReleaseKind;
  cluster: string;
  service: string;
  taskDefinitionArn: string;
  previousTaskDefinitionArn?: string | undefined;
  image?: string | undefined;
  imageDigest?: string | undefined;
  gitSha?: string | undefined;
  runId?: string | undefined;
  /**
   * The RDS snapshot taken before this release (added without a version bump: optional, so readers of
   * `schema: 1` payloads written before it, and older readers of new ones, are unaffected).
   */
  dbSnapshot?: string | undefined;
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
        return outcomeOfStatuses(statuses.map((s) => s.state));
      }),
    );
    batch.forEach(({ deployment, payload }, index) => {
      const name = parseTaskDefinitionArn(payload.taskDefinitionArn);
      if (!name) return;
      records.push({
        source: 'github-deployments',
        kind: payload.kind,
        taskDefinitionArn: payload.taskDefinitionArn,
        family: name.family,
        revision: name.revision,
        outcome: outcomes[index] ?? 'unknown',
        image: payload.image,
        imageDigest: payload.imageDigest,
        runId: payload.runId,
        gitSha: payload.gitSha ?? deployment.sha,
        previousTaskDefinitionArn: payload.previousTaskDefinitionArn,
        dbSnapshot: payload.dbSnapshot,
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
      return 'failure';
    // `error`: the run stopped before a verdict (cancelled, died); the release was never verified.
    case 'error':
      return 'unknown';
    case 'in_progress':
    case 'queued':
    case 'pending':
      return statesNewestFirst[0] === 'inactive' ? 'unknown' : 'in-progress';
    default:
      return 'unknown';
  }
}

/** The payload as GitHub returns it: an object, or a JSON string for some clients and older records. */
export function releasePayloadOf(raw: unknown): ReleasePayload | undefined {
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
  // Not ours (another tool's deployment), or a record without the revision it ran.
  if (!cluster || !service || !taskDefinitionArn) return undefined;
  return {
    schema: 1,
    kind: p.kind === 'rollback' ? 'rollback' : 'deploy',
    cluster,
    service,
    taskDefinitionArn,
    previousTaskDefinitionArn: text('previousTaskDefinitionArn'),
    image: text('image'),
    imageDigest: text('imageDigest'),
    gitSha: text('gitSha'),
    runId: text('runId'),
    dbSnapshot: text('dbSnapshot'),
  };
}
