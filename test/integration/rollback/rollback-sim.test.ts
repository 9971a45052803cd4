import { RecordingReporter } from '../../support/recording-reporter';
import { DeregisterTaskDefinitionCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { createAwsClients } from '../../support/aws-clients';
import type { Clock } from '../../../src/core/clock';

import type { WaitOptions } from '../../../src/deploy';
import { ServiceBusyError } from '../../../src/deploy/idle';
import {
  createGitHubClient,
  readReleaseHistory,
  type GitHubDeploymentsTarget,
} from '../../../src/release-history';
import type { RollbackInputs } from '../../../src/rollback';
import { runDeploy } from '../../../src/use-cases/deploy';
import type { GitHubSettings, JobEnvironment } from '../../../src/use-cases/job-context';
import type { ReleaseResult } from '../../../src/use-cases/release-result';
import { runRollback } from '../../../src/use-cases/rollback';
import { renderReleaseSummary } from '../../../src/use-cases/summary';
import type { Simulator } from '../../../sim';
import { startFakeGitHub, type FakeGitHub } from '../../support/fake-github';
import {
  deployInputs,
  simulatedJob,
  startSimulatedAws,
  type SimulatedAws,
} from '../../support/simulated-aws';

/**
 * Rollbacks end to end on the rollout simulator: history made by real deploys through runDeploy
 * (revision tags, and GitHub deployments recorded through the real Octokit client against a local
 * GitHub), then runRollback with real SDK clients over HTTP and the simulator's virtual clock.
 */
const CLUSTER = 'strapi-production';
const REPO = '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi';
const WAIT = { waitMinutes: 15, pollSeconds: 10, maxTaskFailures: 2 };
const SHA = (n: number): string => String(n).repeat(40).slice(0, 40);
/** Images are per service: a behaviour set for one scenario's image must not leak into another's. */
const image = (service: string, version: number): string => `${REPO}:${service}-v${version}`;
const MUTATING = [
  'RegisterTaskDefinition',
  'UpdateService',
  'DeregisterTaskDefinition',
  'TagResource',
  'UntagResource',
];

let aws: SimulatedAws;
let sim: Simulator;
let gh: FakeGitHub;
let reporter: RecordingReporter;
let env: JobEnvironment;

beforeAll(async () => {
  aws = await startSimulatedAws();
  sim = aws.sim;
  gh = await startFakeGitHub();
  ({ env, reporter } = simulatedJob(sim));
});

afterAll(async () => {
  await aws.close();
  await gh.close();
});

beforeEach(() => {
  reporter.lines.length = 0;
});

afterEach(() => {
  expect(sim.schemaViolations).toEqual([]);
});

/** The GitHub side of a job, as the action reads it from the runner: `ref` is the workflow's commit. */
function githubSettings(environment: string, ref: string): GitHubSettings {
  return {
    token: 'ghs_test',
    repository: { owner: 'acme', repo: 'cms' },
    environment,
    ref,
    runUrl: 'https://github.com/acme/cms/actions/runs/7',
    env: { GITHUB_API_URL: gh.url },
  };
}

async function github(environment: string): Promise<GitHubDeploymentsTarget> {
  return {
    octokit: await createGitHubClient('ghs_test', { GITHUB_API_URL: gh.url }),
    owner: 'acme',
    repo: 'cms',
    environment,
  };
}

/** The job environment, recording in GitHub when there is an environment. */
function job(
  environment: string | undefined,
  ref: string,
  extra: Partial<JobEnvironment> = {},
): JobEnvironment {
  return { ...env, ...(environment ? { github: githubSettings(environment, ref) } : {}), ...extra };
}

/** What the deploy-service action does: deploy the commit's image, tagged and recorded. */
async function deploy(
  service: string,
  version: number,
  environment?: string,
  wait: WaitOptions = WAIT,
): Promise<ReleaseResult> {
  return runDeploy(job(environment, SHA(version)), {
    inputs: deployInputs(CLUSTER, service, image(service, version), { wait }),
    gitSha: SHA(version),
    runId: `run-${version}`,
  });
}

/** A service that went v1 (seeded) -> v2 -> v3, each healthy: revisions :1, :2, :3. */
async function serviceWithHistory(
  service: string,
  environment?: string,
  extra: { circuitBreaker?: { enable: boolean; rollback: boolean } } = {},
) {
  await sim.seedService({ cluster: CLUSTER, service, image: image(service, 1), ...extra });
  for (const version of [2, 3])
    expect((await deploy(service, version, environment)).verdict).toBe('succeeded');
}

function rollback(
  service: string,
  extra: Partial<RollbackInputs> = {},
  environment?: string,
  jobExtra: Partial<JobEnvironment> = {},
): Promise<ReleaseResult> {
  return runRollback(job(environment, SHA(0), jobExtra), {
    cluster: CLUSTER,
    service,
    to: 'previous',
    dryRun: false,
    waitForIdle: false,
    force: false,
    wait: WAIT,
    jobSummary: true,
    ...extra,
  });
}

/** An ECS client of the test's own, for what a person does by hand (deregister, start a deployment). */
function createEcs() {
  return createAwsClients({ region: sim.region }).ecs;
}

/** The release history as the CLI's `history` command reads it. */
async function history(service: string, environment?: string) {
  return readReleaseHistory(
    { ecs: createEcs(), reporter },
    { cluster: CLUSTER, service, ...(environment ? { github: await github(environment) } : {}) },
  );
}

function calls(from: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of sim.requests.slice(from)) out[r.operation] = (out[r.operation] ?? 0) + 1;
  return out;
}

