import { ECSClient, TagResourceCommand } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { RecordingReporter } from '../../support/recording-reporter';
import {
  createGitHubClient,
  createReleaseRecorder,
  readGitHubReleases,
  type ReleaseStart,
} from '../../../src/release-history';
import { releasePayloadOf } from '../../../src/release-history/github-deployments';
import { startFakeGitHub, type FakeGitHub } from '../../support/fake-github';

const ARN = (rev: number): string => `arn:aws:ecs:ap-south-1:123456789012:task-definition/strapi:${rev}`;
const SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const DIGEST = `sha256:${'d'.repeat(64)}`;
const ecsMock = mockClient(ECSClient);

function release(rev: number, extra: Partial<ReleaseStart> = {}): ReleaseStart {
  return {
    kind: 'deploy',
    cluster: 'prod',
    service: 'cms',
    taskDefinitionArn: ARN(rev),
    previousTaskDefinitionArn: ARN(rev - 1),
    image: `repo/strapi@${DIGEST}`,
    gitSha: SHA,
    runId: '42',
    ...extra,
  };
}

function resultTags(): string[] {
  return ecsMock
    .commandCalls(TagResourceCommand)
    .flatMap((c) =>
      (c.args[0].input.tags ?? []).map((t) => `${c.args[0].input.resourceArn} ${t.key}=${t.value}`),
    );
}

describe('the record side: the deploy-result tag, written from the verdict only', () => {
  beforeEach(() => {
    ecsMock.reset();
    ecsMock.on(TagResourceCommand).resolves({});
  });

  test.each([
    ['success', [`${ARN(7)} deploy-result=success`]],
    ['failure', [`${ARN(7)} deploy-result=failure`]],
    // A run that stopped before a verdict (cancelled, died) writes nothing: its release reads `unknown`.
    ['unknown', []],
  ] as const)('a %s end tags the revision %j', async (outcome, tags) => {
    const recorder = createReleaseRecorder({
      ecs: new ECSClient({ region: 'ap-south-1' }),
      reporter: new RecordingReporter(),
    });
    await recorder.start(release(7));
    expect(ecsMock.calls()).toHaveLength(0);
    await recorder.finish({ outcome, description: 'x' });
    expect(resultTags()).toEqual(tags);
  });

  test('nothing is tagged when no release started (the deploy stopped before registering)', async () => {
    const recorder = createReleaseRecorder({
      ecs: new ECSClient({ region: 'ap-south-1' }),
      reporter: new RecordingReporter(),
    });
    await recorder.finish({ outcome: 'failure', description: 'x' });
    expect(ecsMock.calls()).toHaveLength(0);
  });

  test('a refused TagResource is a warning, not a failed deploy', async () => {
    ecsMock.on(TagResourceCommand).rejects(
      Object.assign(new Error('not authorized to perform: ecs:TagResource'), {
        name: 'AccessDeniedException',
      }),
    );
    const reporter = new RecordingReporter();
    const recorder = createReleaseRecorder({ ecs: new ECSClient({ region: 'ap-south-1' }), reporter });
    await recorder.start(release(7));
    await expect(recorder.finish({ outcome: 'success', description: 'x' })).resolves.toBeUndefined();
    expect(reporter.lines).toEqual([
      {
        level: 'warning',
        message: `Could not tag ${ARN(7)} with deploy-result=success: not authorized to perform: ecs:TagResource`,
      },
    ]);
  });
});

