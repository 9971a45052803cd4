import { RecordingReporter } from '../../support/recording-reporter';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DescribeServicesCommand,
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  TagResourceCommand,
  UpdateServiceCommand,
  type Deployment,
  type DescribeTasksCommandOutput,
  type RegisterTaskDefinitionCommandInput,
  type Service,
  type UpdateServiceCommandInput,
} from '@aws-sdk/client-ecs';
import { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { readGitHubSettings, readSummaryLogLines } from '../../../src/action-kit/present-release';
import { ConfigurationError } from '../../../src/core/errors';
import { InputReader, mapInputSource } from '../../../src/core/inputs';

import { WAIT_LIMITS } from '../../../src/deploy';
import { ServiceBusyError } from '../../../src/deploy/idle';
import { readRollbackInputs, type RollbackInputs } from '../../../src/rollback';
import type { GitHubSettings, JobEnvironment } from '../../../src/use-cases/job-context';
import { runRollback } from '../../../src/use-cases/rollback';
import { renderReleaseSummary } from '../../../src/use-cases/summary';
import { recordingActionKit } from '../../support/action-kit';
import { startFakeGitHub, type FakeGitHub } from '../../support/fake-github';
import { fixture } from '../deploy/fixtures';
import { arn, FAMILY, mockFamily, REPO, type RevisionSpec } from './ecs-family';

/** Revisions this tool deployed: tagged with their commit and, once the verdict was in, its result. */
const FAMILY_SPECS: RevisionSpec[] = [
  { revision: 2, image: ':v2', gitSha: '2'.repeat(40), result: 'success', status: 'INACTIVE' },
  { revision: 3, image: ':v3', gitSha: '3'.repeat(40), result: 'success' },
  { revision: 4, image: ':v4', gitSha: '4'.repeat(40), result: 'success' },
];
const WAIT = { waitMinutes: 2, pollSeconds: 10, maxTaskFailures: 2 };
const T0 = Date.parse('2026-01-15T10:00:00Z');
const MUTATING = [
  'RegisterTaskDefinitionCommand',
  'UpdateServiceCommand',
  'DeregisterTaskDefinitionCommand',
  'TagResourceCommand',
];
const ROLLBACK_DEPLOYMENT = 'ecs-svc/300';

function deployment(
  id: string,
  revision: number,
  status: string,
  rolloutState: Deployment['rolloutState'],
): Deployment {
  return {
    id,
    status,
    rolloutState,
    taskDefinition: arn(revision),
    desiredCount: 2,
    runningCount: status === 'PRIMARY' ? 1 : 2,
    createdAt: new Date('2026-01-15T10:00:00Z'),
  };
}

function service(deployments: Deployment[]): Service {
  return {
    serviceName: 'cms',
    status: 'ACTIVE',
    taskDefinition: deployments.find((d) => d.status === 'PRIMARY')?.taskDefinition,
    deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
    deployments,
  };
}

const IDLE = service([deployment('ecs-svc/100', 4, 'PRIMARY', 'COMPLETED')]);
const BUSY = service([
  deployment('ecs-svc/200', 4, 'PRIMARY', 'IN_PROGRESS'),
  deployment('ecs-svc/100', 3, 'ACTIVE', 'COMPLETED'),
]);

/** The rollback's deployment (`ecs-svc/300`) to `taskDefinition`, beside the one it replaces. */
function rollingTo(taskDefinition: string, extra: Partial<Deployment> = {}): Service {
  return service([
    { ...deployment(ROLLBACK_DEPLOYMENT, 0, 'PRIMARY', 'IN_PROGRESS'), taskDefinition, ...extra },
    deployment('ecs-svc/100', 4, 'ACTIVE', 'COMPLETED'),
  ]);
}

/** The rollback's deployment alone and COMPLETED: what ECS shows once it succeeded. */
function rolledTo(taskDefinition: string): Service {
  return service([
    {
      ...deployment(ROLLBACK_DEPLOYMENT, 0, 'PRIMARY', 'COMPLETED'),
      taskDefinition,
      runningCount: 2,
      pendingCount: 0,
    },
  ]);
}

function fakeClock() {
  let now = T0;
  return { now: () => now, sleep: async (ms: number) => void (now += ms) };
}

/** A GitHub API that refuses the token, as api.github.com does for a revoked one. */
async function startRefusingGitHub(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({ message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function githubAt(url: string): GitHubSettings {
  return {
    token: 'ghs_test',
    repository: { owner: 'acme', repo: 'cms' },
    environment: 'production',
    ref: 'a'.repeat(40),
    env: { GITHUB_API_URL: url },
  };
}

describe('runRollback', () => {
  const ecsMock = mockClient(ECSClient);
  const logsMock = mockClient(CloudWatchLogsClient);
  let reporter: RecordingReporter;
  let clock: ReturnType<typeof fakeClock>;
  /** What DescribeServices answers next; the last answer repeats. UpdateService sets what follows it. */
  let answers: Service[];
  /** What the service shows after an UpdateService to a revision: healthy by default. */
  let afterUpdate: (taskDefinition: string) => Service[];
  let updatedAt: number[];

  beforeEach(() => {
    ecsMock.reset();
    logsMock.reset();
    mockFamily(ecsMock, FAMILY_SPECS);
    answers = [IDLE];
    afterUpdate = (taskDefinition) => [rolledTo(taskDefinition)];
    updatedAt = [];
    ecsMock
      .on(DescribeServicesCommand)
      .callsFake(() => ({ services: [answers.length > 1 ? answers.shift() : answers[0]] }));
    ecsMock.on(UpdateServiceCommand).callsFake((input: UpdateServiceCommandInput) => {
      updatedAt.push(clock.now());
      answers = afterUpdate(input.taskDefinition ?? '');
      return { service: rollingTo(input.taskDefinition ?? '') };
    });
    ecsMock.on(RegisterTaskDefinitionCommand).callsFake((input: RegisterTaskDefinitionCommandInput) => ({
      taskDefinition: { ...input, taskDefinitionArn: arn(5), revision: 5 },
    }));
    ecsMock.on(TagResourceCommand).resolves({});
    reporter = new RecordingReporter();
    clock = fakeClock();
  });

  function env(github?: GitHubSettings): JobEnvironment {
    return {
      clock,
      reporter,
      ...(github ? { github } : {}),
      awsClients: (region) => ({
        ecs: new ECSClient({ region }),
        logs: new CloudWatchLogsClient({ region }),
      }),
    };
  }

  const request = (extra: Partial<RollbackInputs> = {}): RollbackInputs => ({
    cluster: 'prod',
    service: 'cms',
    to: 'previous',
    dryRun: false,
    waitForIdle: false,
    force: false,
    wait: WAIT,
    region: 'ap-south-1',
    jobSummary: true,
    ...extra,
  });

  const mutatingCalls = () => ecsMock.calls().filter((c) => MUTATING.includes(c.args[0].constructor.name));
  const updatesTo = () =>
    ecsMock.commandCalls(UpdateServiceCommand).map((c) => c.args[0].input.taskDefinition);
  const tagsWritten = () =>
    ecsMock
      .commandCalls(TagResourceCommand)
      .flatMap((c) =>
        (c.args[0].input.tags ?? []).map((t) => `${c.args[0].input.resourceArn} ${t.key}=${t.value}`),
      );

  test('previous without GitHub: rolls to the tagged revision before, waits, records the verdict', async () => {
    const result = await runRollback(env(), request());
    expect(result).toMatchObject({
      kind: 'rollback',
      verdict: 'succeeded',
      resolvedBy: 'ecs-tags',
      deploymentId: ROLLBACK_DEPLOYMENT,
      endedOn: arn(3),
    });
    expect(result.from).toEqual({
      taskDefinitionArn: arn(4),
      revision: `${FAMILY}:4`,
      gitSha: '4'.repeat(40),
      image: `${REPO}:v4`,
    });
    expect(result.to).toEqual({
      taskDefinitionArn: arn(3),
      revision: `${FAMILY}:3`,
      gitSha: '3'.repeat(40),
      image: `${REPO}:v3`,
    });
    expect(result.rollout?.verdict).toBe('succeeded');
    expect(ecsMock.commandCalls(UpdateServiceCommand).map((c) => c.args[0].input)).toEqual([
      { cluster: 'prod', service: 'cms', taskDefinition: arn(3), forceNewDeployment: false },
    ]);
    expect(tagsWritten()).toEqual([`${arn(3)} deploy-result=success`]);
    expect(ecsMock.commandCalls(RegisterTaskDefinitionCommand)).toHaveLength(0);

    const summary = renderReleaseSummary(result);
    expect(summary.split('\n')[0]).toBe('## Rollback cms: ✅ succeeded');
    expect(summary).toContain('| Git SHA | `444444444444` | `333333333333` |');
    expect(summary).toContain(`| Image | \`${REPO}:v4\` | \`${REPO}:v3\` |`);
    expect(summary).toContain(`| Revision | ${FAMILY}:4 | ${FAMILY}:3 |`);
    expect(summary).toContain('| Target found in | ECS revision tags (`ecs-tags`) |');
    expect(summary).toMatch(/console\.aws\.amazon\.com\/ecs\/v2\/clusters\/prod\/services\/cms\/deployments/);
  });

  test('dry run: says from, to and how, and makes no change at all', async () => {
    const result = await runRollback(env(), request({ to: '2', dryRun: true }));
    expect(result).toMatchObject({ verdict: 'dry-run', resolvedBy: 'task-definition' });
    expect(result.to.taskDefinitionArn).toBe(arn(2));
    expect(mutatingCalls()).toEqual([]);
    expect(reporter.text()).toMatch(
      new RegExp(
        `${FAMILY}:4 \\(git 444444444444, .*:v4\\) -> ${FAMILY}:2 \\(git 222222222222, .*:v2\\) \\(revision 2, resolved by task-definition\\)`,
      ),
    );
    expect(reporter.text()).toMatch(
      new RegExp(
        `Dry run: Would roll cms from ${FAMILY}:4 back to ${FAMILY}:2; nothing changed\\. ${FAMILY}:2 is INACTIVE and would be registered again`,
      ),
    );
  });

  test('INACTIVE target: registered again from its definition (read-only fields and its release tags not copied)', async () => {
    const result = await runRollback(env(), request({ to: '2' }));
    const [call] = ecsMock.commandCalls(RegisterTaskDefinitionCommand);
    const input = call?.args[0].input as RegisterTaskDefinitionCommandInput & Record<string, unknown>;
    for (const field of [
      'taskDefinitionArn',
      'revision',
      'status',
      'requiresAttributes',
      'compatibilities',
      'registeredAt',
      'registeredBy',
      'deregisteredAt',
    ]) {
      expect(input).not.toHaveProperty(field);
    }
    expect(input.family).toBe(FAMILY);
    expect(input.containerDefinitions?.find((c) => c.name === 'strapi')?.image).toBe(`${REPO}:v2`);
    // The copy says where it came from and which commit it runs; the old run-id and deploy-result stay behind.
    expect(input.tags).toEqual([
      { key: 'app', value: 'strapi' },
      { key: 'restored-from', value: arn(2) },
      { key: 'git-sha', value: '2'.repeat(40) },
    ]);
    expect(result).toMatchObject({ verdict: 'succeeded', reregisteredFrom: arn(2) });
    expect(result.to.taskDefinitionArn).toBe(arn(5));
    expect(updatesTo()).toEqual([arn(5)]);
    expect(renderReleaseSummary(result)).toContain(
      `| Revision | ${FAMILY}:4 | ${FAMILY}:5 (INACTIVE ${FAMILY}:2, registered again) |`,
    );
  });

  test('a deployment in flight is refused, naming it', async () => {
    answers = [BUSY];
    const rolling = runRollback(env(), request());
    await expect(rolling).rejects.toThrow(ServiceBusyError);
    await expect(rolling).rejects.toThrow(
      /has a deployment in flight: ecs-svc\/200 \(to strapi-production:4, IN_PROGRESS, started 2026-01-15T10:00:00.000Z, 1\/2 tasks running\).*wait-for-idle: true/,
    );
    expect(mutatingCalls()).toEqual([]);
  });

  test('a lone PRIMARY still IN_PROGRESS counts as a deployment in flight', async () => {
    answers = [service([deployment('ecs-svc/9', 4, 'PRIMARY', 'IN_PROGRESS')])];
    await expect(runRollback(env(), request())).rejects.toThrow(/ecs-svc\/9/);
  });

  test('force: rolls over the deployment in flight, with a warning naming it', async () => {
    answers = [BUSY];
    const result = await runRollback(env(), request({ force: true }));
    expect(result.verdict).toBe('succeeded');
    expect(updatesTo()).toEqual([arn(3)]);
    expect(reporter.lines.find((l) => l.level === 'warning')?.message).toMatch(
      /^Rolling over the deployment in flight \(force\): ecs-svc\/200 \(to strapi-production:4, IN_PROGRESS/,
    );
    // Nobody waited for the deployment in flight: UpdateService was the first thing after the lookup.
    expect(updatedAt).toEqual([T0]);
  });

  test('wait-for-idle: waits for the running deployment, then resolves against what runs after it', async () => {
    answers = [BUSY, BUSY, IDLE];
    const result = await runRollback(env(), request({ waitForIdle: true }));
    expect(result.to.taskDefinitionArn).toBe(arn(3));
    // Two looks at the busy service 10 s apart; the update only once it was idle.
    expect(updatedAt).toEqual([T0 + 20_000]);
    expect(reporter.text()).toMatch(/Waiting for deployment ecs-svc\/200/);
  });

  test('wait-for-idle is bounded by wait-minutes', async () => {
    answers = [BUSY];
    const rolling = runRollback(env(), request({ waitForIdle: true }));
    await expect(rolling).rejects.toThrow(ServiceBusyError);
    await expect(rolling).rejects.toThrow(
      /ecs-svc\/200 .* was still in flight after 2 min; nothing was changed/,
    );
    expect(mutatingCalls()).toEqual([]);
  });

  test('a target that fails to start: a failed result with the diagnosis, recorded as failure, not rolled back again', async () => {
    afterUpdate = (taskDefinition) => [
      rollingTo(taskDefinition, { failedTasks: 2, runningCount: 0, pendingCount: 2 }),
    ];
    const crashed = fixture<DescribeTasksCommandOutput>('describe-tasks-crash-loop').tasks?.[0];
    const taskArn = 'arn:aws:ecs:ap-south-1:123456789012:task/prod/0123456789abcdef';
    ecsMock.on(ListTasksCommand).resolves({ taskArns: [taskArn, `${taskArn}0`] });
    ecsMock.on(DescribeTasksCommand).resolves({
      tasks: [
        { ...crashed, taskArn, startedBy: ROLLBACK_DEPLOYMENT },
        { ...crashed, taskArn: `${taskArn}0`, startedBy: ROLLBACK_DEPLOYMENT },
      ],
    });
    logsMock
      .on(GetLogEventsCommand)
      .resolves({ events: [{ message: 'error: relation "articles" does not exist' }] });

    const result = await runRollback(env(), request());

    expect(result.verdict).toBe('failed');
    expect(result.reason).toMatch(
      /^2 tasks of the deployment stopped and none became healthy; latest: task 0123456789abcdef0?: EssentialContainerExited: "Essential container in task exited": strapi exit 1; log: error: relation "articles" does not exist$/,
    );
    expect(result.rollout?.stoppedTasks[0]?.logTail).toEqual(['error: relation "articles" does not exist']);
    expect(tagsWritten()).toEqual([`${arn(3)} deploy-result=failure`]);
    expect(reporter.text()).toMatch(/exit 1/);
    expect(reporter.text()).toMatch(/relation "articles" does not exist/);
    // Left as ECS leaves it: one UpdateService, no roll back to where we came from.
    expect(updatesTo()).toEqual([arn(3)]);
    const summary = renderReleaseSummary(result);
    expect(summary).toMatch(/^## Rollback cms: ❌ failed/);
    expect(summary).toMatch(/EssentialContainerExited/);
    expect(summary).toMatch(/relation "articles" does not exist/);
  });

  test('GitHub history that cannot be read is one warning, then the ECS history is used', async () => {
    const refusing = await startRefusingGitHub();
    try {
      const result = await runRollback(env(githubAt(refusing.url)), request({ dryRun: true }));
      expect(result.resolvedBy).toBe('ecs-tags');
      expect(reporter.lines.filter((l) => l.level === 'warning').map((l) => l.message)).toEqual([
        expect.stringMatching(
          /^Could not read GitHub deployments of "production" \(Bad credentials.*\); using the ECS revision history\.$/,
        ),
      ]);
    } finally {
      await refusing.close();
    }
  });

  test.each([
    [
      false,
      /the rollback would be refused \(set `wait-for-idle: true` to wait, or `force: true` to roll over it\)/,
    ],
    [true, /the rollback would wait for it to finish first/],
  ])(
    'dry run while a deployment is in flight (wait-for-idle %s): says what would happen, waits for nothing',
    async (waitForIdle, said) => {
      answers = [BUSY];
      const result = await runRollback(env(), request({ dryRun: true, waitForIdle }));
      expect(result.verdict).toBe('dry-run');
      expect(result.to.revision).toBe(`${FAMILY}:3`);
      expect(reporter.lines.find((l) => l.level === 'warning')?.message).toMatch(said);
      expect(clock.now()).toBe(T0);
      expect(mutatingCalls()).toEqual([]);
    },
  );

  describe('recorded in GitHub Deployments', () => {
    let gh: FakeGitHub;
    beforeAll(async () => {
      gh = await startFakeGitHub();
    });
    afterAll(() => gh.close());

    test('a rollback is a deployment of the target commit, closed with the verdict', async () => {
      const result = await runRollback(env(githubAt(gh.url)), request());
      const recorded = gh.deployments.find((d) => d.id === result.githubDeploymentId);
      expect(recorded).toMatchObject({
        task: 'deploy:rollback',
        environment: 'production',
        ref: '3'.repeat(40),
      });
      expect(recorded?.payload).toMatchObject({
        kind: 'rollback',
        taskDefinitionArn: arn(3),
        previousTaskDefinitionArn: arn(4),
      });
      expect(gh.statuses.get(recorded?.id as number)?.map((s) => s.state)).toEqual([
        'in_progress',
        'success',
      ]);
    });

    test('an UpdateService that is refused: a failed result naming the call, the GitHub deployment closed as error (never judged)', async () => {
      ecsMock.on(UpdateServiceCommand).rejects(
        Object.assign(new Error('User: ci is not authorized to perform: ecs:UpdateService'), {
          name: 'AccessDeniedException',
        }),
      );
      const result = await runRollback(env(githubAt(gh.url)), request());
      expect(result.verdict).toBe('failed');
      expect(result.reason).toMatch(/^Not allowed to call ecs:UpdateService: User: ci is not authorized/);
      expect(result.error).toMatchObject({ unexpected: false });
      expect(result.endedOn).toBe(arn(4));
      const recorded = gh.deployments.find((d) => d.id === result.githubDeploymentId);
      // The target never rolled out, so it was not judged: `error` (read back as unknown), never `failure`,
      // which would make a good release look bad to every later `rollback --to previous`.
      expect(gh.statuses.get(recorded?.id as number)?.map((s) => s.state)).toEqual(['in_progress', 'error']);
    });
  });
});

describe('readRollbackInputs', () => {
  const read = (values: Record<string, string>) =>
    readRollbackInputs(new InputReader(mapInputSource(values)));

  test('defaults', () => {
    expect(read({ cluster: 'prod', service: 'cms' })).toEqual({
      cluster: 'prod',
      service: 'cms',
      to: 'previous',
      dryRun: false,
      waitForIdle: false,
      force: false,
      wait: { waitMinutes: 15, pollSeconds: 15, maxTaskFailures: 2 },
      region: undefined,
      jobSummary: true,
    });
  });

  test('the rollback action reads every input of actions/rollback/action.yml', () => {
    // What src/action-kit/rollback-action.ts reads: the rollback's own inputs, GitHub's, the summary's.
    const { kit } = recordingActionKit({ cluster: 'c', service: 's' }, fakeClock(), { env: {} });
    readRollbackInputs(kit.inputs);
    readGitHubSettings(kit);
    readSummaryLogLines(kit.inputs);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const yaml = require('yaml') as typeof import('yaml');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fs = require('node:fs') as typeof import('node:fs');
    const action = yaml.parse(fs.readFileSync(`${__dirname}/../../../actions/rollback/action.yml`, 'utf8'));
    expect([...kit.inputs.names].sort()).toEqual(Object.keys(action.inputs).sort());
    expect(action.runs).toEqual({ using: 'node24', main: '../../dist/rollback/index.js' });
  });

  test('the token is masked the moment it is read', () => {
    const masked: string[] = [];
    const { kit } = recordingActionKit({}, fakeClock(), { env: {} });
    readGitHubSettings({
      ...kit,
      inputs: new InputReader({
        get: (n) => ({ cluster: 'c', service: 's', 'github-token': 'ghs_secret' })[n] ?? '',
        maskSecret: (v) => masked.push(v),
      }),
    });
    expect(masked).toEqual(['ghs_secret']);
  });

  test.each([
    [{ 'dry-run': 'yes' }, /Input `dry-run` must be true or false/],
    [{ 'wait-for-idle': '1' }, /Input `wait-for-idle` must be true or false/],
    [{ force: 'yes' }, /Input `force` must be true or false/],
    [{ 'wait-minutes': '0' }, /Input `wait-minutes` must be between 1 and 120/],
    [
      { 'poll-seconds': '60' },
      new RegExp(`Input \`poll-seconds\` must be between ${WAIT_LIMITS.pollSeconds.min} and 15`),
    ],
    [{ to: 'two words' }, /Input `to` must be previous, a revision number/],
    [{ cluster: '' }, /Input `cluster` is required/],
  ])('%j is refused', (values, message) => {
    const reading = () => read({ cluster: 'prod', service: 'cms', ...values });
    expect(reading).toThrow(ConfigurationError);
    expect(reading).toThrow(message);
  });
});
