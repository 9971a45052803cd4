import { RecordingReporter } from '../../support/recording-reporter';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DeregisterTaskDefinitionCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  RegisterTaskDefinitionCommand,
  type ECSClient,
  type Tag,
} from '@aws-sdk/client-ecs';
import { createAwsClients } from '../../support/aws-clients';
import type { Clock } from '../../../src/core/clock';
import { ConfigurationError } from '../../../src/core/errors';

import { ServiceBusyError } from '../../../src/deploy/idle';
import { readReleaseHistory } from '../../../src/release-history';
import type { RollbackInputs } from '../../../src/rollback';
import type { JobEnvironment } from '../../../src/use-cases/job-context';
import { runRollback } from '../../../src/use-cases/rollback';
import { describeIfAvailable, missingCommand } from '../../support/components';
import { startMoto, type MotoServer } from '../../support/moto';

/**
 * The ECS side of rollbacks that moto models faithfully: task definition revisions with tags,
 * ListTaskDefinitions by status, deregistration, RegisterTaskDefinition's validation, its error
 * shapes. moto does not start a deployment on UpdateService (the one PRIMARY deployment changes its
 * task definition) and runs no tasks, so a service of desired count 0 is the one whose rollout it
 * finishes (COMPLETED at once); rollouts with tasks are the rollout simulator's part (rollback-sim.test.ts).
 */
const REPO = '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi';
const SHA = (n: number): string => String(n).repeat(40);

/** Tags in key order: moto lists a tag added by TagResource before the ones registered with the revision. */
function byKey(tags: Tag[] | undefined): Tag[] {
  return [...(tags ?? [])].sort((a, b) => (a.key ?? '').localeCompare(b.key ?? ''));
}

/** Virtual time: sleeping moves it, nothing waits for real. */
function manualClock(start = Date.UTC(2026, 0, 15, 10)): Clock {
  let now = start;
  return { now: () => now, sleep: async (ms) => void (now += ms) };
}

