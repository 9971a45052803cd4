import type { DBSnapshot, RDSClient } from '@aws-sdk/client-rds';
import type { ContainerDefinition } from '@aws-sdk/client-ecs';
import { awsErrorName, explainAwsError } from '../core/aws-errors';
import type { Clock } from '../core/clock';
import { ConfigurationError, errorMessage } from '../core/errors';
import { pollUntil } from '../core/poll';
import type { Reporter } from '../core/reporter';

/**
 * How long a snapshot is waited for. The first snapshot of an instance copies all its storage, later ones
 * only the blocks changed since the last (RDS docs, "Creating a DB snapshot for a Single-AZ DB instance");
 * a Strapi database of a few GiB takes minutes. An hour covers large first snapshots; past it the deploy
 * stops before any change and says the snapshot is still being made.
 */
export const SNAPSHOT_WAIT_MINUTES = 60;
/** DescribeDBSnapshots every 15 s: a snapshot takes minutes, so a finer look only costs calls. */
export const SNAPSHOT_POLL_SECONDS = 15;

// An RDS endpoint is `<db-instance-identifier>.<account hash>.<region>.rds.amazonaws.com` (RDS User Guide,
// "Finding the connection information for an RDS for PostgreSQL DB instance"): its first label is the id.
const RDS_ENDPOINT = /^([a-z][a-z0-9-]{0,62})\.[a-z0-9]+\.[a-z0-9-]+\.rds\.amazonaws\.com(?:\.cn)?$/i;
const DB_HOST_VARIABLES = ['DATABASE_HOST', 'DB_HOST', 'PGHOST'];

/**
 * The DB instance a Strapi task talks to, from its container's DATABASE_HOST (the provision template sets
 * it to the instance endpoint): no input is needed for a provisioned stack.
 */
export function dbInstanceFromContainer(container: ContainerDefinition | undefined): string | undefined {
  for (const name of DB_HOST_VARIABLES) {
    const host = container?.environment?.find((e) => e.name === name)?.value?.trim();
    const id = host ? RDS_ENDPOINT.exec(host)?.[1] : undefined;
    if (id) return id.toLowerCase();
  }
  return undefined;
}

/**
 * `strapi-deploy-<service>-<UTC time>`: RDS wants letters, digits and single hyphens, a letter first, at
 * most 255 characters; the time keeps names unique and sorts them.
 */
