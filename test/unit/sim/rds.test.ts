import { DescribeDBSnapshotsCommand, RDSClient } from '@aws-sdk/client-rds';
import { createAwsClient } from '../../../src/aws/client-factory';
import { ConfigurationError } from '../../../src/core/errors';
import { takeDbSnapshot } from '../../../src/database/snapshot';
import { SNAPSHOT_SECONDS } from '../../../sim/rds';
import { RecordingReporter } from '../../support/recording-reporter';
import { startSimulatedAws, type SimulatedAws } from '../../support/simulated-aws';

/** The simulator's RDS (query protocol, XML) through the real SDK client, on the virtual clock. */
describe('the simulator’s RDS snapshots', () => {
  let aws: SimulatedAws;
  let rds: RDSClient;
  beforeAll(async () => {
    aws = await startSimulatedAws();
    rds = createAwsClient(RDSClient, { region: aws.sim.region });
  });
  afterAll(() => aws.close());

  test('creating with progress for SNAPSHOT_SECONDS, then available, with its tags', async () => {
    const host = aws.sim.rds.addInstance('strapi-db');
    expect(host).toMatch(/^strapi-db\.[a-z0-9]+\.ap-south-1\.rds\.amazonaws\.com$/);
    const reporter = new RecordingReporter();
    const taken = await takeDbSnapshot(
      { rds, clock: aws.sim.clock, reporter },
      {
        dbInstance: 'strapi-db',
        snapshotId: 'strapi-deploy-cms-1',
        tags: { 'strapi-deploy:service': 'cms' },
      },
    );
    expect(taken.seconds).toBe(SNAPSHOT_SECONDS);
    expect(reporter.lines.filter((l) => l.level === 'progress').map((l) => l.message)).toEqual([
      'Snapshot strapi-deploy-cms-1: creating, 0% after 0 s',
      'Snapshot strapi-deploy-cms-1: creating, 50% after 15 s',
    ]);
    const [snapshot] =
      (await rds.send(new DescribeDBSnapshotsCommand({ DBInstanceIdentifier: 'strapi-db' }))).DBSnapshots ??
      [];
    expect(snapshot).toMatchObject({
      DBSnapshotIdentifier: 'strapi-deploy-cms-1',
      Status: 'available',
      PercentProgress: 100,
      TagList: [{ Key: 'strapi-deploy:service', Value: 'cms' }],
    });
  });

  test('an instance that is not there: the SDK names the fault, the deploy names its input', async () => {
    const error = await takeDbSnapshot(
      { rds, clock: aws.sim.clock, reporter: new RecordingReporter() },
      { dbInstance: 'nope', snapshotId: 'strapi-deploy-cms-2', tags: {} },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ input: 'db-instance' });
  });
});
