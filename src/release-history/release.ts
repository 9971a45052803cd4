/**
 * A release as the history knows it: which task definition revision ran, built from which commit
 * and image, and how its rollout ended. GitHub deployments and ECS tags both map onto this shape.
 */
export type ReleaseKind = 'deploy' | 'rollback';

/** Where a release record came from; also what a rollback reports as `resolved-by`. */
export type HistorySource = 'github-deployments' | 'ecs-tags' | 'ecs-revisions';

/**
 * How the rollout of a release ended. `unknown`: nobody saw it end (the run was cancelled or died, or
 * the source cannot tell); such a release is never chosen as `previous`.
 */
export type ReleaseOutcome = 'success' | 'failure' | 'in-progress' | 'unknown';

export interface ReleaseRecord {
  source: HistorySource;
  kind: ReleaseKind;
  taskDefinitionArn: string;
  family: string;
  revision: number;
  outcome: ReleaseOutcome;
  image?: string | undefined;
  imageDigest?: string | undefined;
  gitSha?: string | undefined;
  runId?: string | undefined;
  previousTaskDefinitionArn?: string | undefined;
  /** ISO 8601; when the deployment was created or the revision registered. */
  createdAt?: string | undefined;
  /** The GitHub deployment id, for records read from GitHub. */
  githubDeploymentId?: number | undefined;
  environment?: string | undefined;
  /** ECS status of the revision when known (ACTIVE / INACTIVE). */
  revisionStatus?: string | undefined;
  /** The database snapshot taken just before this release rolled out, when one was. */
  dbSnapshot?: string | undefined;
}

/** The release a deploy or rollback is about to roll out, as the record side writes it. */
export interface ReleaseStart {
  kind: ReleaseKind;
  cluster: string;
  service: string;
  taskDefinitionArn: string;
  previousTaskDefinitionArn?: string;
  image?: string;
  gitSha?: string;
  runId?: string;
  /** The database snapshot taken before this release. */
  dbSnapshot?: string;
  /** The ref the GitHub deployment is for; default the recorder's (the workflow's commit). */
  ref?: string;
}

/** How it ended, once the verdict is in. `unknown` when the run stopped before one (cancelled). */
export interface ReleaseEnd {
  outcome: Exclude<ReleaseOutcome, 'in-progress'>;
  /** One line for people (GitHub status description, trimmed to 140 characters). */
  description: string;
}

/** The digest of a digest-pinned image reference, `sha256:…`. */
export function imageDigestOf(image: string | undefined): string | undefined {
  return image ? /@(sha256:[a-f0-9]{64})$/.exec(image)?.[1] : undefined;
}
