import { ConfigurationError } from '../../../src/core/errors';
import { runDeploy } from '../../../src/use-cases/deploy';
import type { ReleaseResult } from '../../../src/use-cases/release-result';
import { runRollback } from '../../../src/use-cases/rollback';
import { renderReleaseSummary } from '../../../src/use-cases/summary';
import type { Simulator, StrategyConfigRecord } from '../../../sim';
import {
  deployInputs,
  simulatedJob,
  startSimulatedAws,
  type SimulatedAws,
} from '../../support/simulated-aws';

/**
 * Deploy and rollback on services that use ECS's built-in BLUE_GREEN, LINEAR and CANARY strategies, on
 * the simulator over the real SDK: the verdict comes from ECS's service-deployment record, the result
 * carries the lifecycle stages, ECS's own rollbacks (alarm, failed task) are reported as such, and a
 * rollback during bake time stops the deployment instead of starting another.
 */
const CLUSTER = 'strapi-production';
const REPO = '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi';
const ALARM = 'strapi-production-target-5xx';
const WAIT = { waitMinutes: 30, pollSeconds: 10, maxTaskFailures: 2 };

const STRATEGIES: Record<'BLUE_GREEN' | 'LINEAR' | 'CANARY', Partial<StrategyConfigRecord>> = {
  BLUE_GREEN: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 5 },
  LINEAR: {
    strategy: 'LINEAR',
    bakeTimeInMinutes: 5,
    linearConfiguration: { stepPercent: 50, stepBakeTimeInMinutes: 1 },
  },
  CANARY: {
    strategy: 'CANARY',
    bakeTimeInMinutes: 5,
    canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 2 },
  },
};
type StrategyName = keyof typeof STRATEGIES;

let aws: SimulatedAws;
let sim: Simulator;

beforeAll(async () => {
  aws = await startSimulatedAws();
  sim = aws.sim;
});

afterAll(async () => {
  expect(sim.schemaViolations).toEqual([]);
  await aws.close();
});

let serial = 0;
async function seed(strategy: StrategyName): Promise<string> {
  serial += 1;
  const service = `cms-${strategy.toLowerCase().replace('_', '-')}-${serial}`;
  await sim.seedService({
    cluster: CLUSTER,
    service,
    image: `${REPO}:v1`,
    deploymentConfiguration: {
      ...STRATEGIES[strategy],
      alarms: { alarmNames: [ALARM], enable: true, rollback: true },
    },
  });
  return service;
}

function deploy(service: string, image: string, wait = WAIT): Promise<ReleaseResult> {
  return runDeploy(simulatedJob(sim).env, { inputs: deployInputs(CLUSTER, service, image, { wait }) });
}

const callsSince = (from: number, operation: string, service?: string): number =>
  sim.requests.filter(
    (r) =>
      r.at >= from &&
      r.operation === operation &&
      (service === undefined || JSON.stringify(r.input).includes(service)),
  ).length;

const STAGES_SEEN = ['SCALE_UP', 'PRODUCTION_TRAFFIC_SHIFT', 'BAKE_TIME', 'CLEAN_UP'];

describe.each(['BLUE_GREEN', 'LINEAR', 'CANARY'] as const)('%s', (strategy) => {
  test('healthy: succeeded, judged by the record, stages listed with their times', async () => {
    const service = await seed(strategy);
    const result = await deploy(service, `${REPO}:v2`);
    expect([result.verdict, result.reason]).toEqual([
      'succeeded',
      `ECS recorded the ${strategy} deployment SUCCESSFUL after CLEAN_UP.`,
    ]);
    const stages = result.rollout?.stages ?? [];
    expect(result.rollout?.strategy).toBe(strategy);
    expect(stages.map((s) => s.stage)).toEqual(expect.arrayContaining(STAGES_SEEN));
    const bake = stages.find((s) => s.stage === 'BAKE_TIME');
    // 5 min of bake time, seen poll by poll (every 10 s).
    expect((bake?.endedAt ?? 0) - (bake?.startedAt ?? 0)).toBeGreaterThanOrEqual(5 * 60_000 - 10_000);
    expect(bake?.productionPercent).toBe(100);
    const summary = renderReleaseSummary(result);
    expect(summary).toContain(`### Rollout stages (${strategy})`);
    expect(summary).toMatch(/\| BAKE_TIME \| \d+ \| 5 min \d+ s \| 100% \|/);
    expect(sim.state.service(CLUSTER, service)?.taskDefinition).toMatch(/:2$/);
  });

  test('an alarm during bake time: rolled back by ECS, naming the alarm, no UpdateService of ours', async () => {
    const service = await seed(strategy);
    sim.armAlarm(ALARM, { stage: 'BAKE_TIME', afterSeconds: 60 });
    const from = sim.now();
    const result = await deploy(service, `${REPO}:v2`);
    expect(result.verdict).toBe('rolled-back');
    expect(result.rollback?.by).toBe('ecs-deployment');
    expect(result.rollout?.ecsRollback).toEqual({
      status: 'ROLLBACK_SUCCESSFUL',
      cause: `CloudWatch alarm ${ALARM} went into ALARM`,
      alarms: [ALARM],
    });
    expect(result.reason).toBe(
      `ECS rolled the ${strategy} deployment back during BAKE_TIME: CloudWatch alarm ${ALARM} went into ALARM; ` +
        `traffic is back on the previous revision (ROLLBACK_SUCCESSFUL). Rolled back to ${service}:1 by ECS.`,
    );
    expect(callsSince(from, 'UpdateService', service)).toBe(1);
    expect(result.endedOn).toMatch(/:1$/);
    expect(renderReleaseSummary(result)).toContain('| Rollback | to ' + service + ':1 by ECS: succeeded');
    sim.setAlarmState(ALARM, 'OK');
  });

  test('a task that fails during bake time: rolled back by ECS, with the stopped task as evidence', async () => {
    const service = await seed(strategy);
    // Healthy through the traffic shift, then the container exits 200 s after it started: in bake time.
    sim.setImageBehaviour(`${REPO}:v2-exits-${service}`, { kind: 'healthy', exitAfterSeconds: 200 });
    const result = await deploy(service, `${REPO}:v2-exits-${service}`);
    expect(result.verdict).toBe('rolled-back');
    expect(result.rollout?.ecsRollback?.status).toBe('ROLLBACK_SUCCESSFUL');
    expect(result.reason).toMatch(
      new RegExp(
        `^ECS rolled the ${strategy} deployment back during BAKE_TIME: Task \\w+ of the new service revision failed during BAKE_TIME: Essential container in task exited;`,
      ),
    );
    expect(result.rollout?.stoppedTasks[0]?.stopCode).toBe('EssentialContainerExited');
    expect(result.endedOn).toMatch(/:1$/);
  });
});

