import { parse } from 'yaml';
import {
  expressionsInScripts,
  jobsWithoutTimeout,
  packActionInputs,
  packActionOutputRefs,
  persistedCheckoutCredentials,
  reusableWorkflowCalls,
  reusableWorkflowPolicy,
  unpinnedActions,
  workflowCall,
  type Workflow,
} from './pack-rules';
import {
  actionFiles,
  EXPECTED_SUB_ACTIONS,
  packWorkflowFiles,
  readText,
  readYaml,
  starterWorkflowFiles,
  type ActionFile,
} from './repo-files';

const actions = actionFiles();
const readWorkflow = (rel: string): Workflow | undefined => {
  try {
    return readYaml<Workflow>(rel);
  } catch {
    return undefined;
  }
};
const allWorkflows = [...packWorkflowFiles(), ...starterWorkflowFiles()];

describe.each(allWorkflows)('%s', (file) => {
  const wf = readYaml<Workflow>(file);
  test('no ${{ }} inside run: scripts', () => expect(expressionsInScripts(wf)).toEqual([]));
  test('third-party actions pinned to a full commit SHA', () => expect(unpinnedActions(wf)).toEqual([]));
  test('checkout does not persist credentials', () => expect(persistedCheckoutCredentials(wf)).toEqual([]));
  test("inputs passed to the pack's actions exist, required ones are passed", () =>
    expect(packActionInputs(wf, actions)).toEqual([]));
  test("outputs read from the pack's actions exist", () =>
    expect(packActionOutputRefs(wf, actions)).toEqual([]));
  test("calls of the pack's reusable workflows match their workflow_call inputs and secrets", () =>
    expect(reusableWorkflowCalls(wf, readWorkflow)).toEqual([]));
  test('every job has a timeout', () => expect(jobsWithoutTimeout(wf)).toEqual([]));
  test('top-level permissions are set', () => expect(wf.permissions).toBeDefined());
});

describe('reusable workflows', () => {
  test.each(['deploy', 'rollback', 'provision', 'promote'])('%s.yml is a workflow_call workflow', (name) => {
    expect(workflowCall(readYaml<Workflow>(`.github/workflows/${name}.yml`))).toBeDefined();
  });

  test.each(['deploy', 'rollback', 'provision', 'promote'])(
    '%s.yml: environment, per-environment queue that never cancels, least permissions, timeout, outputs wired',
    (name) => expect(reusableWorkflowPolicy(readYaml<Workflow>(`.github/workflows/${name}.yml`))).toEqual([]),
  );

  test.each([
    ['deploy', ['image-uri', 'task-definition-arn', 'service-url']],
    ['rollback', ['task-definition-arn', 'rolled-back-from', 'resolved-by']],
    ['provision', ['cluster', 'service', 'repository-uri', 'service-url', 'deploy-role-arn']],
    ['promote', ['image-uri', 'task-definition-arn', 'status']],
  ])('%s.yml passes up %j', (name, outputs) => {
    const call = workflowCall(readYaml<Workflow>(`.github/workflows/${name}.yml`));
    expect(Object.keys(call?.outputs ?? {})).toEqual(expect.arrayContaining(outputs as string[]));
  });

  test('deploy and rollback share one queue per environment', () => {
    const group = (name: string) => {
      const job = Object.values(readYaml<Workflow>(`.github/workflows/${name}.yml`).jobs ?? {})[0];
      return typeof job?.concurrency === 'object' ? job.concurrency.group : undefined;
    };
    expect(group('deploy')).toBe('strapi-deploy-${{ inputs.environment }}');
    expect(group('rollback')).toBe(group('deploy'));
    // A promotion rolls production: it waits in production's queue like a deploy or rollback there.
    expect(group('promote')).toBe(group('deploy'));
  });
});

