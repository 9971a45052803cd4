import { RecordingReporter } from '../../support/recording-reporter';
import { DeregisterTaskDefinitionCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { ConfigurationError, DeploymentFailedError } from '../../../src/core/errors';

import { consoleUrl, deployService, type DeployOutcome, type EngineDeps } from '../../../src/deploy';
import {
  combineRecorders,
  createEcsResultRecorder,
  createGitHubClient,
  createGitHubDeploymentRecorder,
  listReleaseHistory,
  type GitHubDeploymentsTarget,
} from '../../../src/history';
import {
  renderRollbackSummary,
  rollbackService,
  type RollbackRequest,
  type RollbackResult,
} from '../../../src/rollback';
import type { Simulator } from '../../../sim';
import { startFakeGitHub, type FakeGitHub } from '../../support/fake-github';
import { simulatedEngine, startSimulatedAws, type SimulatedAws } from '../../support/simulated-aws';

/**
 * Rollbacks end to end on the rollout simulator: history made by real deploys through the engine
 * (revision tags, and GitHub deployments recorded through the real Octokit client against a local
 * GitHub), then rollbackService with real SDK clients over HTTP and the simulator's virtual clock.
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
let deps: EngineDeps;
let reporter: RecordingReporter;

beforeAll(async () => {
  aws = await startSimulatedAws();
  sim = aws.sim;
  gh = await startFakeGitHub();
  ({ deps, reporter } = simulatedEngine(sim));
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

function github(environment: string): GitHubDeploymentsTarget {
  return {
    octokit: createGitHubClient('ghs_test', { GITHUB_API_URL: gh.url }),
    owner: 'acme',
    repo: 'cms',
    environment,
  };
}

function recorder(environment: string, ref: string) {
  return createGitHubDeploymentRecorder({
    ...github(environment),
    ref,
    runUrl: 'https://github.com/acme/cms/actions/runs/7',
    reporter,
  });
}

/** What the deploy-service action does: record the start, deploy with revision tags, record the end. */
async function deploy(
  service: string,
  version: number,
  environment?: string,
  wait = WAIT,
): Promise<DeployOutcome> {
  const info = {
    cluster: CLUSTER,
    service,
    image: image(service, version),
    region: sim.region,
    consoleUrl: consoleUrl(sim.region, CLUSTER, service),
  };
  // A GitHub deployment when there is an environment (as the deploy-service action records it), and the
  // deploy-result tag the ECS-only history uses to skip failed releases (createEcsResultRecorder).
  const r = combineRecorders(
    environment ? recorder(environment, SHA(version)) : undefined,
    createEcsResultRecorder(() => deps.ecs, reporter),
  );
  await r.start(info);
  const outcome = await deployService(deps, {
    cluster: CLUSTER,
    service,
    image: image(service, version),
    forceNewDeployment: false,
    rollbackOnFailure: true,
    wait,
    revisionTags: { 'git-sha': SHA(version), 'run-id': `run-${version}` },
  });
  await r.finish(outcome.status === 'succeeded' ? 'success' : 'failure', { ...info, outcome });
  return outcome;
}

/** A service that went v1 (seeded) -> v2 -> v3, each healthy: revisions :1, :2, :3. */
async function serviceWithHistory(
  service: string,
  environment?: string,
  extra: { circuitBreaker?: { enable: boolean; rollback: boolean } } = {},
) {
  await sim.seedService({ cluster: CLUSTER, service, image: image(service, 1), ...extra });
  for (const version of [2, 3])
    expect((await deploy(service, version, environment)).status).toBe('succeeded');
}

function rollback(service: string, extra: Partial<RollbackRequest> = {}, environment?: string) {
  return rollbackService(
    {
      ...deps,
      github: environment ? github(environment) : undefined,
      recorder: environment ? recorder(environment, SHA(0)) : undefined,
    },
    { cluster: CLUSTER, service, to: 'previous', dryRun: false, waitForIdle: false, wait: WAIT, ...extra },
  );
}

function calls(from: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of sim.requests.slice(from)) out[r.operation] = (out[r.operation] ?? 0) + 1;
  return out;
}

const running = (service: string): string =>
  sim.state.service(CLUSTER, service)?.taskDefinition.split('/').pop() ?? '';

