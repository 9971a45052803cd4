import { RecordingReporter } from '../../support/recording-reporter';
import { createAwsClients } from '../../../src/aws/clients';
import { ConfigurationError } from '../../../src/core/errors';

import { deployService, renderDeploySummary, type DeployRequest, type EngineDeps } from '../../../src/deploy';
import type { Simulator } from '../../../sim';
import { simulatedEngine, startSimulatedAws, type SimulatedAws } from '../../support/simulated-aws';

/**
 * The engine against the rollout simulator: real SDK clients over HTTP, virtual time (the
 * engine's sleeps move the simulator's clock). Each scenario seeds its own service.
 */
const CLUSTER = 'strapi-production';
const REPO = '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi';
const WAIT = { waitMinutes: 15, pollSeconds: 10, maxTaskFailures: 2 };

let aws: SimulatedAws;
let sim: Simulator;
let deps: EngineDeps;
let reporter: RecordingReporter;

beforeAll(async () => {
  aws = await startSimulatedAws();
  sim = aws.sim;
  ({ deps, reporter } = simulatedEngine(sim));
});

afterAll(() => aws.close());

beforeEach(() => {
  reporter.lines.length = 0;
});

async function seed(
  service: string,
  extra: { circuitBreaker?: { enable: boolean; rollback: boolean }; desiredCount?: number } = {},
) {
  return sim.seedService({ cluster: CLUSTER, service, image: `${REPO}:v1`, ...extra });
}

function request(service: string, image: string, extra: Partial<DeployRequest> = {}): DeployRequest {
  return {
    cluster: CLUSTER,
    service,
    image,
    forceNewDeployment: false,
    rollbackOnFailure: true,
    wait: WAIT,
    ...extra,
  };
}

/** Operation names of the requests made from `from` on (index into sim.requests), counted. */
function calls(from: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of sim.requests.slice(from)) out[r.operation] = (out[r.operation] ?? 0) + 1;
  return out;
}

function revision(arn: string): string {
  return arn.split('/').pop() ?? '';
}

afterEach(() => {
  // The simulator checks every request and response against the SDK's operation schemas.
  expect(sim.schemaViolations).toEqual([]);
});

