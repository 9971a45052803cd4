import { errorMessage } from '../core/errors';
import { restoreCommand } from '../database/snapshot';
import { REVISION_TAGS, tagValue } from '../ecs/revision-tags';
import { findRevision } from '../ecs/task-definitions';
import type { ReleaseRecord } from '../release-history';
import type { JobContext } from './job-context';
import type { RestoreHint } from './release-result';

/** At most this many revisions are read for their tag (one DescribeTaskDefinition each). */
const MAX_REVISIONS_READ = 25;

type SnapshotOfRevision = Pick<ReleaseRecord, 'family' | 'revision' | 'dbSnapshot'>;

/** The `db-snapshot` tags of the revisions after the target, up to what runs now, newest first. */
async function snapshotTags(
  ctx: JobContext,
  range: { family: string; targetRevision: number; currentRevision: number },
): Promise<SnapshotOfRevision[]> {
  const found: SnapshotOfRevision[] = [];
  const oldest = Math.max(range.targetRevision + 1, range.currentRevision - MAX_REVISIONS_READ + 1);
  for (let revision = range.currentRevision; revision >= oldest; revision--) {
    const described = await findRevision(ctx.ecs, `${range.family}:${revision}`);
    const dbSnapshot = described ? tagValue(described.tags, REVISION_TAGS.dbSnapshot) : undefined;
    if (dbSnapshot) found.push({ family: range.family, revision, dbSnapshot });
  }
  return found;
}

/**
 * The database snapshots a rollback should mention: those taken before releases newer than the target (up
 * to what runs now), oldest first, since the oldest holds the content as the target's code last saw it.
 * Read from the GitHub history when it names any, else from the revisions' `db-snapshot` tags.
 */
export async function restoreHintsFor(
  ctx: JobContext,
  range: { family: string; targetRevision: number; currentRevision: number },
  githubReleases: readonly ReleaseRecord[] | undefined,
): Promise<RestoreHint[]> {
  const inRange = (r: SnapshotOfRevision): boolean =>
    !!r.dbSnapshot && r.revision > range.targetRevision && r.revision <= range.currentRevision;
  let records: readonly SnapshotOfRevision[] =
    githubReleases?.filter((r) => r.family === range.family && inRange(r)) ?? [];
  try {
    if (!records.length) records = await snapshotTags(ctx, range);
  } catch (error) {
    ctx.reporter.debug(`Could not read the revisions' snapshot tags: ${errorMessage(error)}`);
  }
  const seen = new Set<string>();
  return records
    .filter(inRange)
    .sort((a, b) => a.revision - b.revision)
    .filter((r) => !seen.has(r.dbSnapshot as string) && !!seen.add(r.dbSnapshot as string))
    .map((r) => ({
      snapshotId: r.dbSnapshot as string,
      before: `${r.family}:${r.revision}`,
      command: restoreCommand(r.dbSnapshot as string, ctx.region),
    }));
}
