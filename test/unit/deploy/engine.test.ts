import { RecordingReporter } from '../../support/recording-reporter';
import 'aws-sdk-client-mock-jest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListServicesCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  TagResourceCommand,
  UpdateServiceCommand,
  type DescribeServicesCommandOutput,
  type DescribeTaskDefinitionCommandOutput,
  type DescribeTasksCommandOutput,
  type Deployment,
} from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import type { Clock } from '../../../src/core/clock';
import { AwsCallError } from '../../../src/core/aws-errors';
import { ConfigurationError } from '../../../src/core/errors';

import {
  renderTaskDefinition,
  startRollout,
  type DeployServiceInputs,
  type EngineDeps,
} from '../../../src/deploy';
import { awslogsLocation } from '../../../src/deploy/diagnose';
import { ServiceBusyError } from '../../../src/deploy/idle';
import { runDeploy, type DeployJob } from '../../../src/use-cases/deploy';
import type { JobEnvironment } from '../../../src/use-cases/job-context';
import { deployInputs } from '../../support/simulated-aws';
import { fixture, taskDefinitionFixture } from './fixtures';

const ecsMock = mockClient(ECSClient);
const logsMock = mockClient(CloudWatchLogsClient);
const NEW_ARN = 'arn:aws:ecs:ap-south-1:123456789012:task-definition/strapi-production:8';
const OLD_ARN = 'arn:aws:ecs:ap-south-1:123456789012:task-definition/strapi-production:7';
const OURS = 'ecs-svc/4474419915736127711';
const BEFORE = 'ecs-svc/0912774163598412345';
const IMAGE = '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi:9f8e7d6';

function clock(): Clock {
  let now = Date.UTC(2026, 0, 15, 10);
  return { now: () => now, sleep: async (ms) => void (now += ms) };
}

/** The steps' dependencies, for the tests of one step (startRollout). */
function deps(): EngineDeps & { reporter: RecordingReporter } {
  return {
    ecs: new ECSClient({ region: 'ap-south-1' }),
    logs: new CloudWatchLogsClient({ region: 'ap-south-1' }),
    clock: clock(),
    reporter: new RecordingReporter(),
  };
}

/** What a shell hands runDeploy, with plain SDK clients (aws-sdk-client-mock answers their sends). */
function environment(): JobEnvironment & { reporter: RecordingReporter } {
  return {
    clock: clock(),
    reporter: new RecordingReporter(),
    awsClients: (region) => ({
      ecs: new ECSClient({ region }),
      logs: new CloudWatchLogsClient({ region }),
    }),
  };
}

function job(extra: Partial<DeployServiceInputs> = {}, release: Omit<DeployJob, 'inputs'> = {}): DeployJob {
  return {
    inputs: deployInputs('strapi-production', 'strapi', IMAGE, { region: 'ap-south-1', ...extra }),
    ...release,
  };
}

/** The service before the deploy: the saved "completed" response, on revision 7. */
function serviceBefore(): DescribeServicesCommandOutput {
  const out = fixture<DescribeServicesCommandOutput>('describe-services-completed');
  const service = out.services?.[0];
  if (service) {
    service.taskDefinition = OLD_ARN;
    service.deployments = [{ ...service.deployments?.[0], id: BEFORE, taskDefinition: OLD_ARN }];
    service.events = [];
  }
  return out;
}

/** An AWS answer that says nothing about whether the call was applied (a 5xx after the SDK's retries). */
function serverError(): Error {
  return Object.assign(new Error('We encountered an internal error. Please try again.'), {
    name: 'ServerException',
    $fault: 'server',
    $metadata: { httpStatusCode: 500 },
  });
}

function tagsWritten(): string[] {
  return ecsMock
    .commandCalls(TagResourceCommand)
    .flatMap((c) =>
      (c.args[0].input.tags ?? []).map((t) => `${c.args[0].input.resourceArn} ${t.key}=${t.value}`),
    );
}

