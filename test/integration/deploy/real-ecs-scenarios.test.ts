import { ECSClient, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ALL_REALISM, startSimulator, type Simulator } from '../../../sim';
import { releaseCommandResult } from '../../../src/cli/commands/shared';
import { ServiceBusyError } from '../../../src/deploy/idle';
import { readReleaseHistory } from '../../../src/release-history';
import { runDeploy } from '../../../src/use-cases/deploy';
import { openJobContext, type JobEnvironment } from '../../../src/use-cases/job-context';
import type { ReleaseResult } from '../../../src/use-cases/release-result';
import { runRollback } from '../../../src/use-cases/rollback';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';
import { RecordingReporter } from '../../support/recording-reporter';
import { deployInputs } from '../../support/simulated-aws';

/**
 * Issue 12's scenarios, end to end on the simulator with every real-ECS behaviour it knows switched on
 * (ListTasks filter rules, DescribeServices lagging UpdateService, failedTasks reset, ECS-like rollbacks
 * reusing the old deployment id, up to 100 kept events): for each, the verdict, the CLI's exit code,
 * the revision the service ends on and what the release history says about the release.
 */
const CLUSTER = 'prod';
const REPO = '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi';
const WAIT = { waitMinutes: 15, pollSeconds: 10, maxTaskFailures: 2 };

let sim: Simulator;
let proxy: FaultProxy;
const saved = { ...process.env };

beforeAll(async () => {
  sim = await startSimulator({ time: 'manual', realism: ALL_REALISM });
  Object.assign(process.env, sim.env());
  proxy = await startFaultProxy(sim.url);
});

afterAll(async () => {
  await proxy.close();
  await sim.close();
  process.env = saved;
});

afterEach(() => {
  expect(sim.schemaViolations).toEqual([]);
  proxy.clear();
});

/** Clients whose every call goes through the fault proxy, with the SDK's retries as the test says. */
function proxiedClients(maxAttempts: number) {
  const config = {
    region: sim.region,
    endpoint: proxy.url,
    maxAttempts,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  };
  return { ecs: new ECSClient(config), logs: new CloudWatchLogsClient(config) };
}

function env(extra: Partial<JobEnvironment> = {}): JobEnvironment & { reporter: RecordingReporter } {
  return { clock: sim.clock, ...extra, reporter: new RecordingReporter() };
}

const revision = (arn: string | undefined): string => arn?.split('/').pop() ?? '';
const runningNow = (service: string): string => revision(sim.state.service(CLUSTER, service)?.taskDefinition);

/** What the release history (ECS tags; no GitHub here) says about one revision. */
async function historyOf(service: string, rev: string): Promise<string | undefined> {
  const ctx = await openJobContext(env(), sim.region);
  const history = await readReleaseHistory(ctx, { cluster: CLUSTER, service });
  return history.releases.find((r) => revision(r.taskDefinitionArn) === rev)?.outcome;
}

function summary(result: ReleaseResult) {
  return {
    verdict: result.verdict,
    exitCode: releaseCommandResult(result).exitCode,
    endsOn: revision(result.endedOn),
  };
}

async function seed(service: string, circuitBreaker = true) {
  const seeded = await sim.seedService({
    cluster: CLUSTER,
    service,
    image: `${REPO}:${service}-v1`,
    desiredCount: 2,
    circuitBreaker: { enable: circuitBreaker, rollback: circuitBreaker },
  });
  return revision(seeded.taskDefinitionArn);
}

function deploy(
  service: string,
  tag: string,
  extra: Parameters<typeof deployInputs>[3] = {},
  environment = env(),
) {
  return runDeploy(environment, {
    inputs: deployInputs(CLUSTER, service, `${REPO}:${tag}`, { region: sim.region, wait: WAIT, ...extra }),
    gitSha: `${tag}`.padEnd(40, '0').replace(/[^0-9a-f]/g, 'a'),
    runId: '1',
  });
}

/** A clock that aborts the run once virtual time passes `afterMs` from now (a cancelled workflow). */
function cancellingEnv(afterMs: number): { environment: JobEnvironment & { reporter: RecordingReporter } } {
  const controller = new AbortController();
  const start = sim.now();
  const clock = {
    now: () => sim.clock.now(),
    sleep: async (ms: number) => {
      await sim.clock.sleep(ms);
      if (sim.now() - start >= afterMs) controller.abort();
    },
  };
  return { environment: env({ clock, signal: controller.signal }) };
}

