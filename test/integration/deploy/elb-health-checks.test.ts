import { DescribeServicesCommand } from '@aws-sdk/client-ecs';
import {
  ALL_REALISM,
  ELB_DEFAULTS,
  startSimulator,
  type LoadBalancerSpec,
  type Simulator,
} from '../../../sim';
import { runDeploy } from '../../../src/use-cases/deploy';
import { createAwsClients } from '../../support/aws-clients';
import { deployInputs, simulatedJob } from '../../support/simulated-aws';

/**
 * A service behind a load balancer (sim/load-balancer.ts) on the simulator with every real-ECS behaviour
 * on: targets registered, healthy after the initial passing checks, a target that fails its checks
 * stopped by ECS with "Task failed ELB health checks in (target-group …)", old tasks drained for the
 * deregistration delay, all on the virtual clock; and the engine's verdict on each.
 */
const CLUSTER = 'lb';
const REPO = '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi';
const TG = 'arn:aws:elasticloadbalancing:ap-south-1:123456789012:targetgroup/strapi/0123456789abcdef';

let sim: Simulator;
const saved = { ...process.env };

beforeAll(async () => {
  sim = await startSimulator({ time: 'manual', realism: ALL_REALISM });
  Object.assign(process.env, sim.env());
});

afterAll(async () => {
  await sim.close();
  process.env = saved;
});

afterEach(() => expect(sim.schemaViolations).toEqual([]));

/** The provision template's target group (templates/strapi-baseline.yaml): 15 s checks, 2 to healthy, 30 s drain. */
const BASELINE: LoadBalancerSpec = {
  targetGroupArn: TG,
  healthCheckIntervalSeconds: 15,
  healthyThresholdCount: 2,
  unhealthyThresholdCount: 3,
  deregistrationDelaySeconds: 30,
  gracePeriodSeconds: 120,
};

async function seed(service: string, loadBalancer: LoadBalancerSpec): Promise<void> {
  await sim.seedService({
    cluster: CLUSTER,
    service,
    image: `${REPO}:good`,
    desiredCount: 1,
    circuitBreaker: { enable: true, rollback: true },
    loadBalancer,
  });
}

async function deploy(service: string, image: string) {
  const { env } = simulatedJob(sim);
  const startedAt = sim.now();
  const result = await runDeploy(env, {
    inputs: { ...deployInputs(CLUSTER, service, image), region: sim.region },
  });
  return { result, seconds: (sim.now() - startedAt) / 1000 };
}

test('DescribeServices shows the target group and the grace period', async () => {
  await seed('shown', BASELINE);
  const { ecs } = createAwsClients({ region: sim.region });
  const out = await ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: ['shown'] }));
  expect(out.services?.[0]?.loadBalancers).toEqual([
    { targetGroupArn: TG, containerName: 'strapi', containerPort: 1337 },
  ]);
  expect(out.services?.[0]?.healthCheckGracePeriodSeconds).toBe(120);
});

test('a target that fails its health checks: ECS stops the task with the ELB reason, the deploy rolls back naming it', async () => {
  await seed('unhealthy', BASELINE);
  const image = `${REPO}:wrong-health-path`;
  sim.setImageBehaviour(image, { kind: 'elb-unhealthy', statusCode: 404 });

  const { result } = await deploy('unhealthy', image);

  expect(result.verdict).toBe('rolled-back');
  expect(result.reason).toContain(`Task failed ELB health checks in (target-group ${TG})`);
  const events = sim.state.service(CLUSTER, 'unhealthy')?.events ?? [];
  expect(events).toEqual(
    expect.arrayContaining([
      `(service unhealthy) registered 1 targets in (target-group ${TG})`,
      `(service unhealthy) (port 1337) is unhealthy in (target-group ${TG}) due to (reason Health checks failed with these codes: [404]).`,
      '(service unhealthy) has begun draining connections on 1 tasks.',
    ]),
  );
  const stopped = sim.state
    .tasks(CLUSTER, 'unhealthy')
    .filter((t) => t.stoppedReason === `Task failed ELB health checks in (target-group ${TG})`);
  expect(stopped.length).toBeGreaterThan(0);
  expect(stopped[0]?.stopCode).toBe('ServiceSchedulerInitiated');
});

test.each([
  // [target group, what the rollout must at least take]: provisioning + pull/start + app start +
  // initial passing checks, then the old task's deregistration delay before ECS calls it steady.
  ['the ELB defaults (5 checks 30 s apart, 300 s drain)', { targetGroupArn: TG }, 150 + 300],
  ['the provision template (2 checks 15 s apart, 30 s drain)', BASELINE, 30 + 30],
])('a healthy rollout behind %s waits for the checks and the drain', async (_name, spec, atLeast) => {
  const service = `healthy-${atLeast}`;
  await seed(service, spec);
  const startedAt = sim.now();
  const { result } = await deploy(service, `${REPO}:v2-${atLeast}`);

  expect(result.verdict).toBe('succeeded');
  const view = sim.state.service(CLUSTER, service);
  const completed = view?.deployments[0]?.updatedAt ?? 0;
  // fast timing: 3 s provisioning, 12 s pull, 15 s to the app's first answer.
  expect((completed - startedAt) / 1000).toBeGreaterThanOrEqual(3 + 12 + 15 + atLeast);
  expect(view?.events).toEqual(
    expect.arrayContaining([`(service ${service}) deregistered 1 targets in (target-group ${TG})`]),
  );
});

test('the defaults are the ELB user guide values', () => {
  expect(ELB_DEFAULTS).toEqual({
    healthCheckIntervalSeconds: 30,
    healthyThresholdCount: 5,
    unhealthyThresholdCount: 2,
    deregistrationDelaySeconds: 300,
  });
});
