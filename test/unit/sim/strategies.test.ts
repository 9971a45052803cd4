import {
  DescribeServiceDeploymentsCommand,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
  type ECSClient,
  type ServiceDeployment,
} from '@aws-sdk/client-ecs';
import { startSimulator, type Simulator, type StrategyConfigRecord } from '../../../sim';
import { productionSteps } from '../../../sim/strategies';
import { advanceUntil, deployImage, describeService, simClients } from './sim-clients';

/**
 * ECS's blue/green, linear and canary deployments in the simulator, over the real SDK: the lifecycle
 * stages in order, green next to blue, traffic weights per strategy, bake time, and the three ways back to
 * blue (an alarm, a failed green task, StopServiceDeployment ROLLBACK).
 */

const OLD = 'registry.test/strapi:v1';
const NEW = 'registry.test/strapi:v2';
const ALARM = 'strapi-target-5xx';

let sim: Simulator;
let ecs: ECSClient;

const CONFIGS: Record<'BLUE_GREEN' | 'LINEAR' | 'CANARY', Partial<StrategyConfigRecord>> = {
  BLUE_GREEN: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 3 },
  LINEAR: {
    strategy: 'LINEAR',
    bakeTimeInMinutes: 3,
    linearConfiguration: { stepPercent: 50, stepBakeTimeInMinutes: 1 },
  },
  CANARY: {
    strategy: 'CANARY',
    bakeTimeInMinutes: 3,
    canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 2 },
  },
};

async function seed(strategy: keyof typeof CONFIGS): Promise<void> {
  await sim.seedService({
    cluster: 'strapi',
    service: 'strapi',
    image: OLD,
    desiredCount: 2,
    deploymentConfiguration: {
      ...CONFIGS[strategy],
      alarms: { alarmNames: [ALARM], enable: true, rollback: true },
    },
  });
}

async function record(arn: string): Promise<ServiceDeployment> {
  const out = await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }));
  const found = out.serviceDeployments?.[0];
  if (!found) throw new Error(`no record ${arn}`);
  return found;
}

/** Polls the record every 5 virtual s until `done`, collecting the stages and production weights seen. */
async function follow(
  arn: string,
  done: (r: ServiceDeployment) => boolean,
  limitMs = 30 * 60_000,
): Promise<{ last: ServiceDeployment; stages: string[]; weights: number[] }> {
  const stages: string[] = [];
  const weights: number[] = [];
  const deadline = sim.now() + limitMs;
  let last = await record(arn);
  for (;;) {
    const stage = last.lifecycleStage ?? '';
    if (stages.at(-1) !== stage) stages.push(stage);
    const weight = last.targetServiceRevision?.requestedProductionTrafficWeight ?? -1;
    if (weights.at(-1) !== weight) weights.push(weight);
    if (done(last) || sim.now() >= deadline) return { last, stages, weights };
    await sim.clock.sleep(5_000);
    last = await record(arn);
  }
}

