import { RecordingReporter } from '../../support/recording-reporter';
import { deployServiceAction } from '../../../src/action-kit/deploy-service-action';
import { rollbackAction } from '../../../src/action-kit/rollback-action';

import type { Simulator } from '../../../sim';
import { recordingActionKit } from '../../support/action-kit';
import { startFakeGitHub, type FakeGitHub } from '../../support/fake-github';
import { startSimulatedAws, type SimulatedAws } from '../../support/simulated-aws';

/**
 * The two action adapters as the runner drives them (inputs, GITHUB_* variables, outputs), on the
 * rollout simulator and a local GitHub: deploys are recorded as GitHub deployments, the rollback
 * reads them back, and a token without `deployments: write` costs one warning, not the deploy.
 */
const CLUSTER = 'strapi-production';
const REPO = '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi';
const SHA = 'c0ffee'.padEnd(40, '0');

let aws: SimulatedAws;
let sim: Simulator;
let gh: FakeGitHub;

beforeAll(async () => {
  gh = await startFakeGitHub();
  aws = await startSimulatedAws({
    GITHUB_API_URL: gh.url,
    GITHUB_REPOSITORY: 'acme/cms',
    GITHUB_SHA: SHA,
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SERVER_URL: 'https://github.com',
  });
  sim = aws.sim;
  delete process.env.GITHUB_STEP_SUMMARY;
});

afterAll(async () => {
  await aws.close();
  await gh.close();
});

const kit = (inputs: Record<string, string>) => recordingActionKit(inputs, sim.clock);

// These images carry no content-schema label (not built by build-push): the schema check's warning about that is
// tested in test/integration/content-schema, and left out here.
const warnings = (reporter: RecordingReporter): string[] =>
  reporter.lines
    .filter((l) => l.level === 'warning' && !l.message.startsWith('Content schema change unknown:'))
    .map((l) => l.message);

test('deploy-service records GitHub deployments; rollback reads them and records itself', async () => {
  await sim.seedService({ cluster: CLUSTER, service: 'cms', image: `${REPO}:cms-v1` });
  for (const version of [2, 3]) {
    const run = kit({
      cluster: CLUSTER,
      service: 'cms',
      'image-uri': `${REPO}:cms-v${version}`,
      'github-token': 'ghs_x',
      environment: 'production',
      'service-url': 'https://cms.example.com',
      // Only the GitHub record is under test here; nothing answers at that URL.
      'smoke-test': 'false',
    });
    await deployServiceAction(run.kit);
    expect(run.outputs.status).toBe('succeeded');
    expect(warnings(run.reporter)).toEqual([]);
  }
  const [first, second] = gh.deployments;
  // The release in structured form: what the read side and `rollback --to` use, never free text.
  expect(first?.payload).toEqual({
    schema: 1,
    kind: 'deploy',
    cluster: CLUSTER,
    service: 'cms',
    taskDefinitionArn: expect.stringMatching(/task-definition\/cms:2$/),
    previousTaskDefinitionArn: expect.stringMatching(/task-definition\/cms:1$/),
    image: `${REPO}:cms-v2`,
    gitSha: SHA,
    runId: '4242',
  });
  expect(gh.statuses.get(second?.id as number)?.map((s) => [s.state, s.log_url, s.environment_url])).toEqual([
    // The URL is given once the release answers there, with the final status.
    ['in_progress', 'https://github.com/acme/cms/actions/runs/4242/attempts/1', ''],
    ['success', 'https://github.com/acme/cms/actions/runs/4242/attempts/1', 'https://cms.example.com'],
  ]);
  expect(gh.statuses.get(second?.id as number)?.at(-1)?.description).toBe('Running cms:3');

  const run = kit({ cluster: CLUSTER, service: 'cms', 'github-token': 'ghs_x', environment: 'production' });
  await rollbackAction(run.kit);
  expect(run.outputs).toEqual({
    status: 'succeeded',
    'deployment-id': expect.stringMatching(/^ecs-svc\//),
    'task-definition-arn': expect.stringMatching(/task-definition\/cms:2$/),
    'rolled-back-from': expect.stringMatching(/task-definition\/cms:3$/),
    'resolved-by': 'github-deployments',
  });
  expect(gh.deployments.at(-1)?.task).toBe('deploy:rollback');
  expect(sim.state.service(CLUSTER, 'cms')?.taskDefinition).toMatch(/cms:2$/);
});

test('a token without deployments: write: one warning, the deploy and the rollback still succeed', async () => {
  await sim.seedService({ cluster: CLUSTER, service: 'denied', image: `${REPO}:denied-v1` });
  gh.denyDeploymentWrites = true;
  try {
    const deploy = kit({
      cluster: CLUSTER,
      service: 'denied',
      'image-uri': `${REPO}:denied-v2`,
      'github-token': 'ghs_ro',
    });
    await deployServiceAction(deploy.kit);
    expect(deploy.outputs.status).toBe('succeeded');
    expect(warnings(deploy.reporter)).toEqual([
      expect.stringMatching(/Resource not accessible by integration.*deployments: write/),
    ]);

    const rollback = kit({ cluster: CLUSTER, service: 'denied', 'github-token': 'ghs_ro' });
    await rollbackAction(rollback.kit);
    // GitHub holds nothing for this service and the seeded v1 carries no tags: the family's revisions named it.
    expect(rollback.outputs['resolved-by']).toBe('ecs-revisions');
    expect(warnings(rollback.reporter)).toEqual([
      expect.stringMatching(/Resource not accessible by integration/),
    ]);
    expect(sim.state.service(CLUSTER, 'denied')?.taskDefinition).toMatch(/denied:1$/);
  } finally {
    gh.denyDeploymentWrites = false;
  }
});
