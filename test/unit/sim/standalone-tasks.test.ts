import { GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeTasksCommand,
  ListTasksCommand,
  RunTaskCommand,
  StopTaskCommand,
  type RunTaskCommandInput,
} from '@aws-sdk/client-ecs';
import { startSimulator, type Simulator } from '../../../sim';
import { simClients } from './sim-clients';

/** The simulator's RunTask and StopTask for standalone (one-off) tasks, through the real SDK client. */
const CLUSTER = 'strapi';
const NETWORK = {
  awsvpcConfiguration: {
    subnets: ['subnet-1'],
    securityGroups: ['sg-1'],
    assignPublicIp: 'DISABLED' as const,
  },
};

let sim: Simulator;

beforeEach(async () => {
  sim = await startSimulator();
  await sim.seedService({ cluster: CLUSTER, service: 'strapi', image: 'repo/strapi:v1', desiredCount: 1 });
});

afterEach(async () => {
  expect(sim.schemaViolations).toEqual([]);
  await sim.close();
});

function run(extra: Partial<RunTaskCommandInput> = {}) {
  return simClients(sim).ecs.send(
    new RunTaskCommand({
      cluster: CLUSTER,
      taskDefinition: 'strapi:1',
      launchType: 'FARGATE',
      networkConfiguration: NETWORK,
      startedBy: 'strapi-deploy/run-before',
      overrides: { containerOverrides: [{ name: 'strapi', command: ['npm', 'run', 'migrate'] }] },
      ...extra,
    }),
  );
}

async function describe1(taskArn: string) {
  const out = await simClients(sim).ecs.send(
    new DescribeTasksCommand({ cluster: CLUSTER, tasks: [taskArn] }),
  );
  return out.tasks?.[0];
}

describe('RunTask refuses what ECS refuses', () => {
  test.each([
    [
      'no network configuration for an awsvpc task definition',
      { networkConfiguration: undefined },
      /Network Configuration must be provided/,
    ],
    [
      'both a launch type and a capacity provider strategy',
      { capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] },
      /both a launch type and capacity provider strategy/,
    ],
    [
      'an override for a container the task definition lacks',
      { overrides: { containerOverrides: [{ name: 'app', command: ['x'] }] } },
      /Override for container named app/,
    ],
    ['more than 10 tasks', { count: 11 }, /count must be between 1 and 10/],
    [
      'a startedBy with characters the API does not allow',
      { startedBy: 'strapi deploy!' },
      /startedBy can have up to 128/,
    ],
    ['an unknown task definition', { taskDefinition: 'strapi:9' }, /TaskDefinition not found/],
  ])('%s', async (_name, extra, message) => {
    await expect(run(extra as Partial<RunTaskCommandInput>)).rejects.toThrow(message);
  });
});

describe('a one-off task lives and ends like a task whose essential container exits', () => {
  test.each([
    ['exit 0 by default, after 10 s of running', undefined, 0, ['npm run migrate: done']],
    [
      'the command behaviour decides the exit code and the log',
      { exitCode: 3, runSeconds: 30, logLines: ['boom'] },
      3,
      ['boom'],
    ],
  ])('%s', async (_name, behaviour, exitCode, log) => {
    if (behaviour) sim.setCommandBehaviour(/migrate/, behaviour);
    const started = await run();
    const task = started.tasks?.[0];
    expect(task).toMatchObject({
      lastStatus: 'PROVISIONING',
      desiredStatus: 'RUNNING',
      group: 'family:strapi',
    });
    sim.advance(120_000);
    const stopped = await describe1(task?.taskArn ?? '');
    expect(stopped).toMatchObject({
      lastStatus: 'STOPPED',
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
      startedBy: 'strapi-deploy/run-before',
      overrides: { containerOverrides: [{ name: 'strapi', command: ['npm', 'run', 'migrate'] }] },
    });
    expect(stopped?.containers?.[0]?.exitCode).toBe(exitCode);
    const id = task?.taskArn?.split('/').pop();
    const events = await simClients(sim).logs.send(
      new GetLogEventsCommand({ logGroupName: '/ecs/strapi', logStreamName: `ecs/strapi/${id}` }),
    );
    expect((events.events ?? []).map((e) => e.message).join('\n')).toContain(log[0]);
    // Listed with the stopped tasks, not with the service's.
    const ecs = simClients(sim).ecs;
    const byStarter = await ecs.send(
      new ListTasksCommand({ cluster: CLUSTER, family: 'strapi', desiredStatus: 'STOPPED' }),
    );
    expect(byStarter.taskArns).toContain(task?.taskArn);
    const ofService = await ecs.send(
      new ListTasksCommand({ cluster: CLUSTER, serviceName: 'strapi', desiredStatus: 'STOPPED' }),
    );
    expect(ofService.taskArns ?? []).not.toContain(task?.taskArn);
  });

  test('an image that cannot be pulled never starts: TaskFailedToStart, no exit code', async () => {
    sim.setImageBehaviour('repo/strapi:v1', { kind: 'pull-error' });
    const task = (await run()).tasks?.[0];
    sim.advance(120_000);
    const stopped = await describe1(task?.taskArn ?? '');
    expect(stopped).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'TaskFailedToStart' });
    expect(stopped?.stoppedReason).toMatch(/^CannotPullContainerError/);
    expect(stopped?.containers?.[0]?.exitCode).toBeUndefined();
  });

  test('StopTask stops a task that never ends, with the reason given; a task of another cluster is not found', async () => {
    sim.setCommandBehaviour('npm run migrate', { neverEnds: true });
    const task = (await run()).tasks?.[0];
    sim.advance(600_000);
    expect((await describe1(task?.taskArn ?? ''))?.lastStatus).toBe('RUNNING');
    const ecs = simClients(sim).ecs;
    const out = await ecs.send(
      new StopTaskCommand({ cluster: CLUSTER, task: task?.taskArn ?? '', reason: 'too slow' }),
    );
    expect(out.task).toMatchObject({
      desiredStatus: 'STOPPED',
      lastStatus: 'STOPPING',
      stopCode: 'UserInitiated',
      stoppedReason: 'too slow',
    });
    sim.advance(30_000);
    expect((await describe1(task?.taskArn ?? ''))?.lastStatus).toBe('STOPPED');
    await expect(
      ecs.send(
        new StopTaskCommand({
          cluster: CLUSTER,
          task: 'arn:aws:ecs:ap-south-1:123456789012:task/strapi/0000',
        }),
      ),
    ).rejects.toThrow(/The referenced task was not found/);
  });

  test('the same clientToken starts one task, however often the request is retried', async () => {
    const first = await run({ clientToken: 'token-1' });
    const again = await run({ clientToken: 'token-1' });
    expect(again.tasks?.map((t) => t.taskArn)).toEqual(first.tasks?.map((t) => t.taskArn));
    const listed = await simClients(sim).ecs.send(
      new ListTasksCommand({ cluster: CLUSTER, startedBy: 'strapi-deploy/run-before' }),
    );
    expect(listed.taskArns).toHaveLength(1);
  });
});