describe('deployService on the rollout simulator', () => {
  test('healthy: succeeds within one poll of steady state, using only DescribeServices to wait', async () => {
    const seeded = await seed('healthy');
    const from = sim.requests.length;
    const outcome = await deployService(
      deps,
      request('healthy', `${REPO}:v2`, { revisionTags: { 'git-sha': 'abc123', 'run-id': '99' } }),
    );

    expect(outcome.status).toBe('succeeded');
    expect(outcome.rollout.verdict).toBe('succeeded');
    expect(outcome.rollout.reason).toMatch(/Rollout COMPLETED: 2 of 2 tasks running healthy:2/);
    expect(outcome.previousTaskDefinitionArn).toBe(seeded.taskDefinitionArn);
    expect(revision(outcome.taskDefinitionArn)).toBe('healthy:2');
    expect(sim.state.service(CLUSTER, 'healthy')?.taskDefinition).toBe(outcome.taskDefinitionArn);
    const steady = outcome.rollout.events.find((e) => /has reached a steady state/.test(e.message));
    expect(steady).toBeDefined();
    expect(outcome.rollout.decidedAt - (steady?.at ?? 0)).toBeLessThanOrEqual(WAIT.pollSeconds * 1000);

    const made = calls(from);
    expect(made).toMatchObject({
      DescribeServices: expect.any(Number),
      DescribeTaskDefinition: 1,
      RegisterTaskDefinition: 1,
      UpdateService: 1,
    });
    expect(made.ListTasks).toBeUndefined();
    expect(made.GetLogEvents).toBeUndefined();
    const minutes = (outcome.rollout.endedAt - outcome.rollout.startedAt) / 60_000;
    expect(outcome.rollout.ecsApiCalls / minutes).toBeLessThanOrEqual(8);

    // The new revision keeps the old one's tags and carries the run's.
    const registered = sim.requests.find(
      (r) => r.operation === 'RegisterTaskDefinition' && sim.requests.indexOf(r) >= from,
    );
    expect((registered?.input as { tags?: unknown }).tags).toEqual([
      { key: 'app', value: 'strapi' },
      { key: 'git-sha', value: 'abc123' },
      { key: 'run-id', value: '99' },
    ]);
    expect(reporter.text()).toMatch(/event: \(service healthy\) has started 2 tasks/);
    expect(reporter.text()).toMatch(/running 2\/2, pending 0, rollout COMPLETED/);
  });

  test('crash loop: fails on the second crashed task with exit code and log tail, rolls back', async () => {
    const seeded = await seed('crash');
    sim.setImageBehaviour(`${REPO}:v2-crash`, {
      kind: 'crash',
      exitCode: 1,
      afterSeconds: 4,
      logLines: ['[2026-01-15 10:00:31.000] error: Missing APP_KEYS: set the APP_KEYS environment variable.'],
    });
    const from = sim.requests.length;
    const outcome = await deployService(deps, request('crash', `${REPO}:v2-crash`));

    expect(outcome.status).toBe('rolled-back');
    expect(outcome.rollout.verdict).toBe('failed');
    expect(outcome.rollout.reason).toMatch(
      /^2 tasks of the deployment stopped and none became healthy; latest: task \w+: EssentialContainerExited: "Essential container in task exited": strapi exit 1; log: .*Missing APP_KEYS/,
    );
    expect(outcome.rollout.stoppedTasks.length).toBeGreaterThanOrEqual(2);
    // Decided within one poll of the second failed task stopping.
    const stopTimes = outcome.rollout.stoppedTasks.map((t) => t.stoppedAt ?? NaN).sort((a, b) => a - b);
    expect(outcome.rollout.decidedAt - (stopTimes[1] ?? NaN)).toBeLessThanOrEqual(WAIT.pollSeconds * 1000);
    expect(outcome.rollout.decidedAt - (stopTimes[1] ?? NaN)).toBeGreaterThanOrEqual(0);
    expect(outcome.rollout.stoppedTasks[0]?.logTail.at(-1)).toMatch(/Missing APP_KEYS/);
    expect(outcome.rollout.stoppedTasks[0]?.logSource).toMatch(/^\/ecs\/crash \/ ecs\/strapi\//);
    expect(outcome.rollbackBy).toBe('strapi-deploy');
    expect(outcome.rollback?.verdict).toBe('succeeded');
    expect(sim.state.service(CLUSTER, 'crash')?.taskDefinition).toBe(seeded.taskDefinitionArn);

    const made = calls(from);
    expect(made.UpdateService).toBe(2);
    expect(made.RegisterTaskDefinition).toBe(1);
    expect(made.GetLogEvents).toBeLessThanOrEqual(2);
    expect(made.ListTasks).toBeLessThanOrEqual(3);

    const summary = renderDeploySummary(outcome, { consoleRegion: sim.region });
    expect(summary).toContain('↩️ Failed, rolled back');
    expect(summary).toContain('| Revision | crash:1 → crash:2 |');
    expect(summary).toContain('Missing APP_KEYS');
    expect(summary).toContain(
      `https://${sim.region}.console.aws.amazon.com/ecs/v2/clusters/${CLUSTER}/services/crash/deployments`,
    );
  });

  test('pull error: fails with CannotPullContainerError and fetches no logs', async () => {
    const seeded = await seed('pull');
    sim.setImageBehaviour(`${REPO}:missing`, { kind: 'pull-error' });
    const from = sim.requests.length;
    const outcome = await deployService(deps, request('pull', `${REPO}:missing`));

    expect(outcome.status).toBe('rolled-back');
    expect(outcome.rollout.reason).toMatch(/TaskFailedToStart: "CannotPullContainerError: .*not found"/);
    expect(outcome.rollout.stoppedTasks[0]?.logSource).toBe('the task never started, so there is no log');
    expect(calls(from).GetLogEvents).toBeUndefined();
    expect(sim.state.service(CLUSTER, 'pull')?.taskDefinition).toBe(seeded.taskDefinitionArn);
  });

  test('health check failing: fails naming the health check, with exit 137', async () => {
    await seed('unhealthy');
    sim.setImageBehaviour(`${REPO}:v2-unhealthy`, {
      kind: 'health-check-fail',
      afterSeconds: 30,
      logLines: ['[2026-01-15 10:00:40.000] error: Admin panel build missing: run `strapi build`'],
    });
    const outcome = await deployService(deps, request('unhealthy', `${REPO}:v2-unhealthy`));

    expect(outcome.status).toBe('rolled-back');
    expect(outcome.rollout.reason).toMatch(/"Task failed container health checks": strapi exit 137/);
    expect(outcome.rollout.stoppedTasks[0]?.logTail.join('\n')).toMatch(/Admin panel build missing/);
  });

  test('circuit breaker rollback by ECS: the vanished deployment is the verdict; the engine watches the ECS rollback', async () => {
    const seeded = await seed('breaker', { circuitBreaker: { enable: true, rollback: true } });
    sim.setImageBehaviour(`${REPO}:v2-breaker`, { kind: 'crash', exitCode: 137, afterSeconds: 2 });
    const from = sim.requests.length;
    // max-task-failures 0: leave the decision to ECS.
    const outcome = await deployService(
      deps,
      request('breaker', `${REPO}:v2-breaker`, { wait: { ...WAIT, maxTaskFailures: 0 } }),
    );

    expect(outcome.status).toBe('rolled-back');
    expect(outcome.rollout.verdict).toBe('failed');
    expect(outcome.rollout.reason).toMatch(
      /(ECS marked the rollout FAILED: ECS deployment circuit breaker|is gone: ECS rolled the service back to breaker:1)/,
    );
    expect(outcome.rollbackBy).toBe('ecs-circuit-breaker');
    expect(outcome.rollback?.verdict).toBe('succeeded');
    expect(calls(from).UpdateService).toBe(1);
    expect(sim.state.service(CLUSTER, 'breaker')?.taskDefinition).toBe(seeded.taskDefinitionArn);
    const failedEvent = outcome.rollout.events.find((e) => /deployment failed/.test(e.message));
    expect(outcome.rollout.decidedAt - (failedEvent?.at ?? 0)).toBeLessThanOrEqual(WAIT.pollSeconds * 1000);
  });

  test('timeout: a start slower than wait-minutes times out with the state at that moment', async () => {
    await seed('slow');
    sim.setImageBehaviour(`${REPO}:v2-slow`, { kind: 'slow-start', startSeconds: 1200 });
    const outcome = await deployService(
      deps,
      request('slow', `${REPO}:v2-slow`, { rollbackOnFailure: false, wait: { ...WAIT, waitMinutes: 2 } }),
    );

    expect(outcome.status).toBe('timed-out');
    expect(outcome.rollout.reason).toMatch(
      /^Timed out after 2 min waiting for ecs-svc\/\d+: rollout IN_PROGRESS, 2 running \/ 0 pending \/ 2 desired, 2 deployments/,
    );
    expect(outcome.rollout.endedAt - outcome.rollout.startedAt).toBe(120_000);
    expect(outcome.rollback).toBeUndefined();
    expect(sim.state.service(CLUSTER, 'slow')?.taskDefinition).toBe(outcome.taskDefinitionArn);
  });

  describe('throttling bursts and transient 5xx', () => {
    // Clients with 2 SDK attempts, so a burst outlasts the SDK's retries quickly in real time and
    // what is tested is the engine's own tolerance.
    function impatientDeps(onInfo?: (message: string) => void): EngineDeps {
      const clients = createAwsClients({ region: sim.region, maxAttempts: 2, retryMode: 'standard' });
      const hooked = Object.assign(Object.create(reporter) as RecordingReporter, {
        info: (message: string) => {
          reporter.info(message);
          onInfo?.(message);
        },
      });
      return { ...deps, ecs: clients.ecs, logs: clients.logs, reporter: hooked };
    }

    test('before the deploy: the read-only lookups try again a pause later', async () => {
      await seed('flaky-start');
      const from = sim.requests.length;
      sim.injectFaults({
        throttle: { operation: 'DescribeServices', count: 2 },
        serverError: { operation: 'DescribeTaskDefinition', count: 3 },
      });
      const outcome = await deployService(impatientDeps(), request('flaky-start', `${REPO}:v2`));

      expect(outcome.status).toBe('succeeded');
      const faults = sim.requests.slice(from).filter((r) => r.fault);
      expect(faults.map((r) => `${r.operation}:${r.fault}`)).toEqual([
        'DescribeServices:throttle',
        'DescribeServices:throttle',
        'DescribeTaskDefinition:serverError',
        'DescribeTaskDefinition:serverError',
        'DescribeTaskDefinition:serverError',
      ]);
      expect(calls(from).RegisterTaskDefinition).toBe(1);
    });

    test('during the wait: a failed poll is a warning, the next poll carries on', async () => {
      await seed('flaky-wait');
      const from = sim.requests.length;
      const faulty = impatientDeps((message) => {
        if (message.startsWith('Rolling flaky-wait')) {
          sim.injectFaults({
            throttle: { operation: 'DescribeServices', count: 4 },
            serverError: { operation: 'DescribeServices', count: 2 },
          });
        }
      });
      const outcome = await deployService(faulty, request('flaky-wait', `${REPO}:v2`));

      expect(outcome.status).toBe('succeeded');
      expect(sim.requests.slice(from).filter((r) => r.fault).length).toBe(6);
      expect(reporter.text()).toMatch(/DescribeServices failed \(.*\); retrying at the next poll/);
      // Still within one poll of steady state despite the failed polls before it.
      const steady = outcome.rollout.events.find((e) => /has reached a steady state/.test(e.message));
      expect(outcome.rollout.decidedAt - (steady?.at ?? 0)).toBeLessThanOrEqual(WAIT.pollSeconds * 1000);
    });

    test('a burst that never ends gives up with an error naming it', async () => {
      await seed('flaky-forever');
      const faulty = impatientDeps((message) => {
        // 5 polls x 2 SDK attempts: exactly the burst the engine gives up on (the simulator cannot clear faults).
        if (message.startsWith('Rolling flaky-forever'))
          sim.injectFaults({ serverError: { operation: 'DescribeServices', count: 10 } });
      });
      const from = sim.requests.length;
      await expect(deployService(faulty, request('flaky-forever', `${REPO}:v2`))).rejects.toThrow(
        /Gave up watching flaky-forever: 5 polls in a row failed/,
      );
      expect(sim.requests.slice(from).filter((r) => r.fault).length).toBe(10);
    });
  });

  test('rollback-on-failure false leaves the failed revision in place and reports failed', async () => {
    await seed('norollback');
    sim.setImageBehaviour(`${REPO}:v2-crash2`, { kind: 'crash', exitCode: 2 });
    const from = sim.requests.length;
    const outcome = await deployService(
      deps,
      request('norollback', `${REPO}:v2-crash2`, { rollbackOnFailure: false }),
    );

    expect(outcome.status).toBe('failed');
    expect(outcome.rollout.reason).toMatch(/strapi exit 2/);
    expect(outcome.rollback).toBeUndefined();
    expect(calls(from).UpdateService).toBe(1);
    expect(sim.state.service(CLUSTER, 'norollback')?.taskDefinition).toBe(outcome.taskDefinitionArn);
  });

  // The listing of existing names is asserted in the moto suite: the simulator has no ListClusters/ListServices.
  test.each([
    [
      'unknown container',
      { containerName: 'app' },
      /no container "app" in the task definition; it has strapi/,
    ],
    ['unknown service', { service: 'strapy' }, /^Service "strapy" not found in cluster "strapi-production"/],
    ['unknown cluster', { cluster: 'strapi-prod' }, /^Cluster "strapi-prod" not found/],
    ['bad image URI', { image: `${REPO}:has space` }, /is not a valid image reference/],
  ] as const)('%s: ConfigurationError and no AWS change', async (_name, override, message) => {
    await seed(`valid-${_name.replace(/ /g, '-')}`);
    const from = sim.requests.length;
    const attempt = deployService(deps, {
      ...request(`valid-${_name.replace(/ /g, '-')}`, `${REPO}:v3`),
      ...override,
    });
    await expect(attempt).rejects.toThrow(ConfigurationError);
    await expect(
      deployService(deps, { ...request(`valid-${_name.replace(/ /g, '-')}`, `${REPO}:v3`), ...override }),
    ).rejects.toThrow(message);
    const made = calls(from);
    expect(made.RegisterTaskDefinition).toBeUndefined();
    expect(made.UpdateService).toBeUndefined();
  });
});
