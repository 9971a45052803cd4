import { UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { ConfigurationError } from '../../../src/core/errors';
import type { PromoteInputs } from '../../../src/promote/inputs';
import { createGitHubClient, readReleaseHistory } from '../../../src/release-history';
import { runDeploy } from '../../../src/use-cases/deploy';
import type { GitHubSettings, JobEnvironment } from '../../../src/use-cases/job-context';
import { runPromote } from '../../../src/use-cases/promote';
import type { Simulator } from '../../../sim';
import { createAwsClients } from '../../support/aws-clients';
import { startFakeGitHub, type FakeGitHub } from '../../support/fake-github';
import type { RecordingReporter } from '../../support/recording-reporter';
import {
  deployInputs,
  simulatedJob,
  startSimulatedAws,
  type SimulatedAws,
} from '../../support/simulated-aws';

/**
 * Staging -> production on one rollout simulator: two clusters, two services, one ECR repository, as two
 * environments provisioned in one account. Staging's history is what real deploys recorded (revision tags,
 * and GitHub deployments through the real Octokit client against the local fake GitHub); runPromote reads
 * it with real SDK clients over HTTP and deploys to production through runDeploy.
 */
const REPO = '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi';
const STAGING = 'strapi-staging';
const PRODUCTION = 'strapi-production';
const WAIT = { waitMinutes: 15, pollSeconds: 10, maxTaskFailures: 2 };
const SHA = (n: number): string => String(n).repeat(40).slice(0, 40);
const DIGEST = (n: number): string => `sha256:${String(n).repeat(64).slice(0, 64)}`;
const MUTATING = ['RegisterTaskDefinition', 'UpdateService', 'TagResource', 'UntagResource'];

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

afterEach(() => expect(sim.schemaViolations).toEqual([]));

function githubSettings(environment: string, ref = SHA(9)): GitHubSettings {
  return {
    token: 'ghs_test',
    repository: { owner: 'acme', repo: 'cms' },
    environment,
    ref,
    env: { GITHUB_API_URL: gh.url },
  };
}

/** Staging and production services of one scenario (names are per scenario so they never share state). */
async function environments(name: string): Promise<{ staging: string; production: string }> {
  const staging = `${name}-stg`;
  const production = `${name}-prd`;
  await sim.seedService({
    cluster: STAGING,
    service: staging,
    family: `${staging}-strapi`,
    image: `${REPO}@${DIGEST(1)}`,
  });
  await sim.seedService({
    cluster: PRODUCTION,
    service: production,
    family: `${production}-strapi`,
    image: `${REPO}@${DIGEST(1)}`,
  });
  return { staging, production };
}

/** What push-to-deploy does on staging: deploy the commit's image, tagged and (with GitHub) recorded. */
async function deployStaging(service: string, image: string, version: number, github = true, extra = {}) {
  return runDeploy(
    { ...env, ...(github ? { github: githubSettings('staging', SHA(version)) } : {}) },
    {
      inputs: deployInputs(STAGING, service, image, { wait: WAIT, ...extra }),
      gitSha: SHA(version),
      runId: `run-${version}`,
    },
  );
}

function promoteInputs(staging: string, production: string): PromoteInputs {
  return {
    source: { cluster: STAGING, service: staging, environment: 'staging' },
    environment: 'production',
    cluster: PRODUCTION,
    service: production,
    forceNewDeployment: false,
    wait: WAIT,
    rollbackOnFailure: true,
    waitForIdle: false,
    jobSummary: true,
    allowDestructiveSchema: false,
    snapshot: 'never',
  };
}

function promote(staging: string, production: string, github = true) {
  return runPromote(
    { ...env, ...(github ? { github: githubSettings('production') } : {}) },
    { inputs: promoteInputs(staging, production), runId: 'run-promote' },
  );
}

/** The image of the app container in the revision a service runs now. */
function runningImage(cluster: string, service: string): string {
  const arn = sim.state.service(cluster, service)?.taskDefinition ?? '';
  const td = sim.state.taskDefinition(arn) as {
    containerDefinitions?: Array<{ name?: string; image?: string }>;
  };
  return td.containerDefinitions?.find((c) => c.name === 'strapi')?.image ?? '';
}

describe('promote: production runs exactly the digest staging proved', () => {
  test.each([
    ['deployed by digest', 'by-digest', `${REPO}@${DIGEST(2)}`, DIGEST(2), true],
    // A tag is resolved through ECR DescribeImages: production is pinned to the digest, never the tag.
    ['deployed by tag, history from ECS tags', 'by-tag', `${REPO}:v3`, DIGEST(3), false],
  ])('%s', async (_title, name, stagingImage, digest, github) => {
    sim.putImage('strapi', 'v3', DIGEST(3));
    const { staging, production } = await environments(name);
    expect((await deployStaging(staging, stagingImage, 2, github)).verdict).toBe('succeeded');

    const result = await promote(staging, production, github);

    expect(result.verdict).toBe('succeeded');
    expect(result.promoted.digest).toBe(digest);
    expect(result.to.image).toBe(`${REPO}@${digest}`);
    // The digest production runs equals staging's.
    const stagingImage_ = runningImage(STAGING, staging);
    const stagingDigest =
      /@(sha256:[0-9a-f]{64})$/.exec(stagingImage_)?.[1] ??
      sim.state.repository('strapi')?.images.find((i) => stagingImage_.endsWith(`:${i.tags[0] ?? '-'}`))
        ?.digest;
    expect(stagingDigest).toBe(digest);
    expect(runningImage(PRODUCTION, production)).toBe(`${REPO}@${stagingDigest}`);
    expect(result.to.gitSha).toBe(SHA(2));
    expect(result.notes.join(' ')).toContain('Promoted from staging');
  });

  test('the promotion is recorded in production, with staging commit, and staging history stays as it was', async () => {
    const { staging, production } = await environments('recorded');
    await deployStaging(staging, `${REPO}@${DIGEST(4)}`, 4);
    const before = gh.deployments.filter((d) => d.environment === 'staging').length;
    const result = await promote(staging, production);
    expect(result.verdict).toBe('succeeded');
    const recorded = gh.deployments.find((d) => d.id === result.githubDeploymentId);
    expect(recorded).toMatchObject({ environment: 'production', sha: SHA(4) });
    expect(gh.deployments.filter((d) => d.environment === 'staging').length).toBe(before);
  });
});

describe('promote refuses, changing nothing', () => {
  async function expectRefused(staging: string, production: string, message: RegExp, github = true) {
    const requests = sim.requests.length;
    const ghWrites = gh.requests.filter((r) => r.method !== 'GET').length;
    const prodBefore = sim.state.service(PRODUCTION, production)?.taskDefinition;
    const error = await promote(staging, production, github).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).input).toBe('source-service');
    expect((error as Error).message).toMatch(message);
    expect(sim.requests.slice(requests).filter((r) => MUTATING.includes(r.operation))).toEqual([]);
    expect(gh.requests.filter((r) => r.method !== 'GET').length).toBe(ghWrites);
    expect(sim.state.service(PRODUCTION, production)?.taskDefinition).toBe(prodBefore);
  }

  test.each([
    ['GitHub deployments of staging', true],
    ['the revision deploy-result tag', false],
  ])('a digest that failed on staging (verdict from %s)', async (_source, github) => {
    const { staging, production } = await environments(`failed-${github}`);
    const bad = `${REPO}@${DIGEST(5)}`;
    // Healthy only after 20 minutes: the deploy (no rollback) times out and is recorded as a failure;
    // the tasks come up later, so staging is idle on a release its history calls failed.
    sim.setImageBehaviour(bad, { kind: 'slow-start', startSeconds: 1200 });
    const deployed = await deployStaging(staging, bad, 5, github, {
      wait: { ...WAIT, waitMinutes: 2 },
      rollbackOnFailure: false,
    });
    expect(deployed.verdict).toBe('timed-out');
    sim.advance(30 * 60_000);
    expect(sim.state.service(STAGING, staging)?.deployments).toHaveLength(1);

    await expectRefused(staging, production, /failed there/, github);
  });

  test('staging mid-rollout', async () => {
    const { staging, production } = await environments('mid-rollout');
    await deployStaging(staging, `${REPO}@${DIGEST(6)}`, 6);
    sim.setImageBehaviour(`${REPO}@${DIGEST(7)}`, { kind: 'slow-start', startSeconds: 1200 });
    const next = await deployStaging(staging, `${REPO}@${DIGEST(7)}`, 7, true, {
      wait: { ...WAIT, waitMinutes: 1 },
      rollbackOnFailure: false,
    });
    expect(next.verdict).toBe('timed-out');
    await expectRefused(staging, production, /mid-deployment/);
  });

  test('a revision never judged (registered and rolled out by hand)', async () => {
    const { staging, production } = await environments('by-hand');
    const seeded = sim.state.service(STAGING, staging)?.taskDefinition ?? '';
    const { ecs } = createAwsClients({ region: sim.region });
    await ecs.send(
      new UpdateServiceCommand({
        cluster: STAGING,
        service: staging,
        taskDefinition: seeded,
        forceNewDeployment: true,
      }),
    );
    sim.advance(10 * 60_000);
    await expectRefused(staging, production, /never judged/, false);
  });
});