describe('verdicts and history that stay true under real ECS behaviour and faults', () => {
  test('a healthy deploy while DescribeServices lags and old rollback events linger: succeeded, not "rolled back"', async () => {
    await seed('lagging');
    // A rollback event from an earlier release, still among the service's last 100 events.
    sim.addServiceEvent(
      CLUSTER,
      'lagging',
      '(deployment ecs-svc/111) deployment failed: tasks failed to start.',
      sim.now() - 3_600_000,
    );
    const result = await deploy('lagging', 'lagging-v2');
    expect(summary(result)).toEqual({ verdict: 'succeeded', exitCode: 0, endsOn: 'lagging:2' });
    expect(await historyOf('lagging', 'lagging:2')).toBe('success');
    expect(result.rollout?.events.map((e) => e.message).join('\n')).not.toContain('ecs-svc/111');
  });

  test('a crash loop: caught by its stopped tasks (ListTasks as the API reference allows), ECS record confirms, rolled back', async () => {
    await seed('crashing');
    sim.setImageBehaviour(`${REPO}:crashing-v2`, { kind: 'crash', exitCode: 1, afterSeconds: 5 });
    const result = await deploy('crashing', 'crashing-v2');
    expect(summary(result)).toEqual({ verdict: 'rolled-back', exitCode: 1, endsOn: 'crashing:1' });
    expect(result.rollout?.stoppedTasks[0]?.containers[0]?.exitCode).toBe(1);
    expect(await historyOf('crashing', 'crashing:2')).toBe('failure');
    // Never the combination ListTasks forbids.
    const listTasks = sim.requests
      .filter((r) => r.operation === 'ListTasks')
      .map((r) => r.input as Record<string, unknown>);
    expect(listTasks.filter((input) => input.startedBy !== undefined)).toEqual([]);
  });

  test('UpdateService applied but answered 500 (no SDK retry): the service is re-read and the rollout carries on', async () => {
    await seed('ambiguous');
    proxy.inject({ operation: 'UpdateService', kind: 'apply-then-500' });
    const e = env({ awsClients: () => proxiedClients(1) });
    const result = await deploy('ambiguous', 'ambiguous-v2', {}, e);
    expect(summary(result)).toEqual({ verdict: 'succeeded', exitCode: 0, endsOn: 'ambiguous:2' });
    expect(e.reporter.text()).toMatch(/ecs:UpdateService gave no clear answer .*reading the service/);
    expect(proxy.calls('UpdateService')).toHaveLength(1);
    expect(await historyOf('ambiguous', 'ambiguous:2')).toBe('success');
  });

  test('UpdateService not applied and the connection dropped: the step fails naming the call; never rolled out, so unknown', async () => {
    await seed('dropped');
    proxy.inject({ operation: 'UpdateService', kind: 'drop' });
    const result = await deploy('dropped', 'dropped-v2', {}, env({ awsClients: () => proxiedClients(1) }));
    expect(summary(result)).toEqual({ verdict: 'failed', exitCode: 1, endsOn: 'dropped:1' });
    expect(result.reason).toMatch(/^ecs:UpdateService failed: /);
    expect(result.error?.unexpected).toBe(false);
    expect(await historyOf('dropped', 'dropped:2')).toBe('unknown');
  });

  test('a throttling burst longer than the SDK retries while waiting costs a look, not the deploy', async () => {
    await seed('throttled');
    const e = env({ awsClients: () => proxiedClients(2) });
    const deploying = deploy('throttled', 'throttled-v2', {}, e);
    // Once the rollout has started: two looks in a row fail (2 SDK attempts each), the third gets through.
    const updatesBefore = proxy.calls('UpdateService').length;
    while (proxy.calls('UpdateService').length === updatesBefore)
      await new Promise((resolve) => setImmediate(resolve));
    proxy.inject({ operation: 'DescribeServices', kind: 'throttle', times: 4 });
    const result = await deploying;
    expect(summary(result)).toEqual({ verdict: 'succeeded', exitCode: 0, endsOn: 'throttled:2' });
    expect(e.reporter.text()).toMatch(
      /A look at the rollout failed \(ecs:DescribeServices failed: Rate exceeded\); 2 in a row/,
    );
  });

  test('a second deploy while one is in flight is refused, naming it; with wait-for-idle it waits its turn', async () => {
    await seed('busy');
    sim.setImageBehaviour(`${REPO}:busy-v2`, { kind: 'slow-start', startSeconds: 60 });
    const first = deploy('busy', 'busy-v2');
    while (
      !sim.state.service(CLUSTER, 'busy')?.deployments.some((d) => d.taskDefinitionArn.endsWith('busy:2'))
    )
      await new Promise((resolve) => setImmediate(resolve));
    await expect(deploy('busy', 'busy-v3')).rejects.toThrow(ServiceBusyError);
    await expect(deploy('busy', 'busy-v3')).rejects.toThrow(
      /has a deployment in flight: ecs-svc\/\d+ \(to busy:2, IN_PROGRESS/,
    );
    const second = deploy('busy', 'busy-v3', { waitForIdle: true });
    const [a, b] = await Promise.all([first, second]);
    expect(summary(a)).toMatchObject({ verdict: 'succeeded', exitCode: 0 });
    expect(summary(b)).toEqual({ verdict: 'succeeded', exitCode: 0, endsOn: 'busy:3' });
    expect(runningNow('busy')).toBe('busy:3');
  });

  test('someone else updates the service mid-rollout: this deploy fails as replaced and does not roll back over it', async () => {
    await seed('replaced');
    sim.setImageBehaviour(`${REPO}:replaced-v2`, { kind: 'slow-start', startSeconds: 120 });
    const deploying = deploy('replaced', 'replaced-v2');
    while (
      !sim.state
        .service(CLUSTER, 'replaced')
        ?.deployments.some((d) => d.taskDefinitionArn.endsWith('replaced:2'))
    )
      await new Promise((resolve) => setImmediate(resolve));
    // A person puts revision 1 back from the console.
    await new ECSClient({ region: sim.region }).send(
      new UpdateServiceCommand({
        cluster: CLUSTER,
        service: 'replaced',
        taskDefinition: 'replaced:1',
        forceNewDeployment: true,
      }),
    );
    const result = await deploying;
    expect(summary(result)).toEqual({ verdict: 'failed', exitCode: 1, endsOn: 'replaced:1' });
    expect(result.reason).toMatch(
      /a newer service deployment started.*the service now runs replaced:1 .*another deploy replaced it/,
    );
    expect(result.rollback).toBeUndefined();
    expect(await historyOf('replaced', 'replaced:2')).toBe('failure');
  });

  test('cancelled mid-watch: summary-ready result, the previous revision set at once, history unknown, never `previous`', async () => {
    await seed('cancelled');
    const healthy = await deploy('cancelled', 'cancelled-v2');
    expect(healthy.verdict).toBe('succeeded');
    sim.setImageBehaviour(`${REPO}:cancelled-v3`, { kind: 'crash', exitCode: 1, afterSeconds: 40 });
    const { environment } = cancellingEnv(20_000);
    const result = await deploy('cancelled', 'cancelled-v3', {}, environment);
    expect(summary(result)).toEqual({ verdict: 'cancelled', exitCode: 1, endsOn: 'cancelled:2' });
    expect(result.rollback).toMatchObject({
      by: 'strapi-deploy',
      taskDefinitionArn: expect.stringMatching(/cancelled:2$/),
    });
    expect(result.rollback?.rollout).toBeUndefined();
    expect(await historyOf('cancelled', 'cancelled:3')).toBe('unknown');
  });

  test('a run that died with the crash loop running: rollback refuses, `force` rescues it, `previous` skips the unverified revision', async () => {
    await seed('stuck', false);
    const good = await deploy('stuck', 'stuck-v2');
    expect(good.verdict).toBe('succeeded');
    sim.setImageBehaviour(`${REPO}:stuck-v3`, { kind: 'crash', exitCode: 1, afterSeconds: 5 });
    // The deploy of v3 died without a verdict (cancelled, no rollback): the service crash-loops on stuck:3.
    const { environment } = cancellingEnv(20_000);
    const died = await deploy('stuck', 'stuck-v3', { rollbackOnFailure: false }, environment);
    expect(died.verdict).toBe('cancelled');
    expect(runningNow('stuck')).toBe('stuck:3');
    expect(await historyOf('stuck', 'stuck:3')).toBe('unknown');

    const rollbackInputs = {
      cluster: CLUSTER,
      service: 'stuck',
      to: 'previous',
      dryRun: false,
      waitForIdle: false,
      force: false,
      wait: WAIT,
      region: sim.region,
      jobSummary: true,
    };
    await expect(runRollback(env(), rollbackInputs)).rejects.toThrow(/has a deployment in flight/);
    const rescued = await runRollback(env(), { ...rollbackInputs, force: true });
    expect(summary(rescued)).toEqual({ verdict: 'succeeded', exitCode: 0, endsOn: 'stuck:2' });
    expect(rescued.resolvedBy).toBe('ecs-tags');
    expect(await historyOf('stuck', 'stuck:2')).toBe('success');
  });
});
