import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CreateDBInstanceCommand,
  DescribeDBSnapshotsCommand,
  ListTagsForResourceCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import { createAwsClient } from '../../../src/aws/client-factory';
import { DescribeTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { createAwsClients } from '../../support/aws-clients';
import { main } from '../../../src/cli/cli';
import { CONTENT_SCHEMA_LABEL, encodeSchemaLabel, type ContentSchema } from '../../../src/content-schema';
import { ConfigurationError } from '../../../src/core/errors';
import { runDeploy } from '../../../src/use-cases/deploy';
import type { JobEnvironment } from '../../../src/use-cases/job-context';
import { runRollback } from '../../../src/use-cases/rollback';
import { renderReleaseSummary } from '../../../src/use-cases/summary';
import type { Simulator } from '../../../sim';
import { describeIfAvailable, missingCommand } from '../../support/components';
import { memoryIo } from '../../support/memory-io';
import { startFakeGitHub, type FakeGitHub } from '../../support/fake-github';
import { recordingActionKit } from '../../support/action-kit';
import { deployServiceAction } from '../../../src/action-kit/deploy-service-action';
import { startMoto, type MotoServer } from '../../support/moto';
import type { RecordingReporter } from '../../support/recording-reporter';
import {
  deployInputs,
  simulatedJob,
  startSimulatedAws,
  type SimulatedAws,
} from '../../support/simulated-aws';

/**
 * A release that drops content, end to end: ECS, ECR (BatchGetImage, GetDownloadUrlForLayer) and the
 * virtual clock are the rollout simulator's, RDS (CreateDBInstance, CreateDBSnapshot, DescribeDBSnapshots)
 * is moto_server's; every client is the real SDK over HTTP, found through AWS_ENDPOINT_URL_<SERVICE>.
 */
const CLUSTER = 'strapi';
const SERVICE = 'cms';
const DB = 'strapi-db';
const REPO = '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi';

// Written by hand: the starter's Article in two releases, the second without `body`.
const ARTICLE = {
  title: { type: 'string' },
  body: { type: 'richtext' },
  author: { type: 'relation', relation: 'manyToOne', target: 'api::author.author' },
};
const ARTICLE_WITHOUT_BODY = { title: ARTICLE.title, author: ARTICLE.author };
const schemaOf = (article: Record<string, unknown>): ContentSchema => ({
  contentTypes: {
    'api::article.article': { attributes: article as never },
    'api::author.author': { attributes: { name: { type: 'string' } } },
  },
  components: {},
});

const describeMoto = describeIfAvailable(missingCommand('moto_server'));

describeMoto('a destructive content-schema change: stopped, then allowed with a snapshot', () => {
  let moto: MotoServer;
  let aws: SimulatedAws;
  let sim: Simulator;
  let rds: RDSClient;
  let env: JobEnvironment;
  let reporter: RecordingReporter;
  let dbHost: string;
  let outDir: string;
  let gh: FakeGitHub;

  beforeAll(async () => {
    moto = await startMoto();
    aws = await startSimulatedAws({ AWS_ENDPOINT_URL_RDS: moto.endpoint });
    sim = aws.sim;
    rds = createAwsClient(RDSClient, { region: sim.region });
    const created = await rds.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: DB,
        Engine: 'postgres',
        DBInstanceClass: 'db.t4g.micro',
        AllocatedStorage: 20,
        MasterUsername: 'strapi',
        MasterUserPassword: 'not-a-real-password-1',
      }),
    );
    dbHost = created.DBInstance?.Endpoint?.Address ?? '';
    for (const [tag, article] of [
      ['1.0.0', ARTICLE],
      ['1.1.0', ARTICLE],
      ['2.0.0', ARTICLE_WITHOUT_BODY],
    ] as const) {
      sim.putImage('strapi', tag, undefined, undefined, {
        [CONTENT_SCHEMA_LABEL]: encodeSchemaLabel(schemaOf(article)),
      });
    }
    await sim.seedService({ cluster: CLUSTER, service: SERVICE, image: `${REPO}:1.0.0`, desiredCount: 1 });
    gh = await startFakeGitHub();
    // Releases recorded as GitHub deployments too (a local GitHub over HTTP), so the payload carries the snapshot.
    ({ env, reporter } = simulatedJob(sim, {
      github: {
        token: 'ghs_test',
        repository: { owner: 'acme', repo: 'cms' },
        environment: 'production',
        ref: '1'.repeat(40),
        env: { GITHUB_API_URL: gh.url },
      },
    }));
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-it-'));
  }, 60_000);

  afterAll(async () => {
    await aws?.close();
    await moto?.stop();
    await gh?.close();
    if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
  });

  afterEach(() => expect(sim.schemaViolations).toEqual([]));

  const running = (): string => sim.state.service(CLUSTER, SERVICE)?.taskDefinition ?? '';
  const snapshots = async () =>
    (await rds.send(new DescribeDBSnapshotsCommand({ DBInstanceIdentifier: DB, SnapshotType: 'manual' })))
      .DBSnapshots ?? [];

  test('an unchanged schema: no snapshot; the release points the app at the database', async () => {
    expect(dbHost).toMatch(new RegExp(`^${DB}\\.`));
    const result = await runDeploy(env, {
      inputs: deployInputs(CLUSTER, SERVICE, `${REPO}:1.1.0`, { environment: { DATABASE_HOST: dbHost } }),
    });
    expect(result.verdict).toBe('succeeded');
    expect(result.contentSchema?.kind).toBe('unchanged');
    expect(result.snapshot).toBeUndefined();
    expect(await snapshots()).toEqual([]);
  });

  test('dropping Article.body stops before any change: nothing registered, the service untouched', async () => {
    const before = running();
    const error = await runDeploy(env, { inputs: deployInputs(CLUSTER, SERVICE, `${REPO}:2.0.0`) }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).input).toBe('allow-destructive-schema');
    expect((error as Error).message).toContain('attribute api::article.article.body (richtext) removed');
    expect(running()).toBe(before);
    expect(sim.state.taskDefinition(`${SERVICE}:3`)).toBeUndefined();
    expect(await snapshots()).toEqual([]);
  });

  test('the CLI stops with exit 2 naming its flag; the action writes a not-started summary', async () => {
    const io = memoryIo({ clock: sim.clock, env: { ...process.env } });
    const code = await main(
      ['deploy', '--cluster', CLUSTER, '--service', SERVICE, '--image', `${REPO}:2.0.0`],
      io,
    );
    expect(code).toBe(2);
    expect(io.stderr.text).toContain(
      'Option --allow-destructive-schema is false and this release would lose content',
    );
    fs.writeFileSync(path.join(outDir, 'cli-stderr.txt'), io.stderr.text);

    const summaryFile = path.join(outDir, 'summary.md');
    fs.writeFileSync(summaryFile, '');
    const saved = process.env.GITHUB_STEP_SUMMARY;
    process.env.GITHUB_STEP_SUMMARY = summaryFile;
    const { kit, outputs } = recordingActionKit(
      { cluster: CLUSTER, service: SERVICE, 'image-uri': `${REPO}:2.0.0` },
      sim.clock,
      { env: { ...process.env, GITHUB_REPOSITORY: '' } },
    );
    await expect(deployServiceAction(kit)).rejects.toMatchObject({ input: 'allow-destructive-schema' });
    process.env.GITHUB_STEP_SUMMARY = saved;
    const summary = fs.readFileSync(summaryFile, 'utf8');
    expect(summary).toContain('## Deploy: not started');
    expect(summary).toContain(
      'Input `allow-destructive-schema` is false and this release would lose content Strapi drops at boot',
    );
    expect(summary).toContain('attribute api::article.article.body (richtext) removed');
    expect(summary).toContain('Nothing was changed.');
    expect(outputs.status).toBe('failed');
    expect(sim.state.taskDefinition(`${SERVICE}:3`)).toBeUndefined();
    // Kept for the report: the summary of a destructive release that was stopped, as the action writes it.
    if (process.env.SCHEMA_SUMMARY_OUT)
      fs.writeFileSync(process.env.SCHEMA_SUMMARY_OUT, summary + '\n---\n' + io.stderr.text);
  });

  test('allowed: a snapshot of the discovered database first, recorded on the revision and in the summary', async () => {
    const result = await runDeploy(env, {
      inputs: deployInputs(CLUSTER, SERVICE, `${REPO}:2.0.0`, { allowDestructiveSchema: true }),
      gitSha: '2'.repeat(40),
    });
    expect(result.verdict).toBe('succeeded');
    expect(result.contentSchema?.kind).toBe('destructive');
    const taken = await snapshots();
    expect(taken.map((s) => [s.DBSnapshotIdentifier, s.Status])).toEqual([
      [result.snapshot?.snapshotId, 'available'],
    ]);
    expect(result.snapshot).toMatchObject({
      dbInstance: DB,
      snapshotId: expect.stringMatching(/^strapi-deploy-cms-/),
    });
    const tags = await rds.send(new ListTagsForResourceCommand({ ResourceName: taken[0]?.DBSnapshotArn }));
    expect(tags.TagList).toEqual(
      expect.arrayContaining([
        { Key: 'strapi-deploy:service', Value: SERVICE },
        { Key: 'strapi-deploy:schema-change', Value: 'destructive' },
      ]),
    );
    const described = await createAwsClients({ region: sim.region }).ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: result.to.taskDefinitionArn, include: ['TAGS'] }),
    );
    expect(described.tags).toContainEqual({ key: 'db-snapshot', value: result.snapshot?.snapshotId });
    expect(gh.deployments.find((d) => d.id === result.githubDeploymentId)?.payload).toMatchObject({
      schema: 1,
      taskDefinitionArn: result.to.taskDefinitionArn,
      dbSnapshot: result.snapshot?.snapshotId,
    });
    const summary = renderReleaseSummary(result);
    expect(summary).toContain('### Content schema');
    expect(summary).toContain('attribute api::article.article.body (richtext) removed');
    expect(summary).toContain(`Database snapshot before the rollout: \`${result.snapshot?.snapshotId}\``);
    expect(reporter.lines.map((l) => l.message)).toContain(
      `Creating snapshot ${result.snapshot?.snapshotId} of DB instance ${DB}.`,
    );
  });

  test('a rollback to a revision before the snapshot prints the snapshot and the restore command', async () => {
    reporter.lines.length = 0;
    const result = await runRollback(env, {
      cluster: CLUSTER,
      service: SERVICE,
      to: '2',
      dryRun: false,
      waitForIdle: false,
      force: false,
      wait: { waitMinutes: 15, pollSeconds: 10, maxTaskFailures: 2 },
      jobSummary: true,
    });
    expect(result.verdict).toBe('succeeded');
    const [id] = (await snapshots()).map((s) => s.DBSnapshotIdentifier);
    const command = `aws rds restore-db-instance-from-db-snapshot --db-snapshot-identifier ${id} --db-instance-identifier restored-${id?.replace(/^strapi-deploy-/, '')} --region ${sim.region}`;
    expect(result.restoreFrom).toEqual([{ snapshotId: id, before: `${SERVICE}:3`, command }]);
    expect(reporter.lines.filter((l) => l.level === 'warning').map((l) => l.message)).toContainEqual(
      expect.stringContaining(command),
    );
    expect(renderReleaseSummary(result)).toContain(command);
  });

  test.each([
    ['auto: a warning, and the deploy goes on', 'auto' as const, true],
    ['always: the deploy stops, naming db-instance', 'always' as const, false],
  ])('an image without the label and a database that is not there: %s', async (_name, snapshot, goesOn) => {
    sim.putImage('strapi', `unlabelled-${snapshot}`);
    reporter.lines.length = 0;
    const attempt = runDeploy(env, {
      inputs: deployInputs(CLUSTER, SERVICE, `${REPO}:unlabelled-${snapshot}`, {
        snapshot,
        dbInstance: 'gone-db',
      }),
    });
    if (goesOn) {
      const result = await attempt;
      expect(result.verdict).toBe('succeeded');
      expect(result.contentSchema?.kind).toBe('unknown');
      expect(reporter.lines.filter((l) => l.level === 'warning').map((l) => l.message)).toEqual([
        expect.stringMatching(
          /^Content schema change unknown: new release: .*has no org\.strapi-deploy\.content-schema label/,
        ),
        'No snapshot before this release of unknown schema change: Input `db-instance`: DB instance "gone-db" was not found; no snapshot was taken.',
      ]);
    } else {
      const before = running();
      await expect(attempt).rejects.toMatchObject({ input: 'db-instance' });
      expect(running()).toBe(before);
    }
  });
});
