import { RecordingReporter } from '../../support/recording-reporter';
import { createGitHubClient, createGitHubDeploymentRecorder, readGitHubReleases } from '../../../src/history';

import type { DeployOutcome } from '../../../src/deploy';
import { startFakeGitHub, type FakeGitHub } from '../../support/fake-github';

const ARN = (rev: number): string => `arn:aws:ecs:ap-south-1:123456789012:task-definition/strapi:${rev}`;
const SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

function outcome(status: DeployOutcome['status'], rev: number, reason: string): DeployOutcome {
  return {
    status,
    previousTaskDefinitionArn: ARN(rev - 1),
    taskDefinitionArn: ARN(rev),
    image: `repo/strapi:v${rev}`,
    containerName: 'strapi',
    rollout: {
      verdict: status === 'succeeded' ? 'succeeded' : 'failed',
      reason,
      cluster: 'prod',
      service: 'cms',
      deploymentId: 'ecs-svc/1',
      taskDefinitionArn: ARN(rev),
      startedAt: 0,
      endedAt: 1,
      events: [],
      stoppedTasks: [],
      counts: { running: 1, pending: 0, desired: 1 },
      apiCalls: 1,
      ecsApiCalls: 1,
      decidedAt: 1,
    },
  };
}

describe('GitHub deployments through the real Octokit client and a local GitHub', () => {
  let gh: FakeGitHub;
  let reporter: RecordingReporter;
  const startInfo = {
    cluster: 'prod',
    service: 'cms',
    image: 'repo/strapi:v7',
    region: 'ap-south-1',
    consoleUrl: 'https://console/x',
  };

  beforeEach(async () => {
    gh = await startFakeGitHub();
    reporter = new RecordingReporter();
  });
  afterEach(() => gh.close());

  function recorder(environment = 'production') {
    const octokit = createGitHubClient('ghs_test_token', { GITHUB_API_URL: gh.url });
    return createGitHubDeploymentRecorder({
      octokit,
      owner: 'acme',
      repo: 'cms',
      environment,
      ref: SHA,
      runUrl: 'https://github.com/acme/cms/actions/runs/42',
      environmentUrl: 'https://cms.example.com',
      reporter,
    });
  }

  test('a deploy creates a deployment, then in_progress, then success naming the revision', async () => {
    const r = recorder();
    await r.start(startInfo);
    await r.finish('success', { ...startInfo, outcome: outcome('succeeded', 7, 'steady') });

    expect(gh.requests.map((q) => `${q.method} ${q.path}`)).toEqual([
      'POST /repos/acme/cms/deployments',
      `POST /repos/acme/cms/deployments/${r.deploymentId}/statuses`,
      `POST /repos/acme/cms/deployments/${r.deploymentId}/statuses`,
    ]);
    expect(gh.requests[0]?.authorization).toBe('token ghs_test_token');
    expect(gh.requests[0]?.body).toEqual({
      ref: SHA,
      environment: 'production',
      task: 'deploy',
      auto_merge: false,
      required_contexts: [],
      transient_environment: false,
      production_environment: true,
      description: 'Deploy cms to repo/strapi:v7',
      payload: { kind: 'deploy', cluster: 'prod', service: 'cms', image: 'repo/strapi:v7', gitSha: SHA },
    });
    const states = gh.statuses.get(r.deploymentId as number) ?? [];
    expect(states.map((s) => [s.state, s.log_url, s.environment_url])).toEqual([
      ['in_progress', 'https://github.com/acme/cms/actions/runs/42', ''],
      ['success', 'https://github.com/acme/cms/actions/runs/42', 'https://cms.example.com'],
    ]);
    expect(states[1]?.description).toBe(`Running ${ARN(7)}`);
    expect(reporter.lines.filter((l) => l.level === 'warning')).toEqual([]);
  });

  test('a rollback carries the whole release in its payload and task deploy:rollback', async () => {
    const r = recorder('staging');
    await r.start({
      ...startInfo,
      kind: 'rollback',
      taskDefinitionArn: ARN(5),
      previousTaskDefinitionArn: ARN(7),
      gitSha: 'b'.repeat(40),
      ref: 'b'.repeat(40),
    });
    await r.finish('failure', { description: `Rollback failed: ${ARN(5)}` });
    const created = gh.deployments[0];
    expect(created?.task).toBe('deploy:rollback');
    expect(created?.ref).toBe('b'.repeat(40));
    expect(created?.production_environment).toBe(false);
    expect(created?.payload).toEqual({
      kind: 'rollback',
      cluster: 'prod',
      service: 'cms',
      taskDefinitionArn: ARN(5),
      previousTaskDefinitionArn: ARN(7),
      image: 'repo/strapi:v7',
      gitSha: 'b'.repeat(40),
    });
    expect(gh.statuses.get(created?.id as number)?.map((s) => s.state)).toEqual(['in_progress', 'failure']);
  });

  test('a token without deployments: write gives ONE warning and never throws', async () => {
    gh.denyDeploymentWrites = true;
    const r = recorder();
    await expect(r.start(startInfo)).resolves.toBeUndefined();
    await expect(r.finish('success', { outcome: outcome('succeeded', 7, 'ok') })).resolves.toBeUndefined();
    const warnings = reporter.lines.filter((l) => l.level === 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toMatch(/Resource not accessible by integration/);
    expect(warnings[0]?.message).toMatch(/deployments: write/);
    // The recorder went quiet after the refusal: one POST, no status attempts.
    expect(gh.requests).toHaveLength(1);
  });

  test('the history reads back what deploys and rollbacks recorded, newest first, with outcomes', async () => {
    const deploy = async (rev: number, status: DeployOutcome['status']) => {
      const r = recorder();
      await r.start({ ...startInfo, image: `repo/strapi:v${rev}` });
      await r.finish(status === 'succeeded' ? 'success' : 'failure', {
        outcome: outcome(status, rev, 'why'),
      });
    };
    await deploy(5, 'succeeded');
    await deploy(6, 'succeeded');
    await deploy(7, 'rolled-back');
    // Another service sharing the environment, and a deployment made by some other tool.
    gh.seedDeployment('acme/cms', {
      payload: { cluster: 'prod', service: 'worker', taskDefinitionArn: ARN(99) },
    });
    gh.seedDeployment('acme/cms', { payload: {} });

    const octokit = createGitHubClient('t', { GITHUB_API_URL: gh.url });
    const releases = await readGitHubReleases(
      { octokit, owner: 'acme', repo: 'cms', environment: 'production' },
      { cluster: 'prod', service: 'cms' },
    );
    expect(releases.map((r) => [r.revision, r.outcome, r.image])).toEqual([
      [7, 'failure', 'repo/strapi:v7'],
      [6, 'success', 'repo/strapi:v6'],
      // GitHub marked it inactive when 6 succeeded: it still counts as a success.
      [5, 'success', 'repo/strapi:v5'],
    ]);
    expect(gh.statuses.get(releases[2]?.githubDeploymentId as number)?.at(-1)?.state).toBe('inactive');
    expect(releases[0]).toMatchObject({
      source: 'github-deployments',
      kind: 'deploy',
      gitSha: SHA,
      family: 'strapi',
    });
  });

  test('the API URL is read when the client is made (GHES, local fake), not when @actions/github loaded', async () => {
    const octokit = createGitHubClient('t', { GITHUB_API_URL: `${gh.url}/` });
    await octokit.rest.repos.listDeployments({ owner: 'o', repo: 'r' });
    expect(gh.requests.at(-1)?.path).toBe('/repos/o/r/deployments');
  });
});
