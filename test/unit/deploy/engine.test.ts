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
  UpdateServiceCommand,
  type DescribeServicesCommandOutput,
  type DescribeTaskDefinitionCommandOutput,
  type DescribeTasksCommandOutput,
} from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import type { Clock } from '../../../src/core/clock';
import { ConfigurationError } from '../../../src/core/errors';

import {
  deployService,
  renderTaskDefinition,
  rollServiceTo,
  type DeployRequest,
  type EngineDeps,
} from '../../../src/deploy';
import { awslogsLocation } from '../../../src/deploy/diagnose';
import { fixture, taskDefinitionFixture } from './fixtures';

const ecsMock = mockClient(ECSClient);
const logsMock = mockClient(CloudWatchLogsClient);
const NEW_ARN = 'arn:aws:ecs:ap-south-1:123456789012:task-definition/strapi-production:8';
const OLD_ARN = 'arn:aws:ecs:ap-south-1:123456789012:task-definition/strapi-production:7';
const OURS = 'ecs-svc/4474419915736127711';
const IMAGE = '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi:9f8e7d6';

function clock(): Clock {
  let now = Date.UTC(2026, 0, 15, 10);
  return { now: () => now, sleep: async (ms) => void (now += ms) };
}

function deps(): EngineDeps & { reporter: RecordingReporter } {
  return {
    ecs: new ECSClient({ region: 'ap-south-1' }),
    logs: new CloudWatchLogsClient({ region: 'ap-south-1' }),
    clock: clock(),
    reporter: new RecordingReporter(),
  };
}

function request(extra: Partial<DeployRequest> = {}): DeployRequest {
  return {
    cluster: 'strapi-production',
    service: 'strapi',
    image: IMAGE,
    forceNewDeployment: false,
    rollbackOnFailure: true,
    wait: { waitMinutes: 15, pollSeconds: 10, maxTaskFailures: 2 },
    ...extra,
  };
}

/** The service before the deploy: the saved "completed" response, on revision 7. */
function serviceBefore(): DescribeServicesCommandOutput {
  const out = fixture<DescribeServicesCommandOutput>('describe-services-completed');
  const service = out.services?.[0];
  if (service) {
    service.taskDefinition = OLD_ARN;
    service.deployments = [
      { ...service.deployments?.[0], id: 'ecs-svc/0912774163598412345', taskDefinition: OLD_ARN },
    ];
    service.events = [];
  }
  return out;
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
});

describe('deployService requests', () => {
  test('registers the rendered revision and updates the service with exactly the inputs given', async () => {
    ecsMock
      .on(DescribeServicesCommand)
      .resolvesOnce(serviceBefore())
      .resolvesOnce(fixture('describe-services-rolling'))
      .resolves(fixture('describe-services-completed'));
    const outcome = await deployService(
      deps(),
      request({ desiredCount: 3, forceNewDeployment: true, revisionTags: { 'git-sha': 'abc' } }),
    );

    expect(outcome.status).toBe('succeeded');
    expect(outcome.previousTaskDefinitionArn).toBe(OLD_ARN);
    expect(outcome.rollout.deploymentId).toBe(OURS);
    expect(ecsMock).toHaveReceivedCommandWith(DescribeTaskDefinitionCommand, {
      taskDefinition: OLD_ARN,
      include: ['TAGS'],
    });
    const expected = renderTaskDefinition(taskDefinitionFixture('describe-task-definition-strapi'), {
      image: IMAGE,
      revisionTags: { 'git-sha': 'abc' },
    }).input;
    expect(ecsMock.commandCalls(RegisterTaskDefinitionCommand)[0]?.args[0].input).toEqual(expected);
    expect(ecsMock).toHaveReceivedCommandWith(UpdateServiceCommand, {
      cluster: 'strapi-production',
      service: 'strapi',
      taskDefinition: NEW_ARN,
      desiredCount: 3,
      forceNewDeployment: true,
    });
    // Two polls (rolling, completed) and nothing else while waiting.
    expect(outcome.rollout.apiCalls).toBe(2);
    expect(ecsMock).toHaveReceivedCommandTimes(ListTasksCommand, 0);
  });

  test('a task definition file replaces DescribeTaskDefinition; desired count is left alone when not given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'td-'));
    const file = join(dir, 'td.json');
    writeFileSync(file, JSON.stringify(fixture('register-task-definition-input')));
    ecsMock
      .on(DescribeServicesCommand)
      .resolvesOnce(serviceBefore())
      .resolves(fixture('describe-services-completed'));
    await deployService(deps(), request({ taskDefinitionFile: file }));

    expect(ecsMock).toHaveReceivedCommandTimes(DescribeTaskDefinitionCommand, 0);
    expect(ecsMock).toHaveReceivedCommandWith(RegisterTaskDefinitionCommand, {
      family: 'strapi-staging',
      tags: [{ key: 'env', value: 'staging' }],
    });
    expect(ecsMock.commandCalls(UpdateServiceCommand)[0]?.args[0].input).not.toHaveProperty('desiredCount');
  });

  test.each([
    [
      'AccessDenied on DescribeServices',
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
      () => ecsMock.on(DescribeServicesCommand).resolves(serviceBefore()),
      /no container "web" in the task definition; it has strapi/,
    ],
    [
      'a missing service (names listed from ListServices)',
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
      () => ecsMock.on(DescribeServicesCommand).resolves(serviceBefore()),
      /^Input `task-definition`: cannot read \/nonexistent\/td\.json/,
    ],
  ])('%s: a ConfigurationError and nothing registered or updated', async (name, arrange, message) => {
    arrange();
    const extra: Partial<DeployRequest> =
      name === 'an unknown container'
        ? { containerName: 'web' }
        : name === 'a missing task definition file'
          ? { taskDefinitionFile: '/nonexistent/td.json' }
          : {};
    const attempt = deployService(deps(), request(extra));
    await expect(attempt).rejects.toThrow(ConfigurationError);
    await expect(deployService(deps(), request(extra))).rejects.toThrow(message);
    expect(ecsMock).toHaveReceivedCommandTimes(RegisterTaskDefinitionCommand, 0);
    expect(ecsMock).toHaveReceivedCommandTimes(UpdateServiceCommand, 0);
  });

  test('a bad image URI fails before any AWS call', async () => {
    await expect(deployService(deps(), request({ image: 'Strapi:Latest' }))).rejects.toThrow(
      ConfigurationError,
    );
    expect(ecsMock.calls()).toHaveLength(0);
  });
});