describe('rollbackService on the rollout simulator', () => {
  test('healthy service, to previous, from GitHub history: back on v2, waited, recorded as a rollback', async () => {
    await serviceWithHistory('healthy', 'production');
    const from = sim.requests.length;
    const githubFrom = gh.requests.length;

    const result = await rollback('healthy', {}, 'production');

    expect(result.resolvedBy).toBe('github-deployments');
    expect(result.from).toMatchObject({ revision: 'healthy:3', gitSha: SHA(3), image: image('healthy', 3) });
    expect(result.to).toMatchObject({ revision: 'healthy:2', gitSha: SHA(2), image: image('healthy', 2) });
    expect(result.outcome?.verdict).toBe('succeeded');
    expect(running('healthy')).toBe('healthy:2');
    // Nothing built or registered: one UpdateService to an existing revision, then the wait.
    const made = calls(from);
    expect(made.UpdateService).toBe(1);
    expect(made.RegisterTaskDefinition).toBeUndefined();

    const recorded = gh.deployments.at(-1);
    expect(recorded).toMatchObject({ task: 'deploy:rollback', environment: 'production', ref: SHA(2) });
    expect(recorded?.payload).toMatchObject({
      kind: 'rollback',
      taskDefinitionArn: result.taskDefinitionArn,
      previousTaskDefinitionArn: result.from.taskDefinitionArn,
    });
    expect(gh.statuses.get(recorded?.id as number)?.map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(gh.requests.slice(githubFrom).filter((r) => r.method === 'POST')).toHaveLength(3);

    const summary = renderRollbackSummary(result);
    expect(summary).toContain(`| Git SHA | \`${SHA(3).slice(0, 12)}\` | \`${SHA(2).slice(0, 12)}\` |`);
    expect(summary).toContain('| Revision | healthy:3 | healthy:2 |');

    // The history the CLI lists shows the rollback on top.
    const history = await listReleaseHistory(deps, {
      cluster: CLUSTER,
      service: 'healthy',
      github: github('production'),
    });
    expect(history.source).toBe('github-deployments');
    expect(history.releases.map((r) => `${r.kind} ${r.revision} ${r.outcome}`)).toEqual([
      'rollback 2 success',
      'deploy 3 success',
      'deploy 2 success',
    ]);
  });

  test('without GitHub, previous comes from the ECS revision tags the engine wrote', async () => {
    await serviceWithHistory('tags-only');
    const result = await rollback('tags-only');
    expect([result.resolvedBy, result.to.revision, result.to.gitSha]).toEqual([
      'ecs-tags',
      'tags-only:2',
      SHA(2),
    ]);
    expect(running('tags-only')).toBe('tags-only:2');
    const history = await listReleaseHistory(deps, { cluster: CLUSTER, service: 'tags-only' });
    expect(history.source).toBe('ecs-tags');
    expect(history.releases.map((r) => `${r.revision} ${r.gitSha?.slice(0, 3) ?? '-'} ${r.source}`)).toEqual([
      '3 333 ecs-tags',
      '2 222 ecs-tags',
      '1 - ecs-revisions',
    ]);
  });

  test('to a git SHA whose revision is INACTIVE: registered again as a new revision, then rolled to', async () => {
    await serviceWithHistory('inactive');
    await deps.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: `inactive:2` }));
    const result = await rollback('inactive', { to: SHA(2).slice(0, 7) });

    expect(result.resolvedBy).toBe('ecs-tags');
    expect(result.reregisteredFrom).toMatch(/task-definition\/inactive:2$/);
    expect(result.taskDefinitionArn).toMatch(/task-definition\/inactive:4$/);
    expect(running('inactive')).toBe('inactive:4');
    const copy = sim.state.taskDefinition('inactive:4') as { containerDefinitions: { image: string }[] };
    expect(copy.containerDefinitions[0]?.image).toBe(image('inactive', 2));
    const history = await listReleaseHistory(deps, { cluster: CLUSTER, service: 'inactive' });
    expect(history.releases[0]).toMatchObject({ revision: 4, gitSha: SHA(2), kind: 'rollback' });
  });

  test('dry run: from, to and how resolved are said; no mutating call to ECS or GitHub', async () => {
    await serviceWithHistory('dry', 'dry-env');
    const from = sim.requests.length;
    const githubFrom = gh.requests.length;
    const result = await rollback('dry', { dryRun: true, to: '1' }, 'dry-env');

    expect(result).toMatchObject({
      dryRun: true,
      resolvedBy: 'task-definition',
      taskDefinitionArn: expect.stringMatching(/dry:1$/),
    });
    expect(sim.requests.slice(from).filter((r) => MUTATING.includes(r.operation))).toEqual([]);
    expect(gh.requests.slice(githubFrom).filter((r) => r.method !== 'GET')).toEqual([]);
    expect(running('dry')).toBe('dry:3');
    expect(reporter.text()).toMatch(/Rollback dry: dry:3 .* -> dry:1 .*resolved by task-definition/);
    expect(reporter.text()).toMatch(/Dry run: nothing changed\./);
  });

  test('the target fails to start: diagnosis shown, service left as ECS leaves it, the step fails', async () => {
    await serviceWithHistory('broken-target', 'broken-env');
    // v2 was fine when it shipped; since then a migration ran that it cannot cope with.
    sim.setImageBehaviour(image('broken-target', 2), {
      kind: 'crash',
      exitCode: 1,
      afterSeconds: 4,
      logLines: ['[2026-01-15 10:30:01.000] error: column "slug_v3" does not exist'],
    });
    const from = sim.requests.length;
    const error = await rollback('broken-target', {}, 'broken-env').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DeploymentFailedError);
    expect((error as Error).message).toMatch(
      /^Rollback of broken-target to broken-target:2 failed: .*EssentialContainerExited.*strapi exit 1/,
    );
    const result = (error as DeploymentFailedError).details as RollbackResult;
    expect(result.outcome?.stoppedTasks[0]?.logTail.at(-1)).toMatch(/column "slug_v3" does not exist/);
    expect(reporter.text()).toMatch(/column "slug_v3" does not exist/);
    // No rollback of the rollback: one UpdateService, and ECS is left to do what it does.
    expect(calls(from).UpdateService).toBe(1);
    const primary = sim.state
      .service(CLUSTER, 'broken-target')
      ?.deployments.find((d) => d.status === 'PRIMARY');
    expect(primary?.taskDefinitionArn).toMatch(/broken-target:2$/);
    const recorded = gh.deployments.at(-1);
    expect(gh.statuses.get(recorded?.id as number)?.map((s) => s.state)).toEqual(['in_progress', 'failure']);
    expect(renderRollbackSummary(result)).toMatch(/❌ Rollback failed[\s\S]*column "slug_v3" does not exist/);
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
      expect([failed.status, failed.rollbackBy]).toEqual(['rolled-back', 'ecs-circuit-breaker']);
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
    expect((await deploy('result-tag', 4)).status).toBe('rolled-back');
    expect((await deploy('result-tag', 5)).status).toBe('succeeded');

    const result = await rollback('result-tag', { dryRun: true });
    expect([result.resolvedBy, result.from.revision, result.to.revision]).toEqual([
      'ecs-tags',
      'result-tag:5',
      'result-tag:3',
    ]);
    const history = await listReleaseHistory(deps, { cluster: CLUSTER, service: 'result-tag' });
    expect(history.releases.map((r) => `${r.revision} ${r.outcome}`)).toEqual([
      '5 success',
      '4 failure',
      '3 success',
      '2 success',
      '1 unknown',
    ]);
  });

  test('a deployment in progress is refused, naming it; with wait-for-idle the rollback waits for it', async () => {
    await serviceWithHistory('busy');
    const started = await deps.ecs.send(
      new UpdateServiceCommand({ cluster: CLUSTER, service: 'busy', forceNewDeployment: true }),
    );
    const busyId = started.service?.deployments?.find((d) => d.status === 'PRIMARY')?.id ?? '';
    expect(busyId).toMatch(/^ecs-svc\//);

    const refused = rollback('busy');
    await expect(refused).rejects.toThrow(ConfigurationError);
    await expect(refused).rejects.toThrow(
      new RegExp(`deployment in progress: ${busyId} \\(to busy:3, IN_PROGRESS`),
    );
    expect(running('busy')).toBe('busy:3');

    const before = sim.now();
    const result = await rollback('busy', { waitForIdle: true });
    expect(reporter.text()).toMatch(new RegExp(`Waiting for deployment ${busyId}`));
    expect(sim.now() - before).toBeGreaterThan(0);
    expect([result.to.revision, result.outcome?.verdict]).toEqual(['busy:2', 'succeeded']);
    expect(running('busy')).toBe('busy:2');
  });
});