beforeEach(() => {
  ecsMock.reset();
  logsMock.reset();
  ecsMock
    .on(DescribeTaskDefinitionCommand)
    .resolves(fixture<DescribeTaskDefinitionCommandOutput>('describe-task-definition-strapi'));
  ecsMock.on(RegisterTaskDefinitionCommand).resolves({ taskDefinition: { taskDefinitionArn: NEW_ARN } });
  ecsMock
    .on(UpdateServiceCommand)
    .resolves({ service: fixture<DescribeServicesCommandOutput>('describe-services-rolling').services?.[0] });
  ecsMock.on(TagResourceCommand).resolves({});
});

describe('runDeploy requests', () => {
  test('registers the rendered revision and updates the service with exactly the inputs given', async () => {
    ecsMock
      .on(DescribeServicesCommand)
      .resolvesOnce(serviceBefore())
      .resolvesOnce(fixture('describe-services-rolling'))
      .resolves(fixture('describe-services-completed'));
    const result = await runDeploy(
      environment(),
      job({ desiredCount: 3, forceNewDeployment: true }, { gitSha: 'abc' }),
    );

    expect(result.verdict).toBe('succeeded');
    expect(result.from.taskDefinitionArn).toBe(OLD_ARN);
    expect(result.to).toMatchObject({
      taskDefinitionArn: NEW_ARN,
      revision: 'strapi-production:8',
      image: IMAGE,
      gitSha: 'abc',
    });
    expect(result.rollout?.deploymentId).toBe(OURS);
    expect(ecsMock).toHaveReceivedCommandWith(DescribeTaskDefinitionCommand, {
      taskDefinition: OLD_ARN,
      include: ['TAGS'],
    });
    const expected = renderTaskDefinition(taskDefinitionFixture('describe-task-definition-strapi'), {
      image: IMAGE,
      revisionTags: { 'git-sha': 'abc' },
    }).input;
    const registered = ecsMock.commandCalls(RegisterTaskDefinitionCommand)[0]?.args[0].input;
    expect(registered).toEqual(expected);
    // The saved revision carries its own git-sha and run-id: the new one has this job's commit and no run-id.
    expect(registered?.tags).toEqual([
      { key: 'app', value: 'strapi' },
      { key: 'git-sha', value: 'abc' },
    ]);
    expect(ecsMock).toHaveReceivedCommandWith(UpdateServiceCommand, {
      cluster: 'strapi-production',
      service: 'strapi',
      taskDefinition: NEW_ARN,
      desiredCount: 3,
      forceNewDeployment: true,
    });
    // Two polls (rolling, completed) and nothing else while waiting.
    expect(result.rollout?.apiCalls).toBe(2);
    expect(ecsMock).toHaveReceivedCommandTimes(ListTasksCommand, 0);
    // The verdict is written on the new revision once it is in, and only then.
    expect(tagsWritten()).toEqual([`${NEW_ARN} deploy-result=success`]);
  });

  test('a task definition file replaces DescribeTaskDefinition; desired count is left alone when not given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'td-'));
    const file = join(dir, 'td.json');
    writeFileSync(file, JSON.stringify(fixture('register-task-definition-input')));
    ecsMock
      .on(DescribeServicesCommand)
      .resolvesOnce(serviceBefore())
      .resolves(fixture('describe-services-completed'));
    await runDeploy(environment(), job({ taskDefinitionFile: file }));

    // The only DescribeTaskDefinition is of what ran before (the summary's "from"), never as the source.
    expect(
      ecsMock.commandCalls(DescribeTaskDefinitionCommand).map((c) => c.args[0].input.taskDefinition),
    ).toEqual([OLD_ARN]);
    expect(ecsMock).toHaveReceivedCommandWith(RegisterTaskDefinitionCommand, {
      family: 'strapi-staging',
      tags: [{ key: 'env', value: 'staging' }],
    });
    expect(ecsMock.commandCalls(UpdateServiceCommand)[0]?.args[0].input).not.toHaveProperty('desiredCount');
  });

  test.each([
    [
      'AccessDenied on DescribeServices',
      {},
      () =>
        ecsMock
          .on(DescribeServicesCommand)
          .rejects(
            Object.assign(
              new Error(
                'User: arn:aws:sts::123456789012:assumed-role/ci is not authorized to perform: ecs:DescribeServices',
              ),
              { name: 'AccessDeniedException' },
            ),
          ),
      /^Not allowed to call ecs:DescribeServices: User: .* is not authorized/,
    ],
    [
      'an unknown container',
      { containerName: 'web' },
      () => ecsMock.on(DescribeServicesCommand).resolves(serviceBefore()),
      /no container "web" in the task definition; it has strapi/,
    ],
    [
      'a missing service (names listed from ListServices)',
      {},
      () => {
        ecsMock.on(DescribeServicesCommand).resolves(fixture('describe-services-missing'));
        ecsMock.on(ListServicesCommand).resolves({
          serviceArns: ['arn:aws:ecs:ap-south-1:123456789012:service/strapi-production/strapi'],
        });
      },
      /^Service "strapi" not found in cluster "strapi-production"; services that exist: strapi\.$/,
    ],
    [
      'a missing task definition file',
      { taskDefinitionFile: '/nonexistent/td.json' },
      () => ecsMock.on(DescribeServicesCommand).resolves(serviceBefore()),
      /^Input `task-definition`: cannot read \/nonexistent\/td\.json/,
    ],
    [
      'another deployment in flight',
      {},
      () => ecsMock.on(DescribeServicesCommand).resolves(fixture('describe-services-rolling')),
      /^Service "strapi" has a deployment in flight: ecs-svc\/4474419915736127711 \(to strapi-production:8, IN_PROGRESS, .*1\/2 tasks running\)\. .*wait-for-idle: true/,
    ],
  ] as [string, Partial<DeployServiceInputs>, () => void, RegExp][])(
    '%s: a ConfigurationError and nothing registered or updated',
    async (_name, extra, arrange, message) => {
      arrange();
      const attempt = runDeploy(environment(), job(extra));
      await expect(attempt).rejects.toThrow(ConfigurationError);
      await expect(runDeploy(environment(), job(extra))).rejects.toThrow(message);
      expect(ecsMock).toHaveReceivedCommandTimes(RegisterTaskDefinitionCommand, 0);
      expect(ecsMock).toHaveReceivedCommandTimes(UpdateServiceCommand, 0);
      expect(ecsMock).toHaveReceivedCommandTimes(TagResourceCommand, 0);
    },
  );

  test('a bad image URI fails before any AWS call', async () => {
    await expect(runDeploy(environment(), job({ image: 'Strapi:Latest' }))).rejects.toThrow(
      ConfigurationError,
    );
    expect(ecsMock.calls()).toHaveLength(0);
  });
});

