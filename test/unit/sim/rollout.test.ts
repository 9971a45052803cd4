import { GetLogEventsCommand, ResourceNotFoundException } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeTasksCommand,
  ListTasksCommand,
  UpdateServiceCommand,
  type ECSClient,
  type Task,
} from '@aws-sdk/client-ecs';
import { startSimulator, type Simulator, type TaskBehaviour } from '../../../sim';
import { circuitBreakerThreshold } from '../../../sim/rollout';
import { deployImage, describeService, pollService, simClients } from './sim-clients';

const OLD_IMAGE = 'registry.test/strapi:v1';
const NEW_IMAGE = 'registry.test/strapi:v2';

let sim: Simulator;
let ecs: ECSClient;
let clients: ReturnType<typeof simClients>;

async function seed(extra: Partial<Parameters<Simulator['seedService']>[0]> = {}): Promise<string> {
  const { taskDefinitionArn } = await sim.seedService({
    cluster: 'strapi',
    service: 'strapi',
    image: OLD_IMAGE,
    desiredCount: 2,
    ...extra,
  });
  return taskDefinitionArn;
}

/** What the deploy engine does: a new revision of the current definition with another image, then UpdateService. */
function deploy(image: string): Promise<{ taskDefinitionArn: string; deploymentId: string }> {
  return deployImage(ecs, image);
}

async function stoppedTasksOf(deploymentId: string): Promise<Task[]> {
  const listed = await ecs.send(
    new ListTasksCommand({ cluster: 'strapi', startedBy: deploymentId, desiredStatus: 'STOPPED' }),
  );
  if (!listed.taskArns?.length) return [];
  const described = await ecs.send(new DescribeTasksCommand({ cluster: 'strapi', tasks: listed.taskArns }));
  return described.tasks ?? [];
}

beforeEach(async () => {
  sim = await startSimulator();
  clients = simClients(sim);
  ecs = clients.ecs;
});

afterEach(async () => {
  expect(sim.schemaViolations).toEqual([]);
  await sim.close();
});

describe('healthy rolling deploy', () => {
  test('reaches COMPLETED with ECS events, and the old deployment drains away', async () => {
    const oldArn = await seed();
    const { taskDefinitionArn, deploymentId } = await deploy(NEW_IMAGE);
    expect(deploymentId).toMatch(/^ecs-svc\/\d{19}$/);

    const first = await describeService(ecs, 'strapi', 'strapi');
    expect(first.deployments?.map((d) => [d.status, d.taskDefinition, d.rolloutState])).toEqual([
      ['PRIMARY', taskDefinitionArn, 'IN_PROGRESS'],
      ['ACTIVE', oldArn, 'COMPLETED'],
    ]);

    const final = await pollService(
      sim,
      ecs,
      (s) => s.deployments?.[0]?.rolloutState === 'COMPLETED',
      10 * 60_000,
    );
    expect(final.taskDefinition).toBe(taskDefinitionArn);
    expect(final.deployments).toHaveLength(1);
    expect(final.deployments?.[0]).toMatchObject({
      id: deploymentId,
      status: 'PRIMARY',
      runningCount: 2,
      desiredCount: 2,
      failedTasks: 0,
    });
    const messages = (final.events ?? []).map((e) => e.message);
    expect(messages[0]).toBe('(service strapi) has reached a steady state.');
    expect(messages[1]).toBe(`(service strapi) (deployment ${deploymentId}) deployment completed.`);
    expect(messages).toContainEqual(
      expect.stringMatching(
        /^\(service strapi\) has started 2 tasks: \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\)\.$/,
      ),
    );
    expect(messages).toContainEqual(
      expect.stringMatching(/^\(service strapi\) has stopped 2 running tasks: /),
    );
    // Events newest first, with epoch-second dates the SDK turned into Date objects.
    const times = (final.events ?? []).map((e) => e.createdAt?.getTime() ?? 0);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    // A healthy deploy takes realistic time: provisioning, pull, app start, health check.
    const completedAt = final.deployments?.[0]?.updatedAt?.getTime() ?? 0;
    expect(completedAt - (final.deployments?.[0]?.createdAt?.getTime() ?? 0)).toBeGreaterThanOrEqual(30_000);
  });

  test.each([
    { minimumHealthyPercent: 100, maximumPercent: 200, minHealthy: 2, maxLive: 4 },
    { minimumHealthyPercent: 50, maximumPercent: 100, minHealthy: 1, maxLive: 2 },
    { minimumHealthyPercent: 0, maximumPercent: 100, minHealthy: 0, maxLive: 2 },
  ])(
    'respects min $minimumHealthyPercent% / max $maximumPercent% at every step',
    async ({ minimumHealthyPercent, maximumPercent, minHealthy, maxLive }) => {
      await seed({ minimumHealthyPercent, maximumPercent });
      await deploy(NEW_IMAGE);
      let lowestHealthy = Infinity;
      let highestLive = 0;
      for (let second = 0; second < 180; second++) {
        sim.advance(1000);
        const live = sim.state.tasks('strapi', 'strapi').filter((t) => t.desiredStatus === 'RUNNING');
        highestLive = Math.max(highestLive, live.length);
        lowestHealthy = Math.min(lowestHealthy, live.filter((t) => t.healthStatus === 'HEALTHY').length);
      }
      expect(highestLive).toBe(maxLive);
      expect(lowestHealthy).toBe(minHealthy);
      expect(sim.state.service('strapi', 'strapi')?.deployments.map((d) => d.rolloutState)).toEqual([
        'COMPLETED',
      ]);
    },
  );

  test('a slow-starting image stays IN_PROGRESS until its health check passes', async () => {
    await seed();
    sim.setImageBehaviour(/:v2$/, { kind: 'slow-start', startSeconds: 300 });
    await deploy(NEW_IMAGE);
    sim.advance(4 * 60_000);
    expect(sim.state.service('strapi', 'strapi')?.deployments.map((d) => d.rolloutState)).toEqual([
      'IN_PROGRESS',
      'COMPLETED',
    ]);
    sim.advance(2 * 60_000);
    expect(sim.state.service('strapi', 'strapi')?.deployments.map((d) => d.rolloutState)).toEqual([
      'COMPLETED',
    ]);
  });
});

