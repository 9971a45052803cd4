/**
 * A release as the history knows it: which task definition revision ran, built from which commit
 * and image, and how its rollout ended. GitHub deployments and ECS tags both map onto this shape.
 */
export type ReleaseKind = 'deploy' | 'rollback';

/** Where a release record came from; also what a rollback reports as `resolved-by`. */
export type HistorySource = 'github-deployments' | 'ecs-tags' | 'ecs-revisions';

/** How the rollout of a release ended; `unknown` when the source cannot tell (plain ECS revisions). */
export type ReleaseOutcome = 'success' | 'failure' | 'in-progress' | 'unknown';

export interface ReleaseRecord {
  source: HistorySource;
  kind: ReleaseKind;
  taskDefinitionArn: string;
  family: string;
  revision: number;
  outcome: ReleaseOutcome;
  image?: string;
  gitSha?: string;
  runId?: string;
  previousTaskDefinitionArn?: string;
  /** ISO 8601; when the deployment was created or the revision registered. */
  createdAt?: string;
  /** The GitHub deployment id, for records read from GitHub. */
  githubDeploymentId?: number;
  environment?: string;
  /** ECS status of the revision when known (ACTIVE / INACTIVE). */
  revisionStatus?: string;
}

export interface TaskDefinitionName {
  family: string;
  revision: number;
}

/** `arn:aws:ecs:<region>:<account>:task-definition/<family>:<revision>` or `<family>:<revision>`. */
export function parseTaskDefinitionArn(arnOrName: string): TaskDefinitionName | undefined {
  const name = arnOrName.includes(':task-definition/')
    ? arnOrName.slice(arnOrName.indexOf(':task-definition/') + ':task-definition/'.length)
    : arnOrName;
  const match = /^([A-Za-z0-9_-]{1,255}):(\d+)$/.exec(name);
  if (!match) return undefined;
  return { family: match[1] as string, revision: Number(match[2]) };
}

/** `family:revision`, the short name people read in logs and summaries. */
export function shortTaskDefinitionName(arn: string): string {
  const parsed = parseTaskDefinitionArn(arn);
  return parsed ? `${parsed.family}:${parsed.revision}` : arn;
}

/** Last path segment of a cluster or service ARN, so names and ARNs compare equal. */
export function resourceName(nameOrArn: string): string {
  const slash = nameOrArn.lastIndexOf('/');
  return slash >= 0 ? nameOrArn.slice(slash + 1) : nameOrArn;
}
