import type { Tag } from '@aws-sdk/client-ecs';

/**
 * Tags this tool writes on task definition revisions, so the release history survives without GitHub.
 * `git-sha` and `run-id` are written when the revision is registered (they describe what it is);
 * `deploy-result` only after the verdict (how its rollout ended). None of them is ever copied from the
 * revision a new one is rendered from: a copied result would call an unverified release a success.
 */
export const REVISION_TAGS = {
  gitSha: 'git-sha',
  runId: 'run-id',
  /** `success` or `failure`; absent while a rollout runs, and forever when its run died. */
  deployResult: 'deploy-result',
  /** On a revision re-registered by a rollback: the INACTIVE revision it was copied from. */
  restoredFrom: 'restored-from',
  /** On a revision deployed after a database snapshot: the snapshot's identifier (restore from it). */
  dbSnapshot: 'db-snapshot',
} as const;

const RELEASE_TAG_KEYS: ReadonlySet<string> = new Set(Object.values(REVISION_TAGS));

/** True for the tags that describe one release, which a new revision must not inherit. */
export function isReleaseTag(key: string | undefined): boolean {
  return !!key && RELEASE_TAG_KEYS.has(key);
}

export function tagValue(tags: readonly Tag[], key: string): string | undefined {
  const value = tags.find((t) => t.key === key)?.value;
  return value === undefined || value === '' ? undefined : value;
}
