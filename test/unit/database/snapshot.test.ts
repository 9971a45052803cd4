import { CreateDBSnapshotCommand, DescribeDBSnapshotsCommand, RDSClient } from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { ConfigurationError } from '../../../src/core/errors';
import {
  dbInstanceFromContainer,
  restoreCommand,
  snapshotIdentifier,
  takeDbSnapshot,
} from '../../../src/database/snapshot';
import { RecordingReporter } from '../../support/recording-reporter';

describe('the database a Strapi container talks to', () => {
  test.each<[string, Record<string, string>, string | undefined]>([
    // The shape of an RDS endpoint: <id>.<account hash>.<region>.rds.amazonaws.com (RDS User Guide).
    [
      'DATABASE_HOST of the provision stack',
      { DATABASE_HOST: 'strapi-db.c9akciq32.eu-west-1.rds.amazonaws.com' },
      'strapi-db',
    ],
    [
      'upper case is the same instance',
      { DATABASE_HOST: 'Strapi-DB.c9akciq32.eu-west-1.rds.amazonaws.com' },
      'strapi-db',
    ],
    ['China regions', { DB_HOST: 'cms.c9akciq32.cn-north-1.rds.amazonaws.com.cn' }, 'cms'],
    ['PGHOST', { PGHOST: 'cms.c9akciq32.us-east-1.rds.amazonaws.com' }, 'cms'],
    ['a proxy or another host is not an instance', { DATABASE_HOST: 'db.internal.example' }, undefined],
    [
      'an RDS proxy endpoint is not an instance',
      { DATABASE_HOST: 'p.proxy-c9akciq32.us-east-1.rds.amazonaws.com' },
      undefined,
    ],
    ['no variable', {}, undefined],
  ])('%s', (_name, vars, expected) => {
    const environment = Object.entries(vars).map(([name, value]) => ({ name, value }));
    expect(dbInstanceFromContainer({ name: 'strapi', environment })).toBe(expected);
  });
});

describe('snapshot names and the restore command', () => {
  const at = Date.UTC(2026, 0, 15, 10, 3, 41);
  test.each([
    ['cms', 'strapi-deploy-cms-20260115-100341'],
    [
      'arn:aws:ecs:eu-west-1:123456789012:service/prod/My_Service',
      'strapi-deploy-my-service-20260115-100341',
    ],
    ['--', 'strapi-deploy-service-20260115-100341'],
  ])('%s -> %s', (service, expected) => {
    const id = snapshotIdentifier(service, at);
    expect(id).toBe(expected);
    // RDS: a letter first, letters, digits and single hyphens, no trailing hyphen.
    expect(id).toMatch(/^[a-z](?!.*--)[a-z0-9-]*[a-z0-9]$/);
  });

  test('restore as a new instance whose name fits 63 characters', () => {
    const id = snapshotIdentifier('a-very-long-service-name-that-goes-on-and-on-and-on', at);
    const command = restoreCommand(id, 'eu-west-1');
    const instance = /--db-instance-identifier (\S+)/.exec(command)?.[1] ?? '';
    expect(instance.length).toBeLessThanOrEqual(63);
    expect(instance).toMatch(/^restored-[a-z0-9-]*[a-z0-9]$/);
    expect(command).toBe(
      `aws rds restore-db-instance-from-db-snapshot --db-snapshot-identifier ${id} --db-instance-identifier ${instance} --region eu-west-1`,
    );
  });
});

describe('takeDbSnapshot: the answers moto does not give (hand-written RDS answers)', () => {
  const rdsMock = mockClient(RDSClient);
  afterEach(() => rdsMock.reset());
  const clock = () => {
    let now = Date.UTC(2026, 0, 15, 10);
    return { now: () => now, sleep: async (ms: number) => void (now += ms) };
  };
  const request = { dbInstance: 'strapi-db', snapshotId: 'strapi-deploy-cms-1', tags: {}, waitMinutes: 2 };

  test('creating, then available: progress on the way, the time on the job clock', async () => {
    rdsMock.on(CreateDBSnapshotCommand).resolves({ DBSnapshot: { Status: 'creating' } });
    rdsMock
      .on(DescribeDBSnapshotsCommand)
      .resolvesOnce({ DBSnapshots: [{ Status: 'creating', PercentProgress: 40 }] })
      .resolves({ DBSnapshots: [{ Status: 'available', PercentProgress: 100, DBSnapshotArn: 'arn:x' }] });
    const reporter = new RecordingReporter();
    const taken = await takeDbSnapshot({ rds: new RDSClient({}), clock: clock(), reporter }, request);
    expect(taken).toEqual({
      snapshotId: 'strapi-deploy-cms-1',
      dbInstance: 'strapi-db',
      arn: 'arn:x',
      seconds: 15,
    });
    expect(reporter.lines.filter((l) => l.level === 'progress').map((l) => l.message)).toEqual([
      'Snapshot strapi-deploy-cms-1: creating, 40% after 0 s',
    ]);
  });

  test.each<[string, () => void, string, string]>([
    [
      'the instance is not there',
      () =>
        rdsMock
          .on(CreateDBSnapshotCommand)
          .rejects(
            Object.assign(new Error('DBInstance strapi-db not found.'), { name: 'DBInstanceNotFoundFault' }),
          ),
      'db-instance',
      'DB instance "strapi-db" was not found',
    ],
    [
      'the snapshot failed',
      () => {
        rdsMock.on(CreateDBSnapshotCommand).resolves({});
        rdsMock.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [{ Status: 'failed' }] });
      },
      'snapshot',
      'ended failed',
    ],
    [
      'not available in time',
      () => {
        rdsMock.on(CreateDBSnapshotCommand).resolves({});
        rdsMock
          .on(DescribeDBSnapshotsCommand)
          .resolves({ DBSnapshots: [{ Status: 'creating', PercentProgress: 7 }] });
      },
      'snapshot',
      'was not available within 2 minutes (creating, 7%)',
    ],
  ])('%s: a ConfigurationError naming its input', async (_name, arrange, input, words) => {
    arrange();
    const error = await takeDbSnapshot(
      { rds: new RDSClient({}), clock: clock(), reporter: new RecordingReporter() },
      request,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ input });
    expect((error as Error).message).toContain(words);
  });
});
