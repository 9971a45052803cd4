import { errorMessage } from '../core/errors';
import { restoreCommand } from '../database/snapshot';
import { readEcsReleases, type ReleaseRecord } from '../release-history';
import type { JobContext } from './job-context';
import type { RestoreHint } from './release-result';

/**
 * The database snapshots a rollback should mention: those taken before releases newer than the target (up
 * to what runs now), oldest first, since the oldest holds the content as the target's code last saw it.
 * Read from the GitHub history when there is one, else from the revisions' `db-snapshot` tags.
 */
export async function restoreHintsFor(
  ctx: JobContext,
  range: { family: string; targetRevision: number; currentRevision: number },
  githubReleases: readonly ReleaseRecord[] | undefined,
): Promise<RestoreHint[]> {
  let records: readonly ReleaseRecord[] = githubReleases?.filter((r) => r.family === range.family) ?? [];
  try {
    if (!records.some((r) => r.dbSnapshot)) records = await readEcsReleases(ctx.ecs, range.family);
  } catch (error) {
    ctx.reporter.debug(`Could not read the revisions' snapshot tags: ${errorMessage(error)}`);
  }
  const seen = new Set<string>();
  return records
    .filter((r) => r.dbSnapshot && r.revision > range.targetRevision && r.revision <= range.currentRevision)
    .sort((a, b) => a.revision - b.revision)
    .filter((r) => !seen.has(r.dbSnapshot as string) && !!seen.add(r.dbSnapshot as string))
    .map((r) => ({
      snapshotId: r.dbSnapshot as string,
      before: `${r.family}:${r.revision}`,
      command: restoreCommand(r.dbSnapshot as string, ctx.region),
    }));
}