test('accelerated time rolls a deployment on its own, without advance()', async () => {
  await sim.close();
  sim = await startSimulator({ time: { accelerated: 400 } });
  ecs = simClients(sim).ecs;
  await seed();
  const { deploymentId } = await deploy(NEW_IMAGE);
  const realStart = Date.now();
  let service = await describeService(ecs, 'strapi', 'strapi');
  while (service.deployments?.length !== 1 && Date.now() - realStart < 5_000) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    service = await describeService(ecs, 'strapi', 'strapi');
  }
  expect(service.deployments?.map((d) => [d.id, d.rolloutState])).toEqual([[deploymentId, 'COMPLETED']]);
});

describe('failing deployments without circuit breaker', () => {
  test('a crash loop keeps failing tasks with the exit code, logs in CloudWatch, old tasks serving', async () => {
    await seed();
    const crash: TaskBehaviour = {
      kind: 'crash',
      exitCode: 137,
      logLines: ['error: Missing APP_KEYS', 'Error: Middleware "strapi::session": App keys are required.'],
    };
    sim.setImageBehaviour(NEW_IMAGE, crash);
    const { deploymentId } = await deploy(NEW_IMAGE);
    await sim.clock.sleep(5 * 60_000);

    const service = await describeService(ecs, 'strapi', 'strapi');
    const primary = service.deployments?.[0];
    expect(primary).toMatchObject({ id: deploymentId, rolloutState: 'IN_PROGRESS' });
    expect(primary?.failedTasks).toBeGreaterThanOrEqual(10);
    expect(service.deployments?.[1]).toMatchObject({ status: 'ACTIVE', runningCount: 2 });

    const stopped = await stoppedTasksOf(deploymentId);
    expect(stopped.length).toBeGreaterThanOrEqual(10);
    const task = stopped[0];
    expect(task).toMatchObject({
      lastStatus: 'STOPPED',
      desiredStatus: 'STOPPED',
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
      startedBy: deploymentId,
    });
    expect(task?.containers?.[0]).toMatchObject({
      name: 'strapi',
      image: NEW_IMAGE,
      exitCode: 137,
      lastStatus: 'STOPPED',
    });
    expect(task?.startedAt?.getTime()).toBeLessThan(task?.stoppedAt?.getTime() ?? 0);
    // The container exit is known at once; the task itself reaches STOPPED a few seconds later.
    expect(task?.executionStoppedAt).toEqual(task?.stoppingAt);
    expect((task?.stoppedAt?.getTime() ?? 0) - (task?.stoppingAt?.getTime() ?? 0)).toBe(5_000);

    const taskId = task?.taskArn?.split('/').pop() ?? '';
    const logs = await clients.logs.send(
      new GetLogEventsCommand({
        logGroupName: '/ecs/strapi',
        logStreamName: `ecs/strapi/${taskId}`,
        limit: 2,
      }),
    );
    expect(logs.events?.map((e) => e.message)).toEqual(crash.logLines);
  });

  test('a pull error stops tasks before they run, with the CannotPullContainerError reason and no log stream', async () => {
    await seed();
    sim.setImageBehaviour(NEW_IMAGE, { kind: 'pull-error' });
    const { deploymentId } = await deploy(NEW_IMAGE);
    await sim.clock.sleep(2 * 60_000);
    const [task] = await stoppedTasksOf(deploymentId);
    expect(task).toMatchObject({ stopCode: 'TaskFailedToStart' });
    expect(task?.stoppedReason).toBe(
      `CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref ${NEW_IMAGE}: not found`,
    );
    expect(task?.startedAt).toBeUndefined();
    expect(task?.containers?.[0]?.exitCode).toBeUndefined();
    const taskId = task?.taskArn?.split('/').pop() ?? '';
    await expect(
      clients.logs.send(
        new GetLogEventsCommand({ logGroupName: '/ecs/strapi', logStreamName: `ecs/strapi/${taskId}` }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  test('a failing health check stops running tasks with the ECS reason and event', async () => {
    await seed();
    sim.setImageBehaviour(NEW_IMAGE, { kind: 'health-check-fail', afterSeconds: 30 });
    const { deploymentId } = await deploy(NEW_IMAGE);
    await sim.clock.sleep(2 * 60_000);
    const [task] = await stoppedTasksOf(deploymentId);
    expect(task).toMatchObject({
      stoppedReason: 'Task failed container health checks',
      healthStatus: 'UNHEALTHY',
    });
    expect(task?.containers?.[0]?.healthStatus).toBe('UNHEALTHY');
    const messages = sim.state.service('strapi', 'strapi')?.events ?? [];
    expect(messages).toContainEqual(
      expect.stringMatching(/^\(service strapi\) \(task [0-9a-f]{32}\) failed container health checks\.$/),
    );
  });
});

describe('rollback by the deploy engine', () => {
  test('UpdateService back to the previous revision replaces the crashing tasks and completes', async () => {
    const oldArn = await seed();
    sim.setImageBehaviour(NEW_IMAGE, { kind: 'crash' });
    const { deploymentId } = await deploy(NEW_IMAGE);
    await sim.clock.sleep(90_000);
    const back = await ecs.send(
      new UpdateServiceCommand({ cluster: 'strapi', service: 'strapi', taskDefinition: oldArn }),
    );
    const rollbackId = back.service?.deployments?.[0]?.id;
    expect(back.service?.deployments?.map((d) => [d.status, d.id])).toEqual([
      ['PRIMARY', rollbackId],
      ['ACTIVE', deploymentId],
      ['ACTIVE', expect.stringMatching(/^ecs-svc\//)],
    ]);
    const final = await pollService(
      sim,
      ecs,
      (s) => s.deployments?.length === 1 && s.deployments[0]?.rolloutState === 'COMPLETED',
      10 * 60_000,
    );
    expect(final.deployments?.[0]).toMatchObject({ id: rollbackId, taskDefinition: oldArn, runningCount: 2 });
    expect(final.taskDefinition).toBe(oldArn);
    // The service never dropped below its healthy minimum while the bad revision crashed.
    expect(sim.state.tasks('strapi', 'strapi').filter((t) => t.desiredStatus === 'RUNNING')).toHaveLength(2);
  });
});

describe('circuit breaker', () => {
  test('FAILED, then ECS rolls back to the last completed task definition', async () => {
    const oldArn = await seed({ circuitBreaker: { enable: true, rollback: true } });
    const oldDeployment = sim.state.service('strapi', 'strapi')?.deployments[0]?.id ?? '';
    sim.setImageBehaviour(NEW_IMAGE, { kind: 'crash' });
    const { deploymentId } = await deploy(NEW_IMAGE);

    const final = await pollService(
      sim,
      ecs,
      (s) => s.deployments?.length === 1 && s.deployments[0]?.rolloutState === 'COMPLETED',
      15 * 60_000,
    );
    expect(final.taskDefinition).toBe(oldArn);
    expect(final.deployments?.map((d) => d.id)).not.toContain(deploymentId);
    expect(final.deployments?.[0]?.taskDefinition).toBe(oldArn);
    const messages = (final.events ?? []).map((e) => e.message).reverse();
    // The wording of real events (public captures): "(service x) (deployment ecs-svc/...) deployment failed: ...".
    const failedAt = messages.indexOf(
      `(service strapi) (deployment ${deploymentId}) deployment failed: tasks failed to start.`,
    );
    const rollbackAt = messages.indexOf(`(service strapi) rolling back to deployment ${oldDeployment}.`);
    expect(failedAt).toBeGreaterThan(-1);
    expect(rollbackAt).toBe(failedAt + 1);
    // The breaker trips in the scheduler pass where failures reach the threshold (3 for a small
    // service); both tasks of the last batch may fail in that same pass, as in ECS.
    const failures = (await stoppedTasksOf(deploymentId)).filter(
      (t) => t.stopCode === 'EssentialContainerExited',
    ).length;
    expect(failures).toBeGreaterThanOrEqual(3);
    expect(failures).toBeLessThan(3 + 2);
  });

  test('without rollback the failed deployment stays PRIMARY and FAILED, and stops launching', async () => {
    await seed({ circuitBreaker: { enable: true, rollback: false } });
    sim.setImageBehaviour(NEW_IMAGE, { kind: 'crash' });
    const { taskDefinitionArn, deploymentId } = await deploy(NEW_IMAGE);
    const failed = await pollService(
      sim,
      ecs,
      (s) => s.deployments?.[0]?.rolloutState === 'FAILED',
      10 * 60_000,
    );
    expect(failed.deployments?.[0]).toMatchObject({
      id: deploymentId,
      status: 'PRIMARY',
      rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
    });
    expect(failed.taskDefinition).toBe(taskDefinitionArn);
    const launched = sim.state.tasks('strapi', 'strapi').filter((t) => t.startedBy === deploymentId).length;
    sim.advance(5 * 60_000);
    expect(sim.state.tasks('strapi', 'strapi').filter((t) => t.startedBy === deploymentId)).toHaveLength(
      launched,
    );
  });

  test.each([
    [1, undefined, 3],
    [10, undefined, 5],
    [1000, undefined, 200],
    [2, 7, 7],
  ])('threshold for desired %d (override %p) is %d', (desired, override, expected) => {
    expect(circuitBreakerThreshold(desired, override)).toBe(expected);
  });

  test('the simulator option overrides the threshold', async () => {
    await sim.close();
    sim = await startSimulator({ circuitBreakerThreshold: 5 });
    ecs = simClients(sim).ecs;
    await seed({ circuitBreaker: { enable: true, rollback: true } });
    sim.setImageBehaviour(NEW_IMAGE, { kind: 'pull-error' });
    const { deploymentId } = await deploy(NEW_IMAGE);
    await pollService(sim, ecs, (s) => !s.deployments?.some((d) => d.id === deploymentId), 15 * 60_000);
    const failures = (await stoppedTasksOf(deploymentId)).filter(
      (t) => t.stopCode === 'TaskFailedToStart',
    ).length;
    expect(failures).toBeGreaterThanOrEqual(5);
    expect(failures).toBeLessThan(5 + 2);
  });
});

test('seeding a second service replays only its own past, not its neighbours', async () => {
  await seed();
  const deployedAt = sim.now();
  const { deploymentId } = await deploy(NEW_IMAGE);
  // No scheduler pass has run for the new deployment yet; seeding must not run one in the past.
  await sim.seedService({ cluster: 'strapi', service: 'neighbour', image: OLD_IMAGE, desiredCount: 1 });
  expect(sim.state.tasks('strapi', 'strapi').filter((t) => t.startedBy === deploymentId)).toEqual([]);
  sim.advance(1_000);
  const launched = sim.state.tasks('strapi', 'strapi').filter((t) => t.startedBy === deploymentId);
  expect(launched.map((t) => [t.lastStatus, t.createdAt])).toEqual([
    ['PROVISIONING', (deployedAt + 1_000) / 1000],
    ['PROVISIONING', (deployedAt + 1_000) / 1000],
  ]);
  expect(sim.state.tasks('strapi', 'neighbour')).toHaveLength(1);
});

test('healthy tasks write Strapi start-up lines to <prefix>/<container>/<task id>', async () => {
  await seed();
  const [task] = sim.state.tasks('strapi', 'strapi');
  const taskId = String(task?.taskArn).split('/').pop() ?? '';
  const out = await clients.logs.send(
    new GetLogEventsCommand({
      logGroupName: '/ecs/strapi',
      logStreamName: `ecs/strapi/${taskId}`,
      startFromHead: true,
    }),
  );
  expect(out.events?.map((e) => e.message)).toContainEqual(
    expect.stringMatching(/^\[2026-01-15 09:5\d:\d\d\.\d{3}\] info: Strapi started successfully$/),
  );
});