const running = (service: string): string =>
  sim.state.service(CLUSTER, service)?.taskDefinition.split('/').pop() ?? '';

describe('runRollback on the rollout simulator', () => {
  test('healthy service, to previous, from GitHub history: back on v2, waited, recorded as a rollback', async () => {
    await serviceWithHistory('healthy', 'production');
    const from = sim.requests.length;
    const githubFrom = gh.requests.length;

    const result = await rollback('healthy', {}, 'production');

    expect(result.resolvedBy).toBe('github-deployments');
    expect(result.from).toMatchObject({ revision: 'healthy:3', gitSha: SHA(3), image: image('healthy', 3) });
    expect(result.to).toMatchObject({ revision: 'healthy:2', gitSha: SHA(2), image: image('healthy', 2) });
    expect(result.verdict).toBe('succeeded');
    expect(result.rollout?.verdict).toBe('succeeded');
    expect(running('healthy')).toBe('healthy:2');
    // Nothing built or registered: one UpdateService to an existing revision, then the wait.
    const made = calls(from);
    expect(made.UpdateService).toBe(1);
    expect(made.RegisterTaskDefinition).toBeUndefined();

    const recorded = gh.deployments.at(-1);
    expect(recorded?.id).toBe(result.githubDeploymentId);
    expect(recorded).toMatchObject({ task: 'deploy:rollback', environment: 'production', ref: SHA(2) });
    expect(recorded?.payload).toMatchObject({
      kind: 'rollback',
      taskDefinitionArn: result.to.taskDefinitionArn,
      previousTaskDefinitionArn: result.from.taskDefinitionArn,
    });
    expect(gh.statuses.get(recorded?.id as number)?.map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(gh.requests.slice(githubFrom).filter((r) => r.method === 'POST')).toHaveLength(3);

    const summary = renderReleaseSummary(result);
    expect(summary).toContain(`| Git SHA | \`${SHA(3).slice(0, 12)}\` | \`${SHA(2).slice(0, 12)}\` |`);
    expect(summary).toContain('| Revision | healthy:3 | healthy:2 |');

    // The history the CLI lists shows the rollback on top.
    const listed = await history('healthy', 'production');
    expect(listed.source).toBe('github-deployments');
    expect(listed.releases.map((r) => `${r.kind} ${r.revision} ${r.outcome}`)).toEqual([
      'rollback 2 success',
      'deploy 3 success',
      'deploy 2 success',
    ]);
  });

  test('without GitHub, previous comes from the ECS revision tags the deploys wrote', async () => {
    await serviceWithHistory('tags-only');
    const result = await rollback('tags-only');
    expect([result.verdict, result.resolvedBy, result.to.revision, result.to.gitSha]).toEqual([
      'succeeded',
      'ecs-tags',
      'tags-only:2',
      SHA(2),
    ]);
    expect(running('tags-only')).toBe('tags-only:2');
    const listed = await history('tags-only');
    expect(listed.source).toBe('ecs-tags');
    expect(listed.releases.map((r) => `${r.revision} ${r.gitSha?.slice(0, 3) ?? '-'} ${r.source}`)).toEqual([
      '3 333 ecs-tags',
      '2 222 ecs-tags',
      '1 - ecs-revisions',
    ]);
  });

  test('to a git SHA whose revision is INACTIVE: registered again as a new revision, then rolled to', async () => {
    await serviceWithHistory('inactive');
    await createEcs().send(new DeregisterTaskDefinitionCommand({ taskDefinition: `inactive:2` }));
    const result = await rollback('inactive', { to: SHA(2).slice(0, 7) });

    expect(result.verdict).toBe('succeeded');
    expect(result.resolvedBy).toBe('ecs-tags');
    expect(result.reregisteredFrom).toMatch(/task-definition\/inactive:2$/);
    expect(result.to.taskDefinitionArn).toMatch(/task-definition\/inactive:4$/);
    expect(running('inactive')).toBe('inactive:4');
    const copy = sim.state.taskDefinition('inactive:4') as { containerDefinitions: { image: string }[] };
    expect(copy.containerDefinitions[0]?.image).toBe(image('inactive', 2));
    const listed = await history('inactive');
    expect(listed.releases[0]).toMatchObject({
      revision: 4,
      gitSha: SHA(2),
      kind: 'rollback',
      outcome: 'success',
    });
  });

  test('dry run: from, to and how resolved are said; no mutating call to ECS or GitHub', async () => {
    await serviceWithHistory('dry', 'dry-env');
    const from = sim.requests.length;
    const githubFrom = gh.requests.length;
    const result = await rollback('dry', { dryRun: true, to: '1' }, 'dry-env');

    expect(result).toMatchObject({ verdict: 'dry-run', resolvedBy: 'task-definition' });
    expect(result.to.taskDefinitionArn).toMatch(/dry:1$/);
    expect(sim.requests.slice(from).filter((r) => MUTATING.includes(r.operation))).toEqual([]);
    expect(gh.requests.slice(githubFrom).filter((r) => r.method !== 'GET')).toEqual([]);
    expect(running('dry')).toBe('dry:3');
    expect(reporter.text()).toMatch(/Rollback dry: dry:3 .* -> dry:1 .*resolved by task-definition/);
    expect(reporter.text()).toMatch(/Dry run: Would roll dry from dry:3 back to dry:1; nothing changed\./);
  });

  test('the target fails to start: diagnosis shown, service left as ECS leaves it, a failed result', async () => {
    await serviceWithHistory('broken-target', 'broken-env');
    // v2 was fine when it shipped; since then a migration ran that it cannot cope with.
    sim.setImageBehaviour(image('broken-target', 2), {
      kind: 'crash',
      exitCode: 1,
      afterSeconds: 4,
      logLines: ['[2026-01-15 10:30:01.000] error: column "slug_v3" does not exist'],
    });
    const from = sim.requests.length;
    const result = await rollback('broken-target', {}, 'broken-env');

    expect(result.verdict).toBe('failed');
    expect(result.to.revision).toBe('broken-target:2');
    expect(result.reason).toMatch(
      /^2 tasks of the deployment stopped .*EssentialContainerExited.*strapi exit 1/,
    );
    expect(result.rollout?.stoppedTasks[0]?.logTail.at(-1)).toMatch(/column "slug_v3" does not exist/);
    expect(reporter.text()).toMatch(/column "slug_v3" does not exist/);
    // No rollback of the rollback: one UpdateService, and ECS is left to do what it does.
    expect(calls(from).UpdateService).toBe(1);
    const primary = sim.state
      .service(CLUSTER, 'broken-target')
      ?.deployments.find((d) => d.status === 'PRIMARY');
    expect(primary?.taskDefinitionArn).toMatch(/broken-target:2$/);
    const recorded = gh.deployments.at(-1);
    expect(gh.statuses.get(recorded?.id as number)?.map((s) => s.state)).toEqual(['in_progress', 'failure']);
    expect(renderReleaseSummary(result)).toMatch(
      /## Rollback broken-target: ❌ failed[\s\S]*column "slug_v3" does not exist/,
    );
  });

  test('cancelled while watching: a cancelled result, recorded without a verdict', async () => {
    await serviceWithHistory('cancel-rb', 'cancel-env');
    sim.setImageBehaviour(image('cancel-rb', 2), { kind: 'slow-start', startSeconds: 1200 });
    const controller = new AbortController();
    const start = sim.clock.now();
    const clock: Clock = {
      now: () => sim.clock.now(),
      sleep: async (ms) => {
        await sim.clock.sleep(ms);
        if (sim.clock.now() - start >= 30_000) controller.abort();
      },
    };
    const from = sim.requests.length;
    const result = await rollback('cancel-rb', {}, 'cancel-env', { clock, signal: controller.signal });

    expect(result.verdict).toBe('cancelled');
    expect(result.reason).toMatch(/^The run was cancelled while ecs-svc\/\d+ was rolling out/);
    expect(calls(from).UpdateService).toBe(1);
    expect(calls(from).TagResource).toBeUndefined();
    const recorded = gh.deployments.at(-1);
    // `error`: the run stopped before a verdict; the read side calls the release unknown.
    expect(gh.statuses.get(recorded?.id as number)?.map((s) => s.state)).toEqual(['in_progress', 'error']);
  });

  test.each([
    ['GitHub history', 'breaker-env', 'github-deployments'],
    ['ECS tags only', undefined, 'ecs-tags'],
  ])(
    'previous after the last deploy failed and ECS rolled back (%s)',
    async (_name, environment, resolvedBy) => {
      const service = `breaker-${environment ? 'gh' : 'tags'}`;
      await serviceWithHistory(service, environment, { circuitBreaker: { enable: true, rollback: true } });
      sim.setImageBehaviour(image(service, 4), { kind: 'crash', exitCode: 137, afterSeconds: 2 });
      // max-task-failures 0: the decision is left to ECS, whose circuit breaker rolls back to 3.
      const failed = await deploy(service, 4, environment, { ...WAIT, maxTaskFailures: 0 });
      expect([failed.verdict, failed.rollback?.by]).toEqual(['rolled-back', 'ecs-circuit-breaker']);
      expect(running(service)).toBe(`${service}:3`);

      const result = await rollback(service, {}, environment);
      // The last release that succeeded before the one running now (3): 2, not the failed 4.
      expect([result.resolvedBy, result.from.revision, result.to.revision]).toEqual([
        resolvedBy,
        `${service}:3`,
        `${service}:2`,
      ]);
      expect(running(service)).toBe(`${service}:2`);
    },
  );

  test('ECS tags only: previous skips a revision whose deploy failed (deploy-result tag)', async () => {
    await serviceWithHistory('result-tag');
    sim.setImageBehaviour(image('result-tag', 4), { kind: 'crash', exitCode: 1, afterSeconds: 3 });
    expect((await deploy('result-tag', 4)).verdict).toBe('rolled-back');
    expect((await deploy('result-tag', 5)).verdict).toBe('succeeded');

    const result = await rollback('result-tag', { dryRun: true });
    expect([result.resolvedBy, result.from.revision, result.to.revision]).toEqual([
      'ecs-tags',
      'result-tag:5',
      'result-tag:3',
    ]);
    const listed = await history('result-tag');
    expect(listed.releases.map((r) => `${r.revision} ${r.outcome}`)).toEqual([
      '5 success',
      '4 failure',
      '3 success',
      '2 success',
      '1 unknown',
    ]);
  });

  test('a deployment in flight is refused, naming it; with wait-for-idle the rollback waits for it', async () => {
    await serviceWithHistory('busy');
    const started = await createEcs().send(
      new UpdateServiceCommand({ cluster: CLUSTER, service: 'busy', forceNewDeployment: true }),
    );
    const busyId = started.service?.deployments?.find((d) => d.status === 'PRIMARY')?.id ?? '';
    expect(busyId).toMatch(/^ecs-svc\//);

    const refused = rollback('busy');
    await expect(refused).rejects.toThrow(ServiceBusyError);
    await expect(refused).rejects.toThrow(
      new RegExp(`deployment in flight: ${busyId} \\(to busy:3, IN_PROGRESS`),
    );
    expect(running('busy')).toBe('busy:3');

    const before = sim.now();
    const result = await rollback('busy', { waitForIdle: true });
    expect(reporter.text()).toMatch(new RegExp(`Waiting for deployment ${busyId}`));
    expect(sim.now() - before).toBeGreaterThan(0);
    expect([result.to.revision, result.verdict]).toEqual(['busy:2', 'succeeded']);
    expect(running('busy')).toBe('busy:2');
  });
});