describe('starter workflows users copy', () => {
  const starter = (name: string) => readYaml<Workflow>(`workflows/${name}.yml`);
  const on = (wf: Workflow) => wf.on as Record<string, Record<string, unknown> | null>;
  const onlyJob = (wf: Workflow) => Object.values(wf.jobs ?? {});

  test('push-to-deploy: on push to main and by hand, calls deploy.yml@v1', () => {
    const wf = starter('push-to-deploy');
    expect(on(wf).push).toEqual({ branches: ['main'] });
    expect('workflow_dispatch' in on(wf)).toBe(true);
    expect(onlyJob(wf).map((j) => j.uses)).toEqual(['org/strapi-deploy/.github/workflows/deploy.yml@v1']);
  });

  test('rollback: dispatch with an environment choice, `to` defaulting to previous, a dry-run boolean', () => {
    const wf = starter('rollback');
    const inputs = on(wf).workflow_dispatch?.inputs as Record<string, { type?: string; default?: unknown }>;
    expect(inputs.environment?.type).toBe('choice');
    expect(inputs.to).toMatchObject({ type: 'string', default: 'previous' });
    expect(inputs['dry-run']).toMatchObject({ type: 'boolean', default: false });
    expect(onlyJob(wf).map((j) => j.uses)).toEqual(['org/strapi-deploy/.github/workflows/rollback.yml@v1']);
    expect(onlyJob(wf)[0]?.with).toMatchObject({
      to: '${{ inputs.to }}',
      'dry-run': '${{ inputs.dry-run }}',
    });
  });

  test('provision: by hand only, calls provision.yml@v1', () => {
    const wf = starter('provision');
    expect(Object.keys(on(wf))).toEqual(['workflow_dispatch']);
    expect(onlyJob(wf).map((j) => j.uses)).toEqual(['org/strapi-deploy/.github/workflows/provision.yml@v1']);
  });

  test('push-to-deploy deploys staging; promote runs in production, from staging, without a build', () => {
    expect(onlyJob(starter('push-to-deploy'))[0]?.with).toMatchObject({ environment: 'staging' });
    const promote = starter('promote');
    expect(Object.keys(on(promote))).toEqual(['workflow_dispatch']);
    expect(onlyJob(promote)[0]?.with).toMatchObject({
      environment: 'production',
      'source-environment': 'staging',
    });
    const steps =
      Object.values(readYaml<Workflow>('.github/workflows/promote.yml').jobs ?? {})[0]?.steps ?? [];
    expect(
      steps.map((st) => st.uses ?? '').filter((u) => /checkout|build-push|^org\/strapi-deploy@/.test(u)),
    ).toEqual([]);
  });

  test('rollback offers staging and production', () => {
    const inputs = on(starter('rollback')).workflow_dispatch?.inputs as Record<
      string,
      { options?: string[] }
    >;
    expect(inputs.environment?.options).toEqual(['staging', 'production']);
  });

  test.each(['push-to-deploy', 'rollback', 'provision', 'promote'])(
    '%s grants the called job exactly what the reusable workflow asks for',
    (name) => {
      const caller = onlyJob(starter(name))[0];
      const target = caller?.uses?.replace(/^org\/strapi-deploy\//, '').replace(/@v1$/, '') ?? '';
      const called = Object.values(readYaml<Workflow>(target).jobs ?? {})[0];
      // Two missing blocks would be equal too: the called job must state its permissions.
      expect(called?.permissions).toBeDefined();
      expect(caller?.permissions).toEqual(called?.permissions);
    },
  );
});

describe("the pack's CI", () => {
  const ci = readYaml<Workflow>('.github/workflows/ci.yml');

  test('has the lint, test, dist, workflow lint and action start jobs', () => {
    expect(Object.keys(ci.jobs ?? {})).toEqual(
      expect.arrayContaining(['lint', 'test', 'dist', 'workflow-lint', 'actions-start']),
    );
  });

  test('runs on Node 24; the tests also on Node 22, the oldest in package.json engines', () => {
    const nodeVersions = Object.values(ci.jobs ?? {})
      .flatMap((j) => j.steps ?? [])
      .filter((s) => s.uses?.startsWith('actions/setup-node@'))
      .map((s) => s.with?.['node-version']);
    expect(nodeVersions.length).toBeGreaterThan(0);
    expect(new Set(nodeVersions)).toEqual(new Set([24, '${{ matrix.node }}']));
    expect(ci.jobs?.test?.strategy?.matrix?.node).toEqual([22, 24]);
    expect(JSON.parse(readText('package.json')).engines.node).toBe('>=22');
  });

  test('the dist check rebuilds and diffs all of dist/', () => {
    const scripts = (ci.jobs?.dist?.steps ?? []).map((s) => s.run ?? '').join('\n');
    expect(scripts).toContain('npm run build');
    expect(scripts).toMatch(/git diff .*--exit-code -- dist\//);
  });

  // Every action that exists, started from its committed bundle by the runner, must fail on bad input.
  test.each(actions.map((a) => [a.dir || '.', a] as const))(
    'actions-start runs %s and asserts it failed',
    (_dir, action: ActionFile) => {
      const steps = ci.jobs?.['actions-start']?.steps ?? [];
      const uses = action.dir ? `./${action.dir}` : './';
      const step = steps.find((s) => s.uses === uses);
      expect(step).toMatchObject({ 'continue-on-error': true, id: expect.any(String) });
      const check = steps[steps.length - 1];
      expect(Object.values(check?.env ?? {})).toContain(`\${{ steps.${step?.id}.outcome }}`);
    },
  );
});

test('every expected sub-action has landed', () => {
  expect(actions.map((a) => a.name)).toEqual(expect.arrayContaining([...EXPECTED_SUB_ACTIONS, 'deploy']));
});

// The rules themselves must be able to fail.
describe('rules catch known defects', () => {
  const wf = (text: string) => parse(text) as Workflow;
  const fakeAction: ActionFile = {
    name: 'rollback',
    dir: 'actions/rollback',
    path: 'actions/rollback/action.yml',
    meta: {
      inputs: { cluster: { required: true }, to: { required: false, default: 'previous' } },
      outputs: { 'task-definition-arn': {} },
    },
  };

  test.each([
    [
      'expression in a script',
      expressionsInScripts,
      'jobs: { a: { steps: [ { run: "echo ${{ inputs.to }}" } ] } }',
      /inside run:/,
    ],
    [
      'tag instead of SHA',
      unpinnedActions,
      'jobs: { a: { steps: [ { uses: actions/checkout@v4 } ] } }',
      /not pinned/,
    ],
    [
      'short SHA',
      unpinnedActions,
      'jobs: { a: { steps: [ { uses: actions/checkout@11bd719 } ] } }',
      /not pinned/,
    ],
    [
      'checkout keeps the token',
      persistedCheckoutCredentials,
      'jobs: { a: { steps: [ { uses: "actions/checkout@x" } ] } }',
      /persist-credentials/,
    ],
    ['job without timeout', jobsWithoutTimeout, 'jobs: { a: { runs-on: x, steps: [] } }', /timeout-minutes/],
  ])('%s', (_name, rule, text, expected) => {
    expect((rule as (w: Workflow) => string[])(wf(text))).toEqual([expect.stringMatching(expected)]);
  });

  test("unknown and missing inputs of the pack's action, local and by reference", () => {
    const text = `jobs: { a: { steps: [
      { uses: ./actions/rollback, with: { too: x } },
      { uses: org/strapi-deploy/actions/rollback@v1, with: { cluster: c, to: x } },
      { uses: org/strapi-deploy/actions/nope@v1 } ] } }`;
    expect(packActionInputs(wf(text), [fakeAction])).toEqual([
      'jobs.a.steps[0]: input `too` is not declared in actions/rollback/action.yml',
      'jobs.a.steps[0]: required input `cluster` of actions/rollback/action.yml is not passed',
      'jobs.a.steps[2]: `org/strapi-deploy/actions/nope@v1` names no action.yml in this repository',
    ]);
  });

  test('an output the action does not declare', () => {
    const text = `jobs: { a: { outputs: { x: "\${{ steps.rb.outputs.service-url }}" },
      steps: [ { id: rb, uses: ./actions/rollback, with: { cluster: c } } ] } }`;
    expect(packActionOutputRefs(wf(text), [fakeAction])).toEqual([
      'jobs.a: `steps.rb.outputs.service-url` is not an output of actions/rollback/action.yml',
    ]);
  });

  test('a reusable workflow call with an unknown input, a missing required one and an unknown secret', () => {
    const called = wf(
      `on: { workflow_call: { inputs: { cluster: { type: string, required: true } }, secrets: { S: {} } } }`,
    );
    const caller = wf(
      `jobs: { d: { uses: org/strapi-deploy/.github/workflows/deploy.yml@v1, with: { clutser: x }, secrets: { T: y } } }`,
    );
    expect(reusableWorkflowCalls(caller, () => called)).toEqual([
      'jobs.d: input `clutser` is not declared by .github/workflows/deploy.yml',
      'jobs.d: required input `cluster` of .github/workflows/deploy.yml is not passed',
      'jobs.d: secret `T` is not declared by .github/workflows/deploy.yml',
    ]);
  });

  test('a deploy workflow that cancels in flight, asks for too much and has no environment', () => {
    const text = `on: { workflow_call: { outputs: { x: { value: "\${{ jobs.d.outputs.nope }}" } } } }
permissions: {}
jobs: { d: { permissions: { id-token: write, contents: write, packages: read }, timeout-minutes: 5,
  concurrency: { group: "strapi-deploy-\${{ inputs.environment }}", cancel-in-progress: true } } }`;
    expect(reusableWorkflowPolicy(wf(text))).toEqual([
      'jobs.d: `contents: write` is more than needed',
      'jobs.d: permission `packages` is not needed',
      'jobs.d: `environment:` must be the environment input',
      'jobs.d: `cancel-in-progress` must be false (never cancel a rollout in flight)',
      'on.workflow_call.outputs.x: does not name an output of a job in this workflow',
    ]);
  });
});