export function snapshotIdentifier(service: string, at: number): string {
  const name =
    service
      .replace(/^.*\//, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'service';
  const stamp = new Date(at).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `strapi-deploy-${name}-${stamp}`.replace(/-{2,}/g, '-').slice(0, 255);
}

export interface SnapshotDeps {
  rds: RDSClient;
  clock: Clock;
  reporter: Reporter;
  signal?: AbortSignal;
}

export interface SnapshotRequest {
  dbInstance: string;
  snapshotId: string;
  /** Tags on the snapshot (the service, the revision it was taken before). */
  tags: Record<string, string>;
  waitMinutes?: number;
}

export interface TakenSnapshot {
  snapshotId: string;
  dbInstance: string;
  arn?: string | undefined;
  /** Seconds from CreateDBSnapshot to `available`, on the job's clock. */
  seconds: number;
}

function progressOf(snapshot: DBSnapshot | undefined): string {
  const percent = snapshot?.PercentProgress;
  return `${snapshot?.Status ?? 'unknown'}${percent !== undefined ? `, ${percent}%` : ''}`;
}

/**
 * CreateDBSnapshot of the instance, waited for until `available` with pollUntil. Any failure (the instance
 * is not there, no permission, the snapshot failed or did not finish in time) is a ConfigurationError: the
 * deploy has changed nothing yet, and does not start without the snapshot it was asked to take.
 */
export async function takeDbSnapshot(deps: SnapshotDeps, request: SnapshotRequest): Promise<TakenSnapshot> {
  const { rds, clock, reporter } = deps;
  // Loaded here, not at the top: a deploy that takes no snapshot never evaluates the RDS SDK (cold start).
  const { CreateDBSnapshotCommand, DescribeDBSnapshotsCommand } = await import('@aws-sdk/client-rds');
  const started = clock.now();
  let created: DBSnapshot | undefined;
  try {
    created = (
      await rds.send(
        new CreateDBSnapshotCommand({
          DBInstanceIdentifier: request.dbInstance,
          DBSnapshotIdentifier: request.snapshotId,
          Tags: Object.entries(request.tags).map(([Key, Value]) => ({ Key, Value })),
        }),
      )
    ).DBSnapshot;
  } catch (error) {
    if (awsErrorName(error) === 'DBInstanceNotFoundFault') {
      throw new ConfigurationError(
        `: DB instance "${request.dbInstance}" was not found; no snapshot was taken.`,
        'db-instance',
      );
    }
    throw explainAwsError(error, 'rds:CreateDBSnapshot');
  }
  reporter.info(`Creating snapshot ${request.snapshotId} of DB instance ${request.dbInstance}.`);
  const waitMinutes = request.waitMinutes ?? SNAPSHOT_WAIT_MINUTES;
  let last = created;
  const outcome = await pollUntil(
    clock,
    {
      every: SNAPSHOT_POLL_SECONDS * 1000,
      deadline: started + waitMinutes * 60_000,
      ...(deps.signal ? { signal: deps.signal } : {}),
      onTransientError: (error, n) =>
        reporter.debug(`DescribeDBSnapshots failed (${n} in a row): ${errorMessage(error)}`),
    },
    async () => {
      const found = (
        await rds.send(new DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: request.snapshotId }))
      ).DBSnapshots?.[0];
      last = found ?? last;
      const status = found?.Status;
      if (status === 'available') return { done: true, value: found };
      if (status === 'failed' || status === 'deleted' || status === 'error') {
        throw new ConfigurationError(
          `: the snapshot ${request.snapshotId} of ${request.dbInstance} ended ${status}.`,
          'snapshot',
        );
      }
      reporter.progress(
        `Snapshot ${request.snapshotId}: ${progressOf(found)} after ${Math.round((clock.now() - started) / 1000)} s`,
      );
      return { done: false };
    },
  ).catch((error: unknown) => {
    throw explainAwsError(error, 'rds:DescribeDBSnapshots');
  });
  if (outcome.status !== 'done') {
    throw new ConfigurationError(
      `: the snapshot ${request.snapshotId} of ${request.dbInstance} was not available ` +
        (outcome.status === 'cancelled' ? 'when the run was cancelled' : `within ${waitMinutes} minutes`) +
        ` (${progressOf(last)}); the deploy did not start. The snapshot goes on being made in RDS.`,
      'snapshot',
    );
  }
  const seconds = Math.round((clock.now() - started) / 1000);
  reporter.info(`Snapshot ${request.snapshotId} is available (${seconds} s).`);
  return {
    snapshotId: request.snapshotId,
    dbInstance: request.dbInstance,
    arn: outcome.value?.DBSnapshotArn ?? created?.DBSnapshotArn,
    seconds,
  };
}

/**
 * The command that puts a snapshot back. RDS restores a snapshot only as a new DB instance (never over an
 * existing one), so it gets a new identifier (at most 63 characters); point DATABASE_HOST at it afterwards.
 */
export function restoreCommand(snapshotId: string, region?: string): string {
  const instance = `restored-${snapshotId.replace(/^strapi-deploy-/, '')}`.slice(0, 63).replace(/-+$/, '');
  return [
    'aws rds restore-db-instance-from-db-snapshot',
    `--db-snapshot-identifier ${snapshotId}`,
    `--db-instance-identifier ${instance}`,
    ...(region ? [`--region ${region}`] : []),
  ].join(' ');
}
