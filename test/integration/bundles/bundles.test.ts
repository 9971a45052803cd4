import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  DescribeTaskDefinitionCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import type { RegisterTaskDefinitionCommandInput } from '@aws-sdk/client-ecs';
import { describeIfAvailable } from '../../support/components';
import { startSimulator, type Simulator } from '../../../sim';
import { actionFiles, ROOT, type ActionFile } from '../../unit/workflows/repo-files';
import { bundlesDir, parseFileCommand, runBundle } from './run-bundle';

// Each committed bundle, started as the runner starts a node24 action (INPUT_* with action.yml defaults, the
// GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_STATE files, RUNNER_TEMP). Bad input must end the step with
// exit code 1 and exactly one `::error::` line naming the input, before any AWS call; the rollback dry run
// talks to the rollout simulator over HTTP and writes its outputs and summary.
const actions = new Map(actionFiles().map((a) => [a.name, a]));
const DIGEST = `sha256:${'ab'.repeat(32)}`;
const IMAGE = `123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi@${DIGEST}`;

function bundleFor(name: string): { action?: ActionFile; bundle: string; missing?: string } {
  const action = actions.get(name);
  const bundle = join(bundlesDir(ROOT), name, 'index.js');
  if (!action) return { bundle, missing: `${name}: no action.yml yet` };
  if (!existsSync(bundle))
    return { action, bundle, missing: `${name}: ${bundle} is not built (npm run build)` };
  return { action, bundle };
}

const badInputCases: Array<[string, string, Record<string, string>, string | RegExp]> = [
  [
    'rollback',
    'dry-run that is not a boolean',
    { cluster: 'c', service: 's', 'dry-run': 'maybe' },
    'Input `dry-run` must be true or false, got "maybe".',
  ],
  ['rollback', 'no cluster', { service: 's' }, 'Input `cluster` is required.'],
  [
    'rollback',
    'a `to` with spaces',
    { cluster: 'c', service: 's', to: 'last good one' },
    /^Input `to` must be previous/,
  ],
  ['deploy-service', 'no cluster', { 'image-uri': IMAGE, service: 's' }, 'Input `cluster` is required.'],
  [
    'deploy-service',
    'a malformed image URI',
    { 'image-uri': 'not an image', cluster: 'c', service: 's' },
    /`image-uri`/,
  ],
  [
    'deploy-service',
    'wait-minutes out of bounds',
    { 'image-uri': IMAGE, cluster: 'c', service: 's', 'wait-minutes': '0' },
    'Input `wait-minutes` must be between 1 and 120, got 0.',
  ],
  ['build-push', 'no repository', {}, 'Input `repository` is required.'],
  [
    'provision',
    'allow-replacement that is not a boolean',
    { 'stack-name': 'strapi', 'allow-replacement': 'maybe' },
    /`allow-replacement`/,
  ],
  ['deploy', 'no cluster', { repository: 'strapi', service: 's' }, 'Input `cluster` is required.'],
];

describe.each(badInputCases)('%s bundle, %s', (name, _case, inputs, expected) => {
  const { action, bundle, missing } = bundleFor(name);
  describeIfAvailable(missing)('started as the runner starts it', () => {
    test('fails with one line naming the input, sets no output, leaves no stack trace', async () => {
      const run = await runBundle(bundle, action as ActionFile, { inputs });
      expect(run.status).toBe(1);
      expect(run.errors).toEqual([typeof expected === 'string' ? expected : expect.stringMatching(expected)]);
      expect(run.stdout).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);
      expect(run.outputs).toEqual({});
    });
  });
});

describe('build-push bundle, post step', () => {
  const { action, bundle, missing } = bundleFor('build-push');
  describeIfAvailable(missing)('after a main step that failed on its input', () => {
    test('runs again as the post step with the saved state and ends cleanly', async () => {
      const main = await runBundle(bundle, action as ActionFile, { inputs: {} });
      expect(main.status).toBe(1);
      const post = await runBundle(bundle, action as ActionFile, { inputs: {}, state: main.state });
      expect(post.errors).toEqual([]);
      expect(post.status).toBe(0);
    });
  });
});

describe('rollback bundle, dry run on the rollout simulator', () => {
  const { action, bundle, missing } = bundleFor('rollback');
  describeIfAvailable(missing)('a service on revision 2 of its family', () => {
    let sim: Simulator;
    let ecs: ECSClient;
    let revision1: string;
    let revision2: string;

    beforeAll(async () => {
      sim = await startSimulator({ region: 'ap-south-1' });
      ecs = new ECSClient({
        endpoint: sim.url,
        region: sim.region,
        credentials: { accessKeyId: 'simulator', secretAccessKey: 'simulator' },
      });
      const seeded = await sim.seedService({
        cluster: 'strapi',
        service: 'strapi',
        image: 'registry.test/strapi:v1',
      });
      revision1 = seeded.taskDefinitionArn;
      const current = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: revision1 }));
      const definition = current.taskDefinition ?? {};
      const registered = await ecs.send(
        new RegisterTaskDefinitionCommand({
          family: definition.family,
          containerDefinitions: (definition.containerDefinitions ?? []).map((c) => ({
            ...c,
            image: 'registry.test/strapi:v2',
          })),
          cpu: definition.cpu,
          memory: definition.memory,
          networkMode: definition.networkMode,
          requiresCompatibilities: definition.requiresCompatibilities,
          executionRoleArn: definition.executionRoleArn,
        } as RegisterTaskDefinitionCommandInput),
      );
      revision2 = registered.taskDefinition?.taskDefinitionArn ?? '';
      await ecs.send(
        new UpdateServiceCommand({ cluster: 'strapi', service: 'strapi', taskDefinition: revision2 }),
      );
      sim.advance(10 * 60_000);
    });

    afterAll(async () => {
      ecs?.destroy();
      await sim?.close();
    });

    test('says what it would do, sets the outputs, writes the summary and changes nothing', async () => {
      const requestsBefore = sim.requests.length;
      const run = await runBundle(bundle, action as ActionFile, {
        inputs: {
          cluster: 'strapi',
          service: 'strapi',
          to: 'previous',
          'dry-run': 'true',
          'github-token': '',
        },
        env: sim.env(),
      });
      expect(run.errors).toEqual([]);
      expect(run.status).toBe(0);
      expect(run.outputs).toMatchObject({ 'task-definition-arn': revision1, 'rolled-back-from': revision2 });
      // No GitHub token and no release tags on the seeded revisions: the family's revisions name the target.
      expect(run.outputs['resolved-by']).toBe('ecs-revisions');
      expect(run.summary).toContain('## Rollback strapi: 🔎 dry-run');
      expect(run.stdout).toContain(
        'Dry run: Would roll strapi from strapi:2 back to strapi:1; nothing changed.',
      );
      const calls = sim.requests.slice(requestsBefore).map((r) => r.operation);
      expect(calls.filter((op) => /^(UpdateService|RegisterTaskDefinition)$/.test(op))).toEqual([]);
      expect(sim.state.service('strapi', 'strapi')?.taskDefinition).toBe(revision2);
    });
  });
});

describe('parseFileCommand', () => {
  test('reads name=value lines and name<<delimiter blocks, as @actions/core writes them', () => {
    expect(parseFileCommand('a=1\nb<<ghadelimiter_x\nline 1\nline 2\nghadelimiter_x\nc=x=y\n')).toEqual({
      a: '1',
      b: 'line 1\nline 2',
      c: 'x=y',
    });
  });
});
