import { RecordingReporter } from '../../support/recording-reporter';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DeregisterTaskDefinitionCommand,
  DescribeTaskDefinitionCommand,
  RegisterTaskDefinitionCommand,
  type ECSClient,
} from '@aws-sdk/client-ecs';
import { createAwsClients } from '../../../src/aws/clients';
import { ConfigurationError } from '../../../src/core/errors';

import type { RolloutOutcome } from '../../../src/deploy';
import { listReleaseHistory } from '../../../src/history';
import { rollbackService, type RollbackDeps, type RollbackRequest } from '../../../src/rollback';
import { describeIfAvailable, missingCommand } from '../../support/components';
import { startMoto, type MotoServer } from '../../support/moto';

/**
 * The ECS side of rollbacks that moto models faithfully: task definition revisions with tags,
 * ListTaskDefinitions by status, deregistration, RegisterTaskDefinition's validation, its error
 * shapes. moto does not switch a service's deployments on UpdateService, so rolling out is the
 * rollout simulator's part (rollback-sim.test.ts); here the roll is a recording stand-in.
 */
const REPO = '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi';
const SHA = (n: number): string => String(n).repeat(40);

describeIfAvailable(missingCommand('moto_server'))('rollback against moto', () => {
  let moto: MotoServer;
  let ecs: ECSClient;
  let calls: string[] = [];
  let rolls: string[] = [];
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
          tags:
            version === 1
              ? [{ key: 'app', value: 'strapi' }]
              : [
                  { key: 'app', value: 'strapi' },
                  { key: 'git-sha', value: SHA(version) },
                  { key: 'run-id', value: `${version}` },
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
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'prod',
        serviceName: 'cms',
        taskDefinition: 'cms:4',
        desiredCount: 0,
        launchType: 'FARGATE',
      }),
    );
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'prod',
        serviceName: 'busy',
        taskDefinition: 'cms:4',
        desiredCount: 2,
        launchType: 'FARGATE',
      }),
    );
  });

  afterAll(async () => {
    await moto.stop();
    process.env = savedEnv;
  });

  beforeEach(() => {
    calls = [];
    rolls = [];
  });

  function deps(reporter = new RecordingReporter()): RollbackDeps {
    return {
      ecs,
      logs: createAwsClients({ region: 'ap-south-1' }).logs,
      clock: { now: () => 0, sleep: async () => undefined },
      reporter,
      roll: async (_deps, target) => {
        rolls.push(target.taskDefinitionArn);
        return {
          verdict: 'succeeded',
          reason: 'stand-in',
          taskDefinitionArn: target.taskDefinitionArn,
        } as RolloutOutcome;
      },
    };
  }

  const request = (extra: Partial<RollbackRequest>): RollbackRequest => ({
    cluster: 'prod',
    service: 'cms',
    to: 'previous',
    dryRun: false,
    waitForIdle: false,
    wait: { waitMinutes: 1, pollSeconds: 10, maxTaskFailures: 2 },
    ...extra,
  });

  test('the history from ECS alone: ACTIVE and INACTIVE revisions with their tags, newest first', async () => {
    const history = await listReleaseHistory(deps(), { cluster: 'prod', service: 'cms' });
    expect(history.source).toBe('ecs-tags');
    expect(history.currentTaskDefinitionArn).toBe(arns[3]);
    expect(
      history.releases.map((r) => [r.revision, r.revisionStatus, r.gitSha?.slice(0, 1) ?? '-', r.image]),
    ).toEqual([
      [4, 'ACTIVE', '4', `${REPO}:v4`],
      [3, 'ACTIVE', '3', `${REPO}:v3`],
      [2, 'INACTIVE', '2', `${REPO}:v2`],
      [1, 'ACTIVE', '-', `${REPO}:v1`],
    ]);
  });

  test('dry run to previous: resolved from the tags, only reads sent', async () => {
    const result = await rollbackService(deps(), request({ dryRun: true }));
    expect([result.resolvedBy, result.to.revision, result.to.gitSha]).toEqual(['ecs-tags', 'cms:3', SHA(3)]);
    // The recorder saw the reads, so an empty list of the others means none were sent.
    expect(calls).toContain('DescribeServicesCommand');
    expect(calls.filter((c) => !/^(Describe|List)/.test(c))).toEqual([]);
    expect(rolls).toEqual([]);
  });

  test('an INACTIVE revision is registered again; moto accepts the copy and it keeps image and tags', async () => {
    const result = await rollbackService(deps(), request({ to: SHA(2).slice(0, 8) }));
    expect(result.reregisteredFrom).toBe(arns[1]);
    expect(result.taskDefinitionArn).toMatch(/task-definition\/cms:5$/);
    expect(rolls).toEqual([result.taskDefinitionArn]);
    const copy = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: 'cms:5', include: ['TAGS'] }),
    );
    expect(copy.taskDefinition?.status).toBe('ACTIVE');
    expect(copy.taskDefinition?.containerDefinitions?.[0]?.image).toBe(`${REPO}:v2`);
    expect(copy.tags).toEqual(
      expect.arrayContaining([
        { key: 'git-sha', value: SHA(2) },
        { key: 'restored-from', value: arns[1] },
      ]),
    );
  });

  test.each([
    ['42', /not found: task definition cms:42 does not exist/],
    ['4', /cms:4 .* is already the revision the service runs/],
    ['arn:aws:ecs:ap-south-1:123456789012:task-definition/other:1', /belongs to family "other"/],
    ['9999999', /git SHA 9999999 not found/],
  ])("to %s is refused against moto's real answers", async (to, message) => {
    const rolling = rollbackService(deps(), request({ to }));
    await expect(rolling).rejects.toThrow(ConfigurationError);
    await expect(rolling).rejects.toThrow(message);
    expect(calls.filter((c) => !/^(Describe|List)/.test(c))).toEqual([]);
  });

  test('a deployment still rolling out is refused, naming it as moto describes it', async () => {
    const rolling = rollbackService(deps(), request({ service: 'busy' }));
    await expect(rolling).rejects.toThrow(ConfigurationError);
    await expect(rolling).rejects.toThrow(
      /"busy" has a deployment in progress: ecs-svc\/\d+ \(to cms:4, IN_PROGRESS, started .*, 0\/2 tasks running\)/,
    );
    expect(rolls).toEqual([]);
  });

  test('an unknown service is a one-line error naming it', async () => {
    await expect(rollbackService(deps(), request({ service: 'nope' }))).rejects.toThrow(
      /Service "nope" not found in cluster "prod"/,
    );
  });
});