describe('GitHub deployments through the real Octokit client and a local GitHub', () => {
  let gh: FakeGitHub;
  let reporter: RecordingReporter;

  beforeEach(async () => {
    ecsMock.reset();
    ecsMock.on(TagResourceCommand).resolves({});
    gh = await startFakeGitHub();
    reporter = new RecordingReporter();
  });
  afterEach(() => gh.close());

  async function recorder(environment = 'production') {
    const octokit = await createGitHubClient('ghs_test_token', { GITHUB_API_URL: gh.url });
    return createReleaseRecorder({
      ecs: new ECSClient({ region: 'ap-south-1' }),
      reporter,
      github: {
        octokit,
        owner: 'acme',
        repo: 'cms',
        environment,
        ref: SHA,
        runUrl: 'https://github.com/acme/cms/actions/runs/42',
        environmentUrl: 'https://cms.example.com',
      },
    });
  }

  test('a deploy: a deployment whose payload holds the release (ARN, digest, commit, run), then in_progress, then success', async () => {
    const r = await recorder();
    await r.start(release(7));
    await r.finish({ outcome: 'success', description: 'Running strapi:7' });

    const id = r.githubDeploymentId as number;
    expect(gh.requests.map((q) => `${q.method} ${q.path}`)).toEqual([
      'POST /repos/acme/cms/deployments',
      `POST /repos/acme/cms/deployments/${id}/statuses`,
      `POST /repos/acme/cms/deployments/${id}/statuses`,
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
      description: 'Deploy cms to strapi:7',
      payload: {
        schema: 1,
        kind: 'deploy',
        cluster: 'prod',
        service: 'cms',
        taskDefinitionArn: ARN(7),
        previousTaskDefinitionArn: ARN(6),
        image: `repo/strapi@${DIGEST}`,
        imageDigest: DIGEST,
        gitSha: SHA,
        runId: '42',
      },
    });
    const states = gh.statuses.get(id) ?? [];
    expect(states.map((s) => [s.state, s.log_url, s.environment_url])).toEqual([
      ['in_progress', 'https://github.com/acme/cms/actions/runs/42', ''],
      ['success', 'https://github.com/acme/cms/actions/runs/42', 'https://cms.example.com'],
    ]);
    expect(resultTags()).toEqual([`${ARN(7)} deploy-result=success`]);
    expect(reporter.lines.filter((l) => l.level === 'warning')).toEqual([]);
  });

  test('a rollback: task deploy:rollback, the target commit as ref; a failure is recorded as failure', async () => {
    const r = await recorder('staging');
    await r.start(
      release(5, {
        kind: 'rollback',
        previousTaskDefinitionArn: ARN(7),
        gitSha: 'b'.repeat(40),
        ref: 'b'.repeat(40),
      }),
    );
    await r.finish({ outcome: 'failure', description: 'failed: tasks crashed' });
    const created = gh.deployments[0];
    expect(created?.task).toBe('deploy:rollback');
    expect(created?.ref).toBe('b'.repeat(40));
    expect(created?.production_environment).toBe(false);
    expect(created?.payload).toMatchObject({
      kind: 'rollback',
      taskDefinitionArn: ARN(5),
      gitSha: 'b'.repeat(40),
    });
    expect(gh.statuses.get(created?.id as number)?.map((s) => s.state)).toEqual(['in_progress', 'failure']);
  });

  test('a token without deployments: write gives ONE warning and never throws; the ECS tag is still written', async () => {
    gh.denyDeploymentWrites = true;
    const r = await recorder();
    await expect(r.start(release(7))).resolves.toBeUndefined();
    await expect(r.finish({ outcome: 'success', description: 'ok' })).resolves.toBeUndefined();
    const warnings = reporter.lines.filter((l) => l.level === 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toMatch(/Resource not accessible by integration/);
    expect(warnings[0]?.message).toMatch(/deployments: write/);
    expect(gh.requests).toHaveLength(1);
    expect(resultTags()).toEqual([`${ARN(7)} deploy-result=success`]);
  });

  test('the read side gets back what was recorded, newest first; a run that never ended reads unknown', async () => {
    const deploy = async (rev: number, outcome: 'success' | 'failure' | 'unknown' | undefined) => {
      const r = await recorder();
      await r.start(release(rev));
      if (outcome) await r.finish({ outcome, description: 'why' });
    };
    await deploy(4, 'success');
    await deploy(5, 'success');
    await deploy(6, 'unknown');
    await deploy(7, 'failure');
    await deploy(8, undefined);
    // Another service sharing the environment, and a deployment made by some other tool.
    gh.seedDeployment('acme/cms', {
      payload: { cluster: 'prod', service: 'worker', taskDefinitionArn: ARN(99) },
    });
    gh.seedDeployment('acme/cms', { payload: {} });

    const octokit = await createGitHubClient('t', { GITHUB_API_URL: gh.url });
    const releases = await readGitHubReleases(
      { octokit, owner: 'acme', repo: 'cms', environment: 'production' },
      { cluster: 'prod', service: 'cms' },
    );
    expect(releases.map((r) => [r.revision, r.outcome])).toEqual([
      [8, 'in-progress'],
      [7, 'failure'],
      // Cancelled: recorded as `error`, read as unknown, never a rollback's `previous`.
      [6, 'unknown'],
      [5, 'success'],
      // GitHub marked it inactive when 5 succeeded: it still counts as a success.
      [4, 'success'],
    ]);
    expect(releases[1]).toMatchObject({
      source: 'github-deployments',
      kind: 'deploy',
      gitSha: SHA,
      imageDigest: DIGEST,
      runId: '42',
      family: 'strapi',
      previousTaskDefinitionArn: ARN(6),
    });
  });

  test('the API URL is read when the client is made (GHES, local fake), not when @actions/github loaded', async () => {
    const octokit = await createGitHubClient('t', { GITHUB_API_URL: `${gh.url}/` });
    await octokit.rest.repos.listDeployments({ owner: 'o', repo: 'r' });
    expect(gh.requests.at(-1)?.path).toBe('/repos/o/r/deployments');
  });
});

describe('releasePayloadOf', () => {
  test.each([
    ['an object of ours', { cluster: 'c', service: 's', taskDefinitionArn: ARN(1) }, true],
    [
      'a JSON string of ours',
      JSON.stringify({ cluster: 'c', service: 's', taskDefinitionArn: ARN(1) }),
      true,
    ],
    ['no revision (nothing to roll back to)', { cluster: 'c', service: 's' }, false],
    ["another tool's payload", { foo: 'bar' }, false],
    ['not JSON', '{nope', false],
  ])('%s', (_name, raw, ours) => {
    expect(releasePayloadOf(raw) !== undefined).toBe(ours);
  });
});

describe('releasePayloadOf: the optional dbSnapshot of schema 1', () => {
  test.each([
    // Written before the field existed: still read, no snapshot.
    [
      'a payload from before dbSnapshot',
      { schema: 1, cluster: 'c', service: 's', taskDefinitionArn: ARN(1) },
      undefined,
    ],
    [
      'a payload with the snapshot taken before the release',
      {
        schema: 1,
        cluster: 'c',
        service: 's',
        taskDefinitionArn: ARN(2),
        dbSnapshot: 'strapi-deploy-s-20260115-100341',
      },
      'strapi-deploy-s-20260115-100341',
    ],
    [
      'an empty dbSnapshot is none',
      { schema: 1, cluster: 'c', service: 's', taskDefinitionArn: ARN(2), dbSnapshot: '' },
      undefined,
    ],
    [
      'a dbSnapshot that is not text is none',
      { schema: 1, cluster: 'c', service: 's', taskDefinitionArn: ARN(2), dbSnapshot: 7 },
      undefined,
    ],
  ])('%s', (_name, raw, snapshot) => {
    const payload = releasePayloadOf(raw);
    expect(payload?.schema).toBe(1);
    expect(payload?.dbSnapshot).toBe(snapshot);
  });
});
