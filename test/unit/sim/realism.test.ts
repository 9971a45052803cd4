import {
  InvalidParameterException,
  ListTasksCommand,
  type ECSClient,
  type ListTasksCommandInput,
} from '@aws-sdk/client-ecs';
import { startSimulator, type RealismOptions, type Simulator, type SimulatorOptions } from '../../../sim';
import { advanceUntil, deployImage, describeService, simClients } from './sim-clients';

/**
 * The real-ECS behaviours behind `realism` and `timing: 'realistic'` (sim/realism.ts), each shown
 * switched on and, where it changes what the engine sees, off (the default).
 */

const OLD_IMAGE = 'registry.test/strapi:v1';
const NEW_IMAGE = 'registry.test/strapi:v2';

let sim: Simulator | undefined;
let ecs: ECSClient;

async function start(
  options: SimulatorOptions,
  seed: Partial<Parameters<Simulator['seedService']>[0]> = {},
): Promise<Simulator> {
  const started = await startSimulator(options);
  sim = started;
  ecs = simClients(started).ecs;
  await started.seedService({
    cluster: 'strapi',
    service: 'strapi',
    image: OLD_IMAGE,
    desiredCount: 2,
    ...seed,
  });
  return started;
}

afterEach(async () => {
  if (!sim) return;
  expect(sim.schemaViolations).toEqual([]);
  await sim.close();
  sim = undefined;
});

const primaryOf = (s: Simulator) =>
  s.state.service('strapi', 'strapi')?.deployments.find((d) => d.status === 'PRIMARY');

describe('ListTasks filter rules (realism.listTasksFilterRules)', () => {
  const rules: RealismOptions = { listTasksFilterRules: true };
  // [case, input (startedBy "<deployment>" is replaced by the seeded deployment id), error or task count]
  const cases: Array<[string, RealismOptions, ListTasksCommandInput, string | number]> = [
    ['startedBy alone lists the running tasks', rules, { startedBy: '<deployment>' }, 2],
    [
      'startedBy + desiredStatus',
      rules,
      { startedBy: '<deployment>', desiredStatus: 'STOPPED' },
      'cannot specify startedBy with other arguments',
    ],
    [
      'startedBy + serviceName',
      rules,
      { startedBy: '<deployment>', serviceName: 'strapi' },
      'cannot specify startedBy with other arguments',
    ],
    [
      'startedBy + family',
      rules,
      { startedBy: '<deployment>', family: 'strapi' },
      'cannot specify startedBy with other arguments',
    ],
    [
      'startedBy + launchType',
      rules,
      { startedBy: '<deployment>', launchType: 'FARGATE' },
      'cannot specify startedBy with other arguments',
    ],
    ['serviceName + desiredStatus is allowed', rules, { serviceName: 'strapi', desiredStatus: 'RUNNING' }, 2],
    ['desiredStatus PENDING never matches', rules, { serviceName: 'strapi', desiredStatus: 'PENDING' }, 0],
    [
      'maxResults 0',
      rules,
      { serviceName: 'strapi', maxResults: 0 },
      'maxResults must be between 1 and 100.',
    ],
    [
      'maxResults 101',
      rules,
      { serviceName: 'strapi', maxResults: 101 },
      'maxResults must be between 1 and 100.',
    ],
    [
      'off (default): startedBy + desiredStatus is answered',
      {},
      { startedBy: '<deployment>', desiredStatus: 'RUNNING' },
      2,
    ],
  ];

  test.each(cases)('%s', async (_name, realism, input, expected) => {
    const s = await start({ realism });
    const deploymentId = primaryOf(s)?.id ?? '';
    const request: ListTasksCommandInput = {
      cluster: 'strapi',
      ...input,
      ...(input.startedBy ? { startedBy: deploymentId } : {}),
    };
    const call = ecs.send(new ListTasksCommand(request));
    if (typeof expected === 'string') {
      const error = await call.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidParameterException);
      expect((error as Error).message).toBe(expected);
    } else {
      expect((await call).taskArns).toHaveLength(expected);
    }
  });
});