test("staging's and production's histories do not mix", async () => {
  const { staging, production } = await environments('histories');
  await deployStaging(staging, `${REPO}@${DIGEST(8)}`, 8);
  await deployStaging(staging, `${REPO}@${DIGEST(9)}`, 9);
  expect((await promote(staging, production)).verdict).toBe('succeeded');

  const { ecs } = createAwsClients({ region: sim.region });
  const octokit = await createGitHubClient('ghs_test', { GITHUB_API_URL: gh.url });
  const read = (environment: string, cluster: string, service: string) =>
    readReleaseHistory(
      { ecs, reporter },
      { cluster, service, github: { octokit, owner: 'acme', repo: 'cms', environment } },
    );
  const stagingHistory = await read('staging', STAGING, staging);
  const productionHistory = await read('production', PRODUCTION, production);
  expect(stagingHistory.source).toBe('github-deployments');
  expect(stagingHistory.releases.map((r) => r.gitSha)).toEqual([SHA(9), SHA(8)]);
  expect(stagingHistory.releases.every((r) => r.environment === 'staging')).toBe(true);
  expect(productionHistory.releases.map((r) => [r.environment, r.gitSha, r.imageDigest])).toEqual([
    ['production', SHA(9), DIGEST(9)],
  ]);
  // Staging's service read against production's environment finds none of its releases (and vice versa).
  const crossed = await read('production', STAGING, staging);
  expect(crossed.source).toBe('ecs-tags');
  expect(crossed.releases.every((r) => r.family === `${staging}-strapi`)).toBe(true);
  // From ECS alone, each service's history is its own task definition family.
  const productionFromEcs = await readReleaseHistory(
    { ecs, reporter },
    { cluster: PRODUCTION, service: production },
  );
  expect(new Set(productionFromEcs.releases.map((r) => r.family))).toEqual(new Set([`${production}-strapi`]));
});
