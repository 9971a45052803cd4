import { RecordingReporter } from '../../support/recording-reporter';
import {
  DescribeServicesCommand,
  TagResourceCommand,
  UpdateServiceCommand,
  type Tag,
} from '@aws-sdk/client-ecs';
import { createAwsClients } from '../../support/aws-clients';
import { ConfigurationError } from '../../../src/core/errors';

import type { DeployServiceInputs } from '../../../src/deploy';
import { ServiceBusyError } from '../../../src/deploy/idle';
import { runDeploy, type DeployJob } from '../../../src/use-cases/deploy';
import type { JobEnvironment } from '../../../src/use-cases/job-context';
import { renderReleaseSummary } from '../../../src/use-cases/summary';
import type { Simulator } from '../../../sim';
import {
  abortingClock,
  deployInputs,
  simulatedJob,
  startSimulatedAws,
  type SimulatedAws,
} from '../../support/simulated-aws';

/**
 * The deploy use case against the rollout simulator: real SDK clients over HTTP, virtual time (the
 * engine's sleeps move the simulator's clock). Each scenario seeds its own service.
 */
const CLUSTER = 'strapi-production';
const REPO = '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi';
const WAIT = { waitMinutes: 15, pollSeconds: 10, maxTaskFailures: 2 };

let aws: SimulatedAws;
let sim: Simulator;
let env: JobEnvironment;
let reporter: RecordingReporter;