test('a wait shorter than the strategy waits is refused before anything changes, naming wait-minutes', async () => {
  const service = await seed('CANARY');
  const from = sim.now();
  const refused = deploy(service, `${REPO}:v2`, { ...WAIT, waitMinutes: 6 });
  await expect(refused).rejects.toThrow(ConfigurationError);
  await expect(refused).rejects.toMatchObject({
    input: 'wait-minutes',
    detail: ` is 6 min, but the CANARY service "${service}" waits 2 min shifting traffic and 5 min of bake time: set it to at least 12.`,
  });
  expect(callsSince(from, 'RegisterTaskDefinition') + callsSince(from, 'UpdateService')).toBe(0);
});

test.each(['BLUE_GREEN', 'CANARY'] as const)(
  '%s: rollback during bake time stops the deployment; traffic returns at once and the service ends on the old revision',
  async (strategy) => {
    const service = await seed(strategy);
    // A deploy job watches the rollout while a person runs `rollback` from another.
    const deploying = deploy(service, `${REPO}:v2`);
    while (sim.state.service(CLUSTER, service)?.serviceDeployments.at(-1)?.shift?.stage !== 'BAKE_TIME')
      await sim.clock.sleep(5_000);
    const from = sim.now();
    const result = await runRollback(simulatedJob(sim).env, {
      cluster: CLUSTER,
      service,
      to: 'previous',
      dryRun: false,
      waitForIdle: false,
      force: false,
      wait: WAIT,
      jobSummary: true,
    });
    const stops = sim.requests.filter((r) => r.at >= from && r.operation === 'StopServiceDeployment');
    expect(stops.map((r) => (r.input as { stopType?: string }).stopType)).toEqual(['ROLLBACK']);
    expect(callsSince(from, 'UpdateService', service)).toBe(0);
    expect([result.verdict, result.from.revision, result.to.revision]).toEqual([
      'succeeded',
      `${service}:2`,
      `${service}:1`,
    ]);
    expect(result.stoppedServiceDeployment).toBe(
      stops[0] && (stops[0].input as { serviceDeploymentArn: string }).serviceDeploymentArn,
    );
    expect(result.reason).toBe(
      `Stopped with StopServiceDeployment (ROLLBACK) of the ${strategy} deployment in BAKE_TIME instead of a new UpdateService. ` +
        'ECS recorded ROLLBACK_SUCCESSFUL: production traffic went back to the previous revision at once (stopped during BAKE_TIME).',
    );
    // Blue never stopped: the rollback is over once green's tasks have stopped, well under a minute.
    expect((result.rollout?.endedAt ?? Infinity) - from).toBeLessThan(60_000);
    expect(result.endedOn).toMatch(/:1$/);
    expect(renderReleaseSummary(result)).toContain('| Rolled back with | StopServiceDeployment (ROLLBACK)');
    // The deploy job sees ECS's record end in a rollback it did not start.
    const deployed = await deploying;
    expect(deployed.verdict).toBe('rolled-back');
    expect(deployed.reason).toContain('Rollback requested by StopServiceDeployment');
  },
);

test('a deploy whose wait runs out before bake time ends stops the deployment (traffic back at once), no second UpdateService', async () => {
  const service = await seed('BLUE_GREEN');
  // Green never turns healthy within the wait: the rollout is stuck in SCALE_UP.
  sim.setImageBehaviour(`${REPO}:v2-slow-${service}`, { kind: 'slow-start', startSeconds: 900 });
  const from = sim.now();
  const result = await deploy(service, `${REPO}:v2-slow-${service}`, { ...WAIT, waitMinutes: 6 });
  expect(result.rollout?.verdict).toBe('timed-out');
  expect(result.rollout?.reason).toMatch(
    /^Timed out after 6 min waiting for ecs-svc\/\d+: BLUE_GREEN lifecycle stage SCALE_UP, /,
  );
  expect(callsSince(from, 'UpdateService', service)).toBe(1);
  expect(callsSince(from, 'StopServiceDeployment')).toBe(1);
  expect(result.verdict).toBe('rolled-back');
  expect(result.rollback?.by).toBe('strapi-deploy');
  expect(result.rollback?.rollout?.reason).toBe(
    'ECS recorded ROLLBACK_SUCCESSFUL: production traffic went back to the previous revision at once (stopped during SCALE_UP).',
  );
  expect(result.endedOn).toMatch(/:1$/);
});