describe('fail fast with a diagnosis', () => {
  test('2 failed tasks: ListTasks by deployment, DescribeTasks, the log tail from the awslogs config, then rollback', async () => {
    const failing = fixture<DescribeServicesCommandOutput>('describe-services-rolling');
    const ours = failing.services?.[0]?.deployments?.[0];
    if (ours) Object.assign(ours, { failedTasks: 2, runningCount: 0, pendingCount: 2 });
    const rolledBack = serviceBefore();
    ecsMock
      .on(DescribeServicesCommand)
      .resolvesOnce(serviceBefore()) // lookup
      .resolvesOnce(failing) // poll 1
      .resolvesOnce(failing) // before rollback
      .resolvesOnce(serviceBefore()) // rollServiceTo lookup
      .resolves(rolledBack); // rollback polls
    const taskArn =
      'arn:aws:ecs:ap-south-1:123456789012:task/strapi-production/1f2e3d4c5b6a47988a7b6c5d4e3f2a1b';
    ecsMock.on(ListTasksCommand).resolves({ taskArns: [taskArn, taskArn.replace('1f2e', '2f2e')] });
    const crashed = fixture<DescribeTasksCommandOutput>('describe-tasks-crash-loop').tasks?.[0];
    ecsMock.on(DescribeTasksCommand).resolves({
      tasks: [
        { ...crashed, stoppedAt: new Date(Date.UTC(2026, 0, 15, 10, 0, 30)) },
        {
          ...crashed,
          taskArn: taskArn.replace('1f2e', '2f2e'),
          stoppedAt: new Date(Date.UTC(2026, 0, 15, 10, 0, 20)),
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
    const d = deps();
    const outcome = await deployService(d, request());

    expect(outcome.status).toBe('rolled-back');
    expect(outcome.rollout.reason).toBe(
      '2 tasks of the deployment stopped and none became healthy; latest: task 1f2e3d4c5b6a47988a7b6c5d4e3f2a1b: EssentialContainerExited: "Essential container in task exited": strapi exit 1; log: Error: Missing APP_KEYS',
    );
    expect(ecsMock).toHaveReceivedCommandWith(ListTasksCommand, {
      cluster: 'strapi-production',
      startedBy: OURS,
      desiredStatus: 'STOPPED',
    });
    expect(logsMock).toHaveReceivedCommandWith(GetLogEventsCommand, {
      logGroupName: '/ecs/strapi-production',
      logStreamName: 'ecs/strapi/1f2e3d4c5b6a47988a7b6c5d4e3f2a1b',
      limit: 30,
      startFromHead: false,
    });
    expect(outcome.rollout.stoppedTasks[0]?.logTail).toEqual([
      '[2026-01-15 10:00:29.000] error: Missing APP_KEYS',
      'Error: Missing APP_KEYS',
    ]);
    expect(ecsMock.commandCalls(UpdateServiceCommand)[1]?.args[0].input).toMatchObject({
      taskDefinition: OLD_ARN,
    });
    expect(outcome.rollbackBy).toBe('strapi-deploy');
    expect(d.reporter.text()).toMatch(/Rollout failed: 2 tasks/);
  });
});

describe('rollServiceTo', () => {
  test('updates to the given revision and waits for that deployment', async () => {
    ecsMock
      .on(DescribeServicesCommand)
      .resolvesOnce(fixture('describe-services-rolling'))
      .resolves(serviceBefore());
    ecsMock.on(UpdateServiceCommand).resolves({ service: serviceBefore().services?.[0] });
    const outcome = await rollServiceTo(
      deps(),
      { cluster: 'strapi-production', service: 'strapi', taskDefinitionArn: OLD_ARN },
      { waitMinutes: 5, pollSeconds: 10, maxTaskFailures: 2 },
    );
    expect(outcome.verdict).toBe('succeeded');
    expect(outcome.deploymentId).toBe('ecs-svc/0912774163598412345');
    expect(ecsMock).toHaveReceivedCommandWith(UpdateServiceCommand, {
      taskDefinition: OLD_ARN,
      forceNewDeployment: false,
    });
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