describe('DescribeServices right after UpdateService (realism.describeServicesLagMs)', () => {
  test.each([
    ['lag 5 s: the old view for 5 s', 5_000, false],
    ['off (default): the new deployment at once', 0, true],
  ])('%s', async (_name, lag, visibleAtOnce) => {
    await start({ realism: { describeServicesLagMs: lag } });
    const before = await describeService(ecs, 'strapi', 'strapi');
    const oldPrimary = before.deployments?.[0];
    const { deploymentId, taskDefinitionArn, service: answered } = await deployImage(ecs, NEW_IMAGE);
    // The writer's own answer always has the new deployment.
    expect(answered?.deployments?.[0]?.id).toBe(deploymentId);

    const right = await describeService(ecs, 'strapi', 'strapi');
    const ids = right.deployments?.map((d) => d.id);
    expect(ids?.includes(deploymentId)).toBe(visibleAtOnce);
    if (!visibleAtOnce) {
      expect(right.deployments?.find((d) => d.status === 'PRIMARY')?.id).toBe(oldPrimary?.id);
      expect(right.taskDefinition).toBe(oldPrimary?.taskDefinition);
      expect(right.events?.[0]?.id).toBe(before.events?.[0]?.id);
    }
    sim?.advance(lag);
    const later = await describeService(ecs, 'strapi', 'strapi');
    expect(later.deployments?.[0]).toMatchObject({ id: deploymentId, status: 'PRIMARY' });
    expect(later.taskDefinition).toBe(taskDefinitionArn);
  });
});

describe('failedTasks resets once a task runs healthy (realism.failedTasksReset)', () => {
  // [case, realism, resetOnHealthyTask, failedTasks after a healthy task, rolloutState after more crashes]
  test.each([
    ['on: resets to 0 and the breaker stops evaluating', true, undefined, 0, 'IN_PROGRESS'],
    ['on, service resetOnHealthyTask false: keeps counting', true, false, 2, 'FAILED'],
    ['off (default): keeps counting', false, undefined, 2, 'FAILED'],
  ] as const)('%s', async (_name, reset, resetOnHealthyTask, afterHealthy, afterMoreCrashes) => {
    // desiredCount 4 (breaker threshold 3), maximumPercent 150: new tasks start two at a time.
    const s = await start(
      { realism: { failedTasksReset: reset } },
      {
        desiredCount: 4,
        maximumPercent: 150,
        circuitBreaker: {
          enable: true,
          rollback: false,
          ...(resetOnHealthyTask !== undefined ? { resetOnHealthyTask } : {}),
        },
      },
    );
    // Behaviours apply at launch: the first two tasks crash, the next two run healthy, the rest crash.
    s.setImageBehaviour(NEW_IMAGE, { kind: 'crash' });
    const { deploymentId } = await deployImage(ecs, NEW_IMAGE);
    const deployment = () =>
      s.state.service('strapi', 'strapi')?.deployments.find((d) => d.id === deploymentId);
    s.advance(1000);
    s.setImageBehaviour(NEW_IMAGE, { kind: 'healthy', startSeconds: 1 });
    expect(advanceUntil(s, () => (deployment()?.failedTasks ?? 0) >= 2, 60_000)).toBe(true);
    s.setImageBehaviour(NEW_IMAGE, { kind: 'crash' });
    const healthy = () =>
      s.state
        .tasks('strapi', 'strapi')
        .some((t) => t.startedBy === deploymentId && t.healthStatus === 'HEALTHY');
    expect(advanceUntil(s, healthy, 60_000)).toBe(true);
    expect(deployment()?.failedTasks).toBe(afterHealthy);

    s.advance(5 * 60_000);
    expect(deployment()?.rolloutState).toBe(afterMoreCrashes);
  });
});