describe('a deployment in flight', () => {
  test('refused with ServiceBusyError, naming the deployment', async () => {
    ecsMock.on(DescribeServicesCommand).resolves(fixture('describe-services-rolling'));
    const error = await runDeploy(environment(), job()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceBusyError);
    expect((error as Error).message).toMatch(/ecs-svc\/4474419915736127711/);
    expect(ecsMock).toHaveReceivedCommandTimes(DescribeServicesCommand, 1);
  });

  test('with wait-for-idle: waits for it to end, then deploys from what runs after it', async () => {
    ecsMock
      .on(DescribeServicesCommand)
      .resolvesOnce(fixture('describe-services-rolling')) // lookup: busy
      .resolvesOnce(fixture('describe-services-rolling')) // still busy 10 s later
      .resolvesOnce(serviceBefore()) // idle on :7
      .resolvesOnce(fixture('describe-services-rolling'))
      .resolves(fixture('describe-services-completed'));
    const env = environment();
    const started = env.clock.now();
    const result = await runDeploy(env, job({ waitForIdle: true }));

    expect(result.verdict).toBe('succeeded');
    expect(result.from.taskDefinitionArn).toBe(OLD_ARN);
    expect(env.reporter.text()).toMatch(
      /Waiting for deployment ecs-svc\/4474419915736127711 .* to finish before the deploy/,
    );
    // Two idle checks 10 s apart, then the rollout's own polls.
    expect(ecsMock.commandCalls(UpdateServiceCommand)).toHaveLength(1);
    expect(env.clock.now() - started).toBeGreaterThanOrEqual(20_000);
  });
});