beforeAll(async () => {
  aws = await startSimulatedAws();
  sim = aws.sim;
  ({ env, reporter } = simulatedJob(sim));
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

function job(
  service: string,
  image: string,
  extra: Partial<DeployServiceInputs> = {},
  release: Omit<DeployJob, 'inputs'> = {},
): DeployJob {
  return { inputs: deployInputs(CLUSTER, service, image, { wait: WAIT, ...extra }), ...release };
}

/** Operation names of the requests made from `from` on (index into sim.requests), counted. */
function calls(from: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of sim.requests.slice(from)) out[r.operation] = (out[r.operation] ?? 0) + 1;
  return out;
}

function requestsOf(operation: string, from: number) {
  return sim.requests.slice(from).filter((r) => r.operation === operation && !r.fault);
}

/** `base` with a reporter that also tells `onInfo` every info line (to act at a moment of the run). */
function hearing(onInfo: (message: string) => void, base: JobEnvironment = env): JobEnvironment {
  const hooked = Object.assign(Object.create(reporter) as RecordingReporter, {
    info: (message: string) => {
      reporter.info(message);
      onInfo(message);
    },
  });
  return { ...base, reporter: hooked };
}

/**
 * The tags of the RegisterTaskDefinition request as sent. Read when the use case says it registered:
 * the simulator keeps the request's tag array as the revision's tags, so a later TagResource
 * (deploy-result) would show up in the recorded request too.
 */
function snapshotRegisteredTags(base: JobEnvironment = env): { env: JobEnvironment; tags: () => unknown } {
  let tags: unknown;
  return {
    env: hearing((message) => {
      if (!message.startsWith('Registered ')) return;
      const registered = sim.requests.filter((r) => r.operation === 'RegisterTaskDefinition').at(-1);
      tags = structuredClone((registered?.input as { tags?: unknown }).tags);
    }, base),
    tags: () => tags,
  };
}

/**
 * Answers the faults a test injected and its run did not use (the simulator cannot clear them),
 * so they do not fall on the next test.
 */
async function drainFaults(): Promise<void> {
  const ecs = createAwsClients({ region: sim.region, maxAttempts: 1 }).ecs;
  for (let i = 0; i < 20; i++) {
    const before = sim.requests.length;
    await ecs
      .send(new DescribeServicesCommand({ cluster: CLUSTER, services: ['none'] }))
      .catch(() => undefined);
    if (!sim.requests.slice(before).some((r) => r.fault)) return;
  }
}

function revision(arn: string): string {
  return arn.split('/').pop() ?? '';
}

afterEach(() => {
  // The simulator checks every request and response against the SDK's operation schemas.
  expect(sim.schemaViolations).toEqual([]);
});

describe('runDeploy on the rollout simulator', () => {
  test('healthy: succeeds within one poll of steady state, using only DescribeServices to wait', async () => {
    const seeded = await seed('healthy');
    const from = sim.requests.length;
    const registration = snapshotRegisteredTags();
    const result = await runDeploy(
      registration.env,
      job('healthy', `${REPO}:v2`, {}, { gitSha: 'abc123', runId: '99' }),
    );

    expect(result.verdict).toBe('succeeded');
    expect(result.rollout?.verdict).toBe('succeeded');
    expect(result.rollout?.reason).toMatch(/Rollout COMPLETED: 2 of 2 tasks running healthy:2/);
    expect(result.from.taskDefinitionArn).toBe(seeded.taskDefinitionArn);
    expect(revision(result.to.taskDefinitionArn)).toBe('healthy:2');
    expect(result.endedOn).toBe(result.to.taskDefinitionArn);
    expect(sim.state.service(CLUSTER, 'healthy')?.taskDefinition).toBe(result.to.taskDefinitionArn);
    const steady = result.rollout?.events.find((e) => /has reached a steady state/.test(e.message));
    expect(steady).toBeDefined();
    expect((result.rollout?.decidedAt ?? NaN) - (steady?.at ?? 0)).toBeLessThanOrEqual(
      WAIT.pollSeconds * 1000,
    );

    const made = calls(from);
    expect(made).toMatchObject({
      DescribeServices: expect.any(Number),
      // The source of the new revision, and what ran before as the summary's "from" side.
      DescribeTaskDefinition: 2,
      RegisterTaskDefinition: 1,
      UpdateService: 1,
      TagResource: 1,
    });
    expect(made.ListTasks).toBeUndefined();
    expect(made.GetLogEvents).toBeUndefined();
    const minutes = ((result.rollout?.endedAt ?? 0) - (result.rollout?.startedAt ?? 0)) / 60_000;
    expect((result.rollout?.ecsApiCalls ?? Infinity) / minutes).toBeLessThanOrEqual(8);

    // The new revision keeps the old one's own tags and carries this run's.
    expect(registration.tags()).toEqual([
      { key: 'app', value: 'strapi' },
      { key: 'git-sha', value: 'abc123' },
      { key: 'run-id', value: '99' },
    ]);
    // The verdict is tagged once it is in: the last request of the run.
    expect(sim.requests.at(-1)).toMatchObject({
      operation: 'TagResource',
      input: { resourceArn: result.to.taskDefinitionArn, tags: [{ key: 'deploy-result', value: 'success' }] },
    });
    expect(reporter.text()).toMatch(/event: \(service healthy\) has started 2 tasks/);
    expect(reporter.text()).toMatch(/running 2\/2, pending 0, rollout COMPLETED/);
  });

  describe('a new revision never inherits the release tags of the revision it is rendered from', () => {
    const EARLIER_RELEASE: Tag[] = [
      { key: 'git-sha', value: 'old0sha' },
      { key: 'run-id', value: '7' },
      { key: 'deploy-result', value: 'success' },
      { key: 'restored-from', value: 'arn:aws:ecs:ap-south-1:123456789012:task-definition/x:1' },
    ];
    test.each<[string, string, Tag[], Omit<DeployJob, 'inputs'>, Tag[]]>([
      // name, service, tags on the running revision, this run's commit and run, tags registered
      [
        'a revision with only its own tags',
        'tags-plain',
        [],
        { gitSha: 'abc123', runId: '99' },
        [
          { key: 'app', value: 'strapi' },
          { key: 'git-sha', value: 'abc123' },
          { key: 'run-id', value: '99' },
        ],
      ],
      [
        'a revision deployed before (deploy-result=success): its commit, run and result stay behind',
        'tags-released',
        EARLIER_RELEASE,
        { gitSha: 'abc123', runId: '99' },
        [
          { key: 'app', value: 'strapi' },
          { key: 'git-sha', value: 'abc123' },
          { key: 'run-id', value: '99' },
        ],
      ],
      [
        'the same without a commit or run of its own: nothing of the earlier release is passed on',
        'tags-anonymous',
        EARLIER_RELEASE,
        {},
        [{ key: 'app', value: 'strapi' }],
      ],
    ])('%s', async (_name, service, baseTags, release, registeredTags) => {
      const seeded = await seed(service);
      if (baseTags.length) {
        await createAwsClients({ region: sim.region }).ecs.send(
          new TagResourceCommand({ resourceArn: seeded.taskDefinitionArn, tags: baseTags }),
        );
      }
      const from = sim.requests.length;
      const registration = snapshotRegisteredTags();
      const result = await runDeploy(registration.env, job(service, `${REPO}:v2`, {}, release));

      expect(result.verdict).toBe('succeeded');
      expect(registration.tags()).toEqual(registeredTags);
      // deploy-result appears on the new revision from its own verdict only.
      expect(requestsOf('TagResource', from).map((r) => r.input)).toEqual([
        { resourceArn: result.to.taskDefinitionArn, tags: [{ key: 'deploy-result', value: 'success' }] },
      ]);
    });
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
    const result = await runDeploy(env, job('crash', `${REPO}:v2-crash`));
    const rollout = result.rollout;

    expect(result.verdict).toBe('rolled-back');
    expect(rollout?.verdict).toBe('failed');
    expect(rollout?.reason).toMatch(
      /^2 tasks of the deployment stopped and none became healthy; latest: task \w+: EssentialContainerExited: "Essential container in task exited": strapi exit 1; log: .*Missing APP_KEYS/,
    );
    expect(rollout?.stoppedTasks.length).toBeGreaterThanOrEqual(2);
    // Decided within one poll of the second failed task stopping.
    const stopTimes = (rollout?.stoppedTasks ?? []).map((t) => t.stoppedAt ?? NaN).sort((a, b) => a - b);
    expect((rollout?.decidedAt ?? NaN) - (stopTimes[1] ?? NaN)).toBeLessThanOrEqual(WAIT.pollSeconds * 1000);
    expect((rollout?.decidedAt ?? NaN) - (stopTimes[1] ?? NaN)).toBeGreaterThanOrEqual(0);
    expect(rollout?.stoppedTasks[0]?.logTail.at(-1)).toMatch(/Missing APP_KEYS/);
    expect(rollout?.stoppedTasks[0]?.logSource).toMatch(/^\/ecs\/crash \/ ecs\/strapi\//);
    expect(result.rollback?.by).toBe('strapi-deploy');
    expect(result.rollback?.rollout?.verdict).toBe('succeeded');
    expect(result.endedOn).toBe(seeded.taskDefinitionArn);
    expect(sim.state.service(CLUSTER, 'crash')?.taskDefinition).toBe(seeded.taskDefinitionArn);

    const made = calls(from);
    expect(made.UpdateService).toBe(2);
    expect(made.RegisterTaskDefinition).toBe(1);
    expect(made.GetLogEvents).toBeLessThanOrEqual(2);
    expect(made.ListTasks).toBeLessThanOrEqual(3);
    // Tasks are listed by service and state (the API reference: `startedBy` must be used alone).
    for (const listed of requestsOf('ListTasks', from)) {
      expect(listed.input).toMatchObject({
        cluster: CLUSTER,
        serviceName: 'crash',
        desiredStatus: expect.any(String),
      });
      expect(listed.input).not.toHaveProperty('startedBy');
    }
    expect(requestsOf('TagResource', from).map((r) => r.input)).toEqual([
      { resourceArn: result.to.taskDefinitionArn, tags: [{ key: 'deploy-result', value: 'failure' }] },
    ]);

    const summary = renderReleaseSummary(result);
    expect(summary).toContain('## Deploy crash: ↩️ rolled-back');
    expect(summary).toContain('| Revision | crash:1 | crash:2 |');
    expect(summary).toContain('| Rollback | to crash:1 by strapi-deploy: succeeded');
    expect(summary).toContain('Missing APP_KEYS');
    expect(summary).toContain(
      `https://${sim.region}.console.aws.amazon.com/ecs/v2/clusters/${CLUSTER}/services/crash/deployments`,
    );
  });

  test('pull error: fails with CannotPullContainerError and fetches no logs', async () => {
    const seeded = await seed('pull');
    sim.setImageBehaviour(`${REPO}:missing`, { kind: 'pull-error' });
    const from = sim.requests.length;
    const result = await runDeploy(env, job('pull', `${REPO}:missing`));

    expect(result.verdict).toBe('rolled-back');
    expect(result.rollout?.reason).toMatch(/TaskFailedToStart: "CannotPullContainerError: .*not found"/);
    expect(result.rollout?.stoppedTasks[0]?.logSource).toBe('the task never started, so there is no log');
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
    const result = await runDeploy(env, job('unhealthy', `${REPO}:v2-unhealthy`));

    expect(result.verdict).toBe('rolled-back');
    expect(result.rollout?.reason).toMatch(/"Task failed container health checks": strapi exit 137/);
    expect(result.rollout?.stoppedTasks[0]?.logTail.join('\n')).toMatch(/Admin panel build missing/);
  });

  test('circuit breaker rollback by ECS: the vanished deployment is the verdict; the engine watches the ECS rollback', async () => {
    const seeded = await seed('breaker', { circuitBreaker: { enable: true, rollback: true } });
    sim.setImageBehaviour(`${REPO}:v2-breaker`, { kind: 'crash', exitCode: 137, afterSeconds: 2 });
    const from = sim.requests.length;
    // max-task-failures 0: leave the decision to ECS.
    const result = await runDeploy(
      env,
      job('breaker', `${REPO}:v2-breaker`, { wait: { ...WAIT, maxTaskFailures: 0 } }),
    );

    expect(result.verdict).toBe('rolled-back');
    expect(result.rollout?.verdict).toBe('failed');
    expect(result.rollout?.reason).toMatch(
      /(ECS marked the rollout FAILED: ECS deployment circuit breaker|is gone: ECS rolled the service back to breaker:1)/,
    );
    expect(result.rollback?.by).toBe('ecs-circuit-breaker');
    expect(result.rollback?.rollout?.verdict).toBe('succeeded');
    expect(calls(from).UpdateService).toBe(1);
    expect(sim.state.service(CLUSTER, 'breaker')?.taskDefinition).toBe(seeded.taskDefinitionArn);
    const failedEvent = result.rollout?.events.find((e) => /deployment failed/.test(e.message));
    expect((result.rollout?.decidedAt ?? NaN) - (failedEvent?.at ?? 0)).toBeLessThanOrEqual(
      WAIT.pollSeconds * 1000,
    );
  });

  test('timeout: a start slower than wait-minutes times out with the state at that moment', async () => {
    await seed('slow');
    sim.setImageBehaviour(`${REPO}:v2-slow`, { kind: 'slow-start', startSeconds: 1200 });
    const result = await runDeploy(
      env,
      job('slow', `${REPO}:v2-slow`, { rollbackOnFailure: false, wait: { ...WAIT, waitMinutes: 2 } }),
    );

    expect(result.verdict).toBe('timed-out');
    expect(result.rollout?.reason).toMatch(
      /^Timed out after 2 min waiting for ecs-svc\/\d+: rollout IN_PROGRESS, 2 running \/ 0 pending \/ 2 desired, 2 deployments/,
    );
    expect((result.rollout?.endedAt ?? 0) - (result.rollout?.startedAt ?? 0)).toBe(120_000);
    expect(result.rollback).toBeUndefined();
    expect(sim.state.service(CLUSTER, 'slow')?.taskDefinition).toBe(result.to.taskDefinitionArn);
  });

  describe('cancelled while watching (SIGINT/SIGTERM aborts env.signal)', () => {
    test.each([
      ['with rollback-on-failure: the previous revision is set, not waited for', 'cancel-back', true],
      ['without rollback-on-failure: the new revision is left as it is', 'cancel-stay', false],
    ])('%s', async (_name, service, rollbackOnFailure) => {
      const seeded = await seed(service);
      sim.setImageBehaviour(`${REPO}:${service}-v2`, { kind: 'slow-start', startSeconds: 1200 });
      const controller = new AbortController();
      const cancelling = simulatedJob(sim, {
        clock: abortingClock(sim, controller, 30_000),
        signal: controller.signal,
      });
      const from = sim.requests.length;
      const result = await runDeploy(
        cancelling.env,
        job(service, `${REPO}:${service}-v2`, { rollbackOnFailure }),
      );

      expect(controller.signal.aborted).toBe(true);
      expect(result.verdict).toBe('cancelled');
      expect(result.rollout?.verdict).toBe('cancelled');
      expect(result.rollout?.reason).toMatch(
        /^The run was cancelled while ecs-svc\/\d+ was rolling out \(rollout IN_PROGRESS\)\.$/,
      );
      // Stopped at the first look after the abort, not at the end of wait-minutes.
      expect((result.rollout?.endedAt ?? Infinity) - (result.rollout?.startedAt ?? 0)).toBeLessThanOrEqual(
        30_000,
      );
      const updates = requestsOf('UpdateService', from).map(
        (r) => (r.input as { taskDefinition?: string }).taskDefinition,
      );
      if (rollbackOnFailure) {
        expect(updates).toEqual([result.to.taskDefinitionArn, seeded.taskDefinitionArn]);
        expect(result.rollback).toEqual({ by: 'strapi-deploy', taskDefinitionArn: seeded.taskDefinitionArn });
        expect(result.reason).toMatch(
          /The rollback to cancel-back:1 was started \(by strapi-deploy\) and not waited for\.$/,
        );
        expect(result.endedOn).toBe(seeded.taskDefinitionArn);
        // Set, not waited for: nothing after the second UpdateService (what the service runs is known).
        const afterRollback = sim.requests
          .slice(from)
          .findIndex(
            (r) =>
              r.operation === 'UpdateService' &&
              (r.input as { taskDefinition?: string }).taskDefinition === seeded.taskDefinitionArn,
          );
        expect(sim.requests.slice(from + afterRollback + 1).map((r) => r.operation)).toEqual([]);
      } else {
        expect(updates).toEqual([result.to.taskDefinitionArn]);
        expect(result.rollback).toBeUndefined();
        expect(result.endedOn).toBe(result.to.taskDefinitionArn);
      }
      expect(sim.state.service(CLUSTER, service)?.taskDefinition).toBe(result.endedOn);
      // No verdict, no deploy-result: the release reads `unknown` and is never chosen as `previous`.
      expect(requestsOf('TagResource', from)).toEqual([]);
      expect(renderReleaseSummary(result)).toContain(`## Deploy ${service}: ⏹️ cancelled`);
    });
  });

  describe('another deployment in flight', () => {
    async function busy(service: string): Promise<string> {
      await seed(service);
      const out = await createAwsClients({ region: sim.region }).ecs.send(
        new UpdateServiceCommand({ cluster: CLUSTER, service, forceNewDeployment: true }),
      );
      return out.service?.deployments?.find((d) => d.status === 'PRIMARY')?.id ?? '';
    }

    test('refused (ServiceBusyError, naming it): nothing registered or updated', async () => {
      const busyId = await busy('busy-refused');
      const from = sim.requests.length;
      const attempt = runDeploy(env, job('busy-refused', `${REPO}:v2`));
      await expect(attempt).rejects.toThrow(ServiceBusyError);
      await expect(attempt).rejects.toThrow(
        new RegExp(
          `^Service "busy-refused" has a deployment in flight: ${busyId} \\(to busy-refused:1, IN_PROGRESS`,
        ),
      );
      expect(calls(from).RegisterTaskDefinition).toBeUndefined();
      expect(calls(from).UpdateService).toBeUndefined();
    });

    test('with wait-for-idle: waits for it to end, then deploys', async () => {
      const busyId = await busy('busy-waits');
      const before = sim.now();
      const result = await runDeploy(env, job('busy-waits', `${REPO}:v2`, { waitForIdle: true }));
      expect(reporter.text()).toMatch(
        new RegExp(`Waiting for deployment ${busyId} .* to finish before the deploy`),
      );
      expect(sim.now() - before).toBeGreaterThan(0);
      expect(result.verdict).toBe('succeeded');
      expect(revision(result.to.taskDefinitionArn)).toBe('busy-waits:2');
    });
  });

  describe('throttling bursts and transient 5xx', () => {
    /**
     * The job on clients with 2 SDK attempts, so a burst outlasts the SDK's retries quickly in real
     * time and what is tested is the wait's own tolerance; `onInfo` hears every info line.
     */
    function impatientJob(onInfo: (message: string) => void = () => undefined): JobEnvironment {
      return hearing(onInfo, {
        ...env,
        awsClients: (region) => {
          const clients = createAwsClients({ region, maxAttempts: 2, retryMode: 'standard' });
          return { ecs: clients.ecs, logs: clients.logs };
        },
      });
    }

    afterEach(() => drainFaults());

    test('before the deploy: a short burst on the lookups is absorbed by the SDK retries', async () => {
      await seed('flaky-start');
      const from = sim.requests.length;
      sim.injectFaults({
        throttle: { operation: 'DescribeServices', count: 2 },
        serverError: { operation: 'DescribeTaskDefinition', count: 3 },
      });
      const result = await runDeploy(env, job('flaky-start', `${REPO}:v2`));

      expect(result.verdict).toBe('succeeded');
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

    test('before the deploy: a burst longer than the SDK retries fails naming the call, and nothing changes', async () => {
      await seed('flaky-lookup');
      const from = sim.requests.length;
      sim.injectFaults({ serverError: { operation: 'DescribeServices', count: 2 } });
      const attempt = runDeploy(impatientJob(), job('flaky-lookup', `${REPO}:v2`));
      await expect(attempt).rejects.toThrow(/^ecs:DescribeServices failed: /);
      expect(calls(from).RegisterTaskDefinition).toBeUndefined();
      expect(calls(from).UpdateService).toBeUndefined();
    });

    test('during the wait: a failed poll is a warning, the next poll carries on', async () => {
      await seed('flaky-wait');
      const from = sim.requests.length;
      const faulty = impatientJob((message) => {
        if (message.startsWith('Rolling flaky-wait')) {
          sim.injectFaults({
            throttle: { operation: 'DescribeServices', count: 4 },
            serverError: { operation: 'DescribeServices', count: 2 },
          });
        }
      });
      const result = await runDeploy(faulty, job('flaky-wait', `${REPO}:v2`));

      expect(result.verdict).toBe('succeeded');
      expect(sim.requests.slice(from).filter((r) => r.fault).length).toBe(6);
      expect(reporter.text()).toMatch(
        /\[deploy\] A look at the rollout failed \(.*\); \d in a row, trying again at the next poll\./,
      );
      // Still within one poll of steady state despite the failed polls before it.
      const steady = result.rollout?.events.find((e) => /has reached a steady state/.test(e.message));
      expect((result.rollout?.decidedAt ?? NaN) - (steady?.at ?? 0)).toBeLessThanOrEqual(
        WAIT.pollSeconds * 1000,
      );
    });

    test('a burst that never ends gives up: a failed result naming the call', async () => {
      await seed('flaky-forever');
      const faulty = impatientJob((message) => {
        // 5 polls x 2 SDK attempts: exactly the burst the wait gives up on (the simulator cannot clear faults).
        if (message.startsWith('Rolling flaky-forever'))
          sim.injectFaults({ serverError: { operation: 'DescribeServices', count: 10 } });
      });
      const from = sim.requests.length;
      const result = await runDeploy(faulty, job('flaky-forever', `${REPO}:v2`));

      expect(result.verdict).toBe('failed');
      expect(result.reason).toMatch(/Gave up after 5 failed looks in a row: ecs:DescribeServices failed/);
      expect(result.error?.message).toMatch(/^Gave up after 5 failed looks in a row/);
      expect(sim.requests.slice(from).filter((r) => r.fault).length).toBe(10);
    });
  });

  test('rollback-on-failure false leaves the failed revision in place and reports failed', async () => {
    await seed('norollback');
    sim.setImageBehaviour(`${REPO}:v2-crash2`, { kind: 'crash', exitCode: 2 });
    const from = sim.requests.length;
    const result = await runDeploy(env, job('norollback', `${REPO}:v2-crash2`, { rollbackOnFailure: false }));

    expect(result.verdict).toBe('failed');
    expect(result.rollout?.reason).toMatch(/strapi exit 2/);
    expect(result.rollback).toBeUndefined();
    expect(calls(from).UpdateService).toBe(1);
    expect(sim.state.service(CLUSTER, 'norollback')?.taskDefinition).toBe(result.to.taskDefinitionArn);
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
  ] as [string, Partial<DeployServiceInputs>, RegExp][])(
    '%s: ConfigurationError and no AWS change',
    async (name, override, message) => {
      const service = `valid-${name.replace(/ /g, '-')}`;
      await seed(service);
      const from = sim.requests.length;
      const attempt = runDeploy(env, job(service, `${REPO}:v3`, override));
      await expect(attempt).rejects.toThrow(ConfigurationError);
      await expect(attempt).rejects.toThrow(message);
      const made = calls(from);
      expect(made.RegisterTaskDefinition).toBeUndefined();
      expect(made.UpdateService).toBeUndefined();
    },
  );
});