describe('service events', () => {
  test('an event from an earlier rollout can be seeded in the past; ECS keeps the latest 100', async () => {
    const s = await start({});
    const earlier = s.now() - 2 * 3_600_000;
    // Hand-written in the wording of real events (public captures of "(service x) (deployment ...) deployment failed").
    s.addServiceEvent(
      'strapi',
      'strapi',
      '(deployment ecs-svc/1571272475813219068) deployment failed: tasks failed to start.',
      earlier,
    );
    s.addServiceEvent('strapi', 'strapi', 'rolling back to deployment ecs-svc/1675294001379389663.', earlier);
    const seeded = await describeService(ecs, 'strapi', 'strapi');
    const events = seeded.events ?? [];
    // Newest first: the seeded ones are the oldest; of two at one time the later added shows first.
    expect(events.at(-1)).toMatchObject({
      message:
        '(service strapi) (deployment ecs-svc/1571272475813219068) deployment failed: tasks failed to start.',
      createdAt: new Date(earlier),
    });
    expect(events.at(-2)?.message).toBe(
      '(service strapi) rolling back to deployment ecs-svc/1675294001379389663.',
    );
    expect(events[0]?.message).toBe('(service strapi) has reached a steady state.');

    for (let i = 0; i < 100; i += 1)
      s.addServiceEvent('strapi', 'strapi', `has reached a steady state.`, s.now());
    const full = await describeService(ecs, 'strapi', 'strapi');
    expect(full.events).toHaveLength(100);
    expect(full.events?.some((e) => e.message?.includes('rolling back'))).toBe(false);
  });
});

describe("timing: 'realistic' with realism.rollbackLikeEcs (a crash loop as public drills show it)", () => {
  test('failedTasks 1 at 2m34, 2 at 4m46, 3 at 11m00, rollback at 11m44 reusing the old deployment id', async () => {
    const s = await start(
      { timing: 'realistic', realism: { rollbackLikeEcs: true } },
      { desiredCount: 1, circuitBreaker: { enable: true, rollback: true } },
    );
    const oldId = primaryOf(s)?.id ?? '';
    s.setImageBehaviour(NEW_IMAGE, { kind: 'crash' });
    const { deploymentId } = await deployImage(ecs, NEW_IMAGE);
    const t0 = s.now();
    const deployment = () =>
      s.state.service('strapi', 'strapi')?.deployments.find((d) => d.id === deploymentId);
    const reached: number[] = [];
    let failedAt: number | undefined;
    while (failedAt === undefined && s.now() - t0 < 20 * 60_000) {
      s.advance(1000);
      const d = deployment();
      while (d && reached.length < d.failedTasks) reached.push((s.now() - t0) / 1000);
      if (d?.rolloutState === 'FAILED') failedAt = (s.now() - t0) / 1000;
    }
    // Issue 13's drill, to the simulator's 1 s step.
    const drill = [154, 286, 660];
    reached.forEach((at, i) => expect(Math.abs(at - (drill[i] ?? 0))).toBeLessThanOrEqual(2));
    expect(reached).toHaveLength(3);
    expect(Math.abs((failedAt ?? 0) - 704)).toBeLessThanOrEqual(2);

    // The failed deployment stays DRAINING/FAILED; the rollback is the earlier deployment, same id.
    const right = await describeService(ecs, 'strapi', 'strapi');
    expect(right.deployments?.map((d) => [d.id, d.status, d.rolloutState])).toEqual([
      [oldId, 'PRIMARY', 'COMPLETED'],
      [deploymentId, 'DRAINING', 'FAILED'],
    ]);
    const messages = (right.events ?? []).map((e) => e.message);
    expect(messages.slice(0, 4)).toEqual([
      '(service strapi) has reached a steady state.',
      `(service strapi) (deployment ${oldId}) deployment completed.`,
      `(service strapi) rolling back to deployment ${oldId}.`,
      `(service strapi) (deployment ${deploymentId}) deployment failed: tasks failed to start.`,
    ]);
    s.advance(119_000);
    expect((await describeService(ecs, 'strapi', 'strapi')).deployments).toHaveLength(2);
    s.advance(2_000);
    expect((await describeService(ecs, 'strapi', 'strapi')).deployments?.map((d) => d.id)).toEqual([oldId]);
  });

  test('off (default): the rollback is a new deployment id and the failed one leaves at once', async () => {
    const s = await start({}, { desiredCount: 1, circuitBreaker: { enable: true, rollback: true } });
    const oldId = primaryOf(s)?.id ?? '';
    s.setImageBehaviour(NEW_IMAGE, { kind: 'crash' });
    const { deploymentId } = await deployImage(ecs, NEW_IMAGE);
    expect(advanceUntil(s, () => primaryOf(s)?.id !== deploymentId, 10 * 60_000)).toBe(true);
    const ids = s.state.service('strapi', 'strapi')?.deployments.map((d) => d.id) ?? [];
    expect(ids).not.toContain(deploymentId);
    expect(primaryOf(s)?.id).not.toBe(oldId);
  });
});