describe('fail fast with a diagnosis', () => {
  test('2 failed tasks: ListTasks by service and state, tasks picked by startedBy, the log tail from the awslogs config, then rollback', async () => {
    const failing = fixture<DescribeServicesCommandOutput>('describe-services-rolling');
    const ours = failing.services?.[0]?.deployments?.[0];
    if (ours) Object.assign(ours, { failedTasks: 2, runningCount: 0, pendingCount: 2 });
    const rolledBack = serviceBefore();
    ecsMock
      .on(DescribeServicesCommand)
      .resolvesOnce(serviceBefore()) // lookup
      .resolvesOnce(failing) // poll 1 (it also says ECS started no rollback: no second look before ours)
      .resolves(rolledBack); // rollback polls, and what runs at the end
    const taskArn =
      'arn:aws:ecs:ap-south-1:123456789012:task/strapi-production/1f2e3d4c5b6a47988a7b6c5d4e3f2a1b';
    const otherDeploymentsTask = taskArn.replace('1f2e', '3f2e');
    ecsMock
      .on(ListTasksCommand)
      .resolves({ taskArns: [taskArn, taskArn.replace('1f2e', '2f2e'), otherDeploymentsTask] });
    const crashed = fixture<DescribeTasksCommandOutput>('describe-tasks-crash-loop').tasks?.[0];
    ecsMock.on(DescribeTasksCommand).resolves({
      tasks: [
        { ...crashed, stoppedAt: new Date(Date.UTC(2026, 0, 15, 10, 0, 30)) },
        {
          ...crashed,
          taskArn: taskArn.replace('1f2e', '2f2e'),
          stoppedAt: new Date(Date.UTC(2026, 0, 15, 10, 0, 20)),
        },
        // A crashed task of the deployment before ours (same service): not evidence about this rollout.
        {
          ...crashed,
          taskArn: otherDeploymentsTask,
          startedBy: BEFORE,
          stoppedAt: new Date(Date.UTC(2026, 0, 15, 10, 0, 40)),
        },
      ],
    });
    ecsMock
      .on(UpdateServiceCommand)
      .resolvesOnce({ service: failing.services?.[0] })
      .resolves({ service: rolledBack.services?.[0] });
    logsMock.on(GetLogEventsCommand).resolves({
      events: [
        { message: '[2026-01-15 10:00:29.000] error: Missing APP_KEYS\n' },
        { message: 'Error: Missing APP_KEYS' },
      ],
    });
    const env = environment();
    const result = await runDeploy(env, job());

    expect(result.verdict).toBe('rolled-back');
    expect(result.rollout?.reason).toBe(
      '2 tasks of the deployment stopped and none became healthy; latest: task 1f2e3d4c5b6a47988a7b6c5d4e3f2a1b: EssentialContainerExited: "Essential container in task exited": strapi exit 1; log: Error: Missing APP_KEYS',
    );
    expect(result.rollout?.stoppedTasks.map((t) => t.taskArn)).toEqual([
      taskArn,
      taskArn.replace('1f2e', '2f2e'),
    ]);
    // The API reference: `startedBy` must be used alone, so tasks are listed by service and state.
    expect(ecsMock).toHaveReceivedCommandWith(ListTasksCommand, {
      cluster: 'strapi-production',
      serviceName: 'strapi',
      desiredStatus: 'STOPPED',
    });
    for (const call of ecsMock.commandCalls(ListTasksCommand)) {
      expect(call.args[0].input).not.toHaveProperty('startedBy');
    }
    expect(logsMock).toHaveReceivedCommandWith(GetLogEventsCommand, {
      logGroupName: '/ecs/strapi-production',
      logStreamName: 'ecs/strapi/1f2e3d4c5b6a47988a7b6c5d4e3f2a1b',
      limit: 30,
      startFromHead: false,
    });
    expect(result.rollout?.stoppedTasks[0]?.logTail).toEqual([
      '[2026-01-15 10:00:29.000] error: Missing APP_KEYS',
      'Error: Missing APP_KEYS',
    ]);
    expect(ecsMock.commandCalls(UpdateServiceCommand)[1]?.args[0].input).toMatchObject({
      taskDefinition: OLD_ARN,
    });
    expect(result.rollback?.by).toBe('strapi-deploy');
    expect(result.rollback?.rollout?.verdict).toBe('succeeded');
    expect(result.endedOn).toBe(OLD_ARN);
    expect(env.reporter.text()).toMatch(/Rollout failed: 2 tasks/);
    expect(tagsWritten()).toEqual([`${NEW_ARN} deploy-result=failure`]);
  });
});