const finished = (r: ServiceDeployment): boolean =>
  ['SUCCESSFUL', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED', 'STOPPED'].includes(r.status ?? '');

beforeEach(async () => {
  sim = await startSimulator();
  ecs = simClients(sim).ecs;
});

afterEach(async () => {
  expect(sim.schemaViolations).toEqual([]);
  await sim.close();
});

const STAGES = [
  'PRE_SCALE_UP',
  'SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
  'BAKE_TIME',
  'CLEAN_UP',
];

test.each([
  ['BLUE_GREEN', [0, 100]],
  ['LINEAR', [0, 50, 100]],
  ['CANARY', [0, 10, 100]],
] as const)(
  '%s: healthy rollout walks the stages, shifts %j and ends SUCCESSFUL',
  async (strategy, weights) => {
    await seed(strategy);
    const { service } = await deployImage(ecs, NEW);
    const arn = service?.currentServiceDeployment ?? '';
    expect(service?.deploymentConfiguration?.strategy).toBe(strategy);
    const seen = await follow(arn, finished);
    expect(seen.last.status).toBe('SUCCESSFUL');
    expect(seen.stages).toEqual(STAGES);
    expect(seen.weights).toEqual(weights);
    expect(seen.last.alarms).toEqual({ status: 'MONITORING_COMPLETE', alarmNames: [ALARM] });
    const after = await describeService(ecs, 'strapi', 'strapi');
    expect(after.deployments?.map((d) => [d.status, d.rolloutState, d.runningCount])).toEqual([
      ['PRIMARY', 'COMPLETED', 2],
    ]);
    expect(after.taskDefinition).toMatch(/strapi:2$/);
  },
);

test('green runs next to blue through the bake time, and blue stops only at CLEAN_UP', async () => {
  await seed('BLUE_GREEN');
  const { service, deploymentId } = await deployImage(ecs, NEW);
  const arn = service?.currentServiceDeployment ?? '';
  await follow(arn, (r) => r.lifecycleStage === 'BAKE_TIME');
  const baking = await describeService(ecs, 'strapi', 'strapi');
  expect(
    baking.deployments?.map((d) => [d.id === deploymentId ? 'green' : 'blue', d.status, d.runningCount]),
  ).toEqual([
    ['green', 'PRIMARY', 2],
    ['blue', 'ACTIVE', 2],
  ]);
  const r = await record(arn);
  expect(r.sourceServiceRevisions?.[0]?.requestedProductionTrafficWeight).toBe(0);
  // 3 minutes of bake time, then CLEAN_UP.
  const bakeStarted = sim.now();
  await follow(arn, (x) => x.lifecycleStage === 'CLEAN_UP');
  expect(sim.now() - bakeStarted).toBeGreaterThanOrEqual(3 * 60_000);
  expect(sim.now() - bakeStarted).toBeLessThan(3 * 60_000 + 10_000);
});

test.each(['BLUE_GREEN', 'LINEAR', 'CANARY'] as const)(
  '%s: an alarm in ALARM during bake time rolls back to blue, naming the alarm',
  async (strategy) => {
    await seed(strategy);
    sim.armAlarm(ALARM, { stage: 'BAKE_TIME', afterSeconds: 30 });
    const { service } = await deployImage(ecs, NEW);
    const arn = service?.currentServiceDeployment ?? '';
    const inRollback = await follow(arn, (r) => r.status === 'ROLLBACK_IN_PROGRESS');
    // Traffic is back on blue at once.
    expect(inRollback.last.targetServiceRevision?.requestedProductionTrafficWeight).toBe(0);
    expect(inRollback.last.lifecycleStage).toBe('BAKE_TIME');
    const { last } = await follow(arn, finished);
    expect(last.status).toBe('ROLLBACK_SUCCESSFUL');
    expect(last.alarms).toEqual({ status: 'TRIGGERED', alarmNames: [ALARM], triggeredAlarmNames: [ALARM] });
    expect(last.rollback?.reason).toBe(`CloudWatch alarm ${ALARM} in ALARM state.`);
    const after = await describeService(ecs, 'strapi', 'strapi');
    expect(after.taskDefinition).toMatch(/strapi:1$/);
    expect(after.deployments?.map((d) => [d.status, d.rolloutState, d.runningCount])).toEqual([
      ['PRIMARY', 'COMPLETED', 2],
    ]);
  },
);

test('an alarm before green takes traffic is not acted on (alarms are watched from the production shift on)', async () => {
  await seed('BLUE_GREEN');
  sim.setAlarmState(ALARM, 'ALARM');
  const { service } = await deployImage(ecs, NEW);
  const arn = service?.currentServiceDeployment ?? '';
  const { last } = await follow(arn, (r) => r.lifecycleStage === 'POST_SCALE_UP' || finished(r));
  expect(last.status).toBe('IN_PROGRESS');
  const rolled = await follow(arn, finished);
  expect(rolled.last.status).toBe('ROLLBACK_SUCCESSFUL');
  expect(rolled.last.rollback?.reason).toMatch(ALARM);
});

test('a green task that fails during bake time rolls the deployment back', async () => {
  await seed('CANARY');
  // Healthy through the shift (canary 2 min), then the container exits 4 min after it started: in bake time.
  sim.setImageBehaviour(NEW, { kind: 'healthy', exitAfterSeconds: 4 * 60 });
  const { service } = await deployImage(ecs, NEW);
  const arn = service?.currentServiceDeployment ?? '';
  const { last, stages } = await follow(arn, finished);
  expect(stages.at(-1)).toBe('BAKE_TIME');
  expect(last.status).toBe('ROLLBACK_SUCCESSFUL');
  expect(last.rollback?.reason).toMatch(
    /^Task \w+ of the new service revision failed during BAKE_TIME: Essential container in task exited\.$/,
  );
  expect((await describeService(ecs, 'strapi', 'strapi')).taskDefinition).toMatch(/strapi:1$/);
});

test('StopServiceDeployment ROLLBACK during bake time returns traffic to blue at once', async () => {
  await seed('CANARY');
  const { service } = await deployImage(ecs, NEW);
  const arn = service?.currentServiceDeployment ?? '';
  await follow(arn, (r) => r.lifecycleStage === 'BAKE_TIME');
  expect((await record(arn)).targetServiceRevision?.requestedProductionTrafficWeight).toBe(100);
  await ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' }));
  expect((await record(arn)).status).toBe('ROLLBACK_REQUESTED');
  sim.advance(1000);
  const r = await record(arn);
  expect([r.status, r.targetServiceRevision?.requestedProductionTrafficWeight]).toEqual([
    'ROLLBACK_IN_PROGRESS',
    0,
  ]);
  // Blue never stopped, so the rollback ends as soon as green's tasks have stopped.
  expect(
    advanceUntil(
      sim,
      () =>
        sim.state.service('strapi', 'strapi')?.serviceDeployments.at(-1)?.status === 'ROLLBACK_SUCCESSFUL',
      30_000,
    ),
  ).toBe(true);
  expect((await describeService(ecs, 'strapi', 'strapi')).taskDefinition).toMatch(/strapi:1$/);
});

test('ROLLING services are unchanged: no lifecycle stage, no traffic weights', async () => {
  await sim.seedService({ cluster: 'strapi', service: 'strapi', image: OLD });
  const { service } = await deployImage(ecs, NEW);
  const { last } = await follow(service?.currentServiceDeployment ?? '', finished);
  expect(last.status).toBe('SUCCESSFUL');
  expect(last.lifecycleStage).toBeUndefined();
  expect(last.targetServiceRevision?.requestedProductionTrafficWeight).toBeUndefined();
});

test.each([
  [{ strategy: 'BLUE_GREEN' }, /bakeTimeInMinutes must be provided/],
  [{ strategy: 'LINEAR', linearConfiguration: { stepPercent: 2 } }, /stepPercent/],
  [{ strategy: 'CANARY', bakeTimeInMinutes: 2000 }, /between 0 and 1440/],
] as const)('UpdateService refuses %j', async (deploymentConfiguration, message) => {
  await sim.seedService({ cluster: 'strapi', service: 'strapi', image: OLD });
  await expect(
    ecs.send(new UpdateServiceCommand({ cluster: 'strapi', service: 'strapi', deploymentConfiguration })),
  ).rejects.toThrow(message);
});

test.each([
  [{ strategy: 'BLUE_GREEN' }, [[100, 0]]],
  [
    { strategy: 'CANARY' },
    [
      [5, 600_000],
      [100, 0],
    ],
  ],
  [
    { strategy: 'LINEAR', linearConfiguration: { stepPercent: 30, stepBakeTimeInMinutes: 1 } },
    [
      [30, 60_000],
      [60, 60_000],
      [90, 60_000],
      [100, 0],
    ],
  ],
  [
    { strategy: 'LINEAR', linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 2 } },
    [
      [25, 120_000],
      [50, 120_000],
      [75, 120_000],
      [100, 0],
    ],
  ],
] as const)('production steps of %j', (config, steps) => {
  expect(productionSteps(config as StrategyConfigRecord).map((s) => [s.percent, s.holdMs])).toEqual(steps);
});