describeIfAvailable(missingCommand('moto_server'))('rollback against moto', () => {
  let moto: MotoServer;
  let ecs: ECSClient;
  let calls: string[] = [];
  const savedEnv = { ...process.env };
  const arns: string[] = [];

  beforeAll(async () => {
    moto = await startMoto();
    Object.assign(process.env, moto.env());
    ecs = createAwsClients({ region: 'ap-south-1', maxAttempts: 1 }).ecs;
    // Every command the code under test sends, by name: what proves a dry run changed nothing.
    ecs.middlewareStack.add(
      (next, context) => (args) => {
        calls.push(String(context.commandName));
        return next(args);
      },
      { step: 'initialize', name: 'recordCommands' },
    );
    await ecs.send(new CreateClusterCommand({ clusterName: 'prod' }));
    for (const version of [1, 2, 3, 4]) {
      const out = await ecs.send(
        new RegisterTaskDefinitionCommand({
          family: 'cms',
          requiresCompatibilities: ['FARGATE'],
          networkMode: 'awsvpc',
          cpu: '512',
          memory: '1024',
          containerDefinitions: [
            {
              name: 'strapi',
              image: `${REPO}:v${version}`,
              essential: true,
              portMappings: [{ containerPort: 1337 }],
            },
          ],
          // 1 was registered by hand; 2 to 4 by deploys that succeeded (their verdict tagged).
          tags:
            version === 1
              ? [{ key: 'app', value: 'strapi' }]
              : [
                  { key: 'app', value: 'strapi' },
                  { key: 'git-sha', value: SHA(version) },
                  { key: 'run-id', value: `${version}` },
                  { key: 'deploy-result', value: 'success' },
                ],
        }),
      );
      arns.push(out.taskDefinition?.taskDefinitionArn ?? '');
    }
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'other',
        containerDefinitions: [{ name: 'x', image: 'x:1', memory: 128 }],
      }),
    );
    await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'cms:2' }));
    // moto runs no tasks: a deployment is COMPLETED when 0 tasks are enough (desired 0), else IN_PROGRESS forever.
    for (const [serviceName, desiredCount] of [
      ['cms', 0],
      ['cms-restore', 0],
      ['busy', 2],
    ] as const) {
      await ecs.send(
        new CreateServiceCommand({
          cluster: 'prod',
          serviceName,
          taskDefinition: 'cms:4',
          desiredCount,
          launchType: 'FARGATE',
        }),
      );
    }
  });

  afterAll(async () => {
    await moto.stop();
    process.env = savedEnv;
  });

  beforeEach(() => {
    calls = [];
  });

  function env(reporter = new RecordingReporter()): JobEnvironment {
    return {
      clock: manualClock(),
      reporter,
      awsClients: () => ({ ecs, logs: createAwsClients({ region: 'ap-south-1' }).logs }),
    };
  }

  const request = (extra: Partial<RollbackInputs>): RollbackInputs => ({
    cluster: 'prod',
    service: 'cms',
    to: 'previous',
    dryRun: false,
    waitForIdle: false,
    force: false,
    wait: { waitMinutes: 1, pollSeconds: 10, maxTaskFailures: 2 },
    jobSummary: true,
    ...extra,
  });

  const runs = async (service: string): Promise<string | undefined> =>
    (await ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: [service] }))).services?.[0]
      ?.taskDefinition;

  test('the history from ECS alone: ACTIVE and INACTIVE revisions with their tags, newest first', async () => {
    const history = await readReleaseHistory(
      { ecs, reporter: new RecordingReporter() },
      { cluster: 'prod', service: 'cms' },
    );
    expect(history.source).toBe('ecs-tags');
    expect(history.currentTaskDefinitionArn).toBe(arns[3]);
    expect(
      history.releases.map((r) => [
        r.revision,
        r.revisionStatus,
        r.gitSha?.slice(0, 1) ?? '-',
        r.image,
        r.source,
        r.outcome,
      ]),
    ).toEqual([
      [4, 'ACTIVE', '4', `${REPO}:v4`, 'ecs-tags', 'success'],
      [3, 'ACTIVE', '3', `${REPO}:v3`, 'ecs-tags', 'success'],
      [2, 'INACTIVE', '2', `${REPO}:v2`, 'ecs-tags', 'success'],
      [1, 'ACTIVE', '-', `${REPO}:v1`, 'ecs-revisions', 'unknown'],
    ]);
  });

  test('dry run to previous: resolved from the tags, only reads sent', async () => {
    const result = await runRollback(env(), request({ dryRun: true }));
    expect([result.verdict, result.resolvedBy, result.to.revision, result.to.gitSha]).toEqual([
      'dry-run',
      'ecs-tags',
      'cms:3',
      SHA(3),
    ]);
    // The recorder saw the reads, so an empty list of the others means none were sent.
    expect(calls).toContain('DescribeServicesCommand');
    expect(calls.filter((c) => !/^(Describe|List)/.test(c))).toEqual([]);
    expect(await runs('cms')).toBe(arns[3]);
  });

  test('an INACTIVE revision is registered again; moto accepts the copy, and the service is rolled to it', async () => {
    const result = await runRollback(env(), request({ service: 'cms-restore', to: SHA(2).slice(0, 8) }));
    expect(result.verdict).toBe('succeeded');
    expect(result.reregisteredFrom).toBe(arns[1]);
    expect(result.to.taskDefinitionArn).toMatch(/task-definition\/cms:5$/);
    expect(calls.filter((c) => c === 'UpdateServiceCommand')).toHaveLength(1);
    expect(await runs('cms-restore')).toBe(result.to.taskDefinitionArn);
    const copy = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: 'cms:5', include: ['TAGS'] }),
    );
    expect(copy.taskDefinition?.status).toBe('ACTIVE');
    expect(copy.taskDefinition?.containerDefinitions?.[0]?.image).toBe(`${REPO}:v2`);
    // Where it came from and its commit; not the original's run-id; deploy-result from this rollout's own verdict.
    expect(byKey(copy.tags)).toEqual([
      { key: 'app', value: 'strapi' },
      { key: 'deploy-result', value: 'success' },
      { key: 'git-sha', value: SHA(2) },
      { key: 'restored-from', value: arns[1] },
    ]);
  });

  test.each([
    ['42', /not found: task definition cms:42 does not exist/],
    ['4', /cms:4 .* is already the revision the service runs/],
    ['arn:aws:ecs:ap-south-1:123456789012:task-definition/other:1', /belongs to family "other"/],
    ['9999999', /git SHA 9999999 not found/],
  ])("to %s is refused against moto's real answers", async (to, message) => {
    const rolling = runRollback(env(), request({ to }));
    await expect(rolling).rejects.toThrow(ConfigurationError);
    await expect(rolling).rejects.toThrow(message);
    expect(calls.filter((c) => !/^(Describe|List)/.test(c))).toEqual([]);
  });

  test('a deployment still rolling out is refused, naming it as moto describes it', async () => {
    const rolling = runRollback(env(), request({ service: 'busy' }));
    await expect(rolling).rejects.toThrow(ServiceBusyError);
    await expect(rolling).rejects.toThrow(
      /"busy" has a deployment in flight: ecs-svc\/\d+ \(to cms:4, IN_PROGRESS, started .*, 0\/2 tasks running\)/,
    );
    expect(calls.filter((c) => !/^(Describe|List)/.test(c))).toEqual([]);
  });

  test('an unknown service is a one-line error naming it', async () => {
    await expect(runRollback(env(), request({ service: 'nope' }))).rejects.toThrow(
      /Service "nope" not found in cluster "prod"/,
    );
  });
});