describe('a look at the rollout that fails', () => {
  // pollUntil's one documented layer on top of the SDK's retries: a transient failure costs a look, not the wait.
  test.each([
    [
      'throttled',
      () =>
        Object.assign(new Error('Rate exceeded'), {
          name: 'ThrottlingException',
          $fault: 'client',
          $metadata: { httpStatusCode: 400 },
        }),
    ],
    ['a 5xx', serverError],
  ])('%s (after the SDK retries): a warning, and the next poll carries on', async (_name, error) => {
    ecsMock
      .on(DescribeServicesCommand)
      .resolvesOnce(serviceBefore()) // lookup
      .rejectsOnce(error()) // poll 1
      .resolvesOnce(fixture('describe-services-rolling')) // poll 2
      .resolves(fixture('describe-services-completed'));
    const env = environment();
    const result = await runDeploy(env, job());

    expect(result.verdict).toBe('succeeded');
    expect(env.reporter.lines.filter((l) => l.level === 'warning').map((l) => l.message)).toEqual([
      expect.stringMatching(
        /^\[deploy\] A look at the rollout failed \(ecs:DescribeServices failed: .*\); 1 in a row, trying again at the next poll\.$/,
      ),
    ]);
  });
});

describe('startRollout', () => {
  const target = { cluster: 'strapi-production', service: 'strapi', taskDefinitionArn: OLD_ARN };

  test('updates to the given revision and names the deployment that runs it', async () => {
    ecsMock.on(UpdateServiceCommand).resolves({ service: serviceBefore().services?.[0] });
    const started = await startRollout(deps(), target);
    expect(started.deploymentId).toBe(BEFORE);
    expect(ecsMock).toHaveReceivedCommandWith(UpdateServiceCommand, {
      taskDefinition: OLD_ARN,
      forceNewDeployment: false,
    });
    expect(ecsMock).toHaveReceivedCommandTimes(DescribeServicesCommand, 0);
  });

  /** What DescribeServices shows after the unclear UpdateService: our revision PRIMARY, or still the old one. */
  const primaryOn = (taskDefinition: string): DescribeServicesCommandOutput => {
    const out = serviceBefore();
    const deployment = out.services?.[0]?.deployments?.[0] as Deployment;
    Object.assign(deployment, { id: 'ecs-svc/555', taskDefinition });
    return out;
  };

  test.each([
    [
      'a 5xx, and the re-read shows our revision PRIMARY: carries on with that deployment',
      serverError(),
      () => ecsMock.on(DescribeServicesCommand).resolves(primaryOn(NEW_ARN)),
      { deploymentId: 'ecs-svc/555' },
      1,
    ],
    [
      'a dropped connection, and the re-read shows our revision PRIMARY: carries on',
      Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      () => ecsMock.on(DescribeServicesCommand).resolves(primaryOn(NEW_ARN)),
      { deploymentId: 'ecs-svc/555' },
      1,
    ],
    [
      // Reads are eventually consistent: looked for every 5 s over the 30 s grace (0, 5, ... 30 s).
      'a 5xx, and the re-reads over the grace show the old revision: the UpdateService error, named',
      serverError(),
      () => ecsMock.on(DescribeServicesCommand).resolves(primaryOn(OLD_ARN)),
      /^ecs:UpdateService failed: We encountered an internal error/,
      7,
    ],
    [
      // Three failed reads in a row end the search (each read is one SDK call here).
      'a 5xx, and the re-reads fail too: the UpdateService error, named',
      serverError(),
      () => ecsMock.on(DescribeServicesCommand).rejects(serverError()),
      /^ecs:UpdateService failed: We encountered an internal error/,
      3,
    ],
    [
      'a refusal is no ambiguity: no re-read',
      Object.assign(new Error('TaskDefinition is inactive'), {
        name: 'InvalidParameterException',
        $fault: 'client',
      }),
      () => undefined,
      /^ecs:UpdateService was rejected: TaskDefinition is inactive/,
      0,
    ],
  ] as [string, Error, () => void, { deploymentId: string } | RegExp, number][])(
    'after an unclear UpdateService: %s',
    async (_name, error, arrange, expected, rereads) => {
      ecsMock.on(UpdateServiceCommand).rejects(error);
      arrange();
      const d = deps();
      const starting = startRollout(d, { ...target, taskDefinitionArn: NEW_ARN });
      if (expected instanceof RegExp) {
        const thrown = await starting.catch((e: unknown) => e);
        expect((thrown as Error).message).toMatch(expected);
        if (rereads) expect(thrown).toBeInstanceOf(AwsCallError);
      } else {
        await expect(starting).resolves.toMatchObject(expected);
        expect(d.reporter.text()).toMatch(
          /The update was applied \(deployment ecs-svc\/555\); watching it\./,
        );
      }
      expect(ecsMock).toHaveReceivedCommandTimes(UpdateServiceCommand, 1);
      expect(ecsMock).toHaveReceivedCommandTimes(DescribeServicesCommand, rereads);
    },
  );

  test('runDeploy after an unclear UpdateService that was applied: one UpdateService, the rollout watched to success', async () => {
    ecsMock.on(UpdateServiceCommand).rejects(serverError());
    ecsMock
      .on(DescribeServicesCommand)
      .resolvesOnce(serviceBefore()) // lookup
      .resolvesOnce(fixture('describe-services-rolling')) // the re-read: ours (:8) is PRIMARY
      .resolvesOnce(fixture('describe-services-rolling'))
      .resolves(fixture('describe-services-completed'));
    const env = environment();
    const result = await runDeploy(env, job());

    expect(result.verdict).toBe('succeeded');
    expect(result.deploymentId).toBe(OURS);
    expect(result.error).toBeUndefined();
    expect(ecsMock).toHaveReceivedCommandTimes(UpdateServiceCommand, 1);
    expect(env.reporter.lines.find((l) => l.level === 'warning')?.message).toMatch(
      /^ecs:UpdateService gave no clear answer \(We encountered an internal error.*\); reading the service/,
    );
  });

  test('runDeploy after an unclear UpdateService that was not applied: a failed result naming the call, no rollback', async () => {
    ecsMock.on(UpdateServiceCommand).rejects(serverError());
    ecsMock.on(DescribeServicesCommand).resolves(serviceBefore());
    const result = await runDeploy(environment(), job());

    expect(result.verdict).toBe('failed');
    expect(result.reason).toMatch(/^ecs:UpdateService failed: We encountered an internal error/);
    expect(result.error).toMatchObject({ unexpected: false });
    expect(result.rollback).toBeUndefined();
    expect(result.endedOn).toBe(OLD_ARN);
    expect(ecsMock).toHaveReceivedCommandTimes(UpdateServiceCommand, 1);
  });
});

describe('awslogsLocation', () => {
  const containers =
    taskDefinitionFixture('describe-task-definition-firelens-sidecar').taskDefinition.containerDefinitions ??
    [];
  const task = 'arn:aws:ecs:eu-west-1:123456789012:task/cms/0123abcd';
  test.each([
    ['log_router', { group: '/ecs/cms-firelens', stream: 'firelens/log_router/0123abcd' }],
    ['cms', 'container cms does not log to CloudWatch (awslogs)'],
  ])('%s -> %j', (name, expected) => {
    expect(
      awslogsLocation(
        containers.find((c) => c.name === name),
        task,
      ),
    ).toEqual(expected);
  });
  test('no stream prefix: the stream cannot be derived', () => {
    expect(
      awslogsLocation(
        { name: 'x', logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': 'g' } } },
        task,
      ),
    ).toMatch(/awslogs-stream-prefix is not set/);
  });
});
