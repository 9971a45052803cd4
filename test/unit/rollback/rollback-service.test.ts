import { RecordingReporter } from '../../support/recording-reporter';
import {
  DescribeServicesCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  type Deployment,
  type RegisterTaskDefinitionCommandInput,
  type Service,
} from '@aws-sdk/client-ecs';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { ConfigurationError, DeploymentFailedError } from '../../../src/core/errors';
import { InputReader, mapInputSource } from '../../../src/core/inputs';

import { WAIT_LIMITS, type RolloutOutcome } from '../../../src/deploy';
import {
  readRollbackInputs,
  renderRollbackSummary,
  rollbackService,
  runRollback,
  type RollbackDeps,
  type RollbackRequest,
  type RollbackResult,
} from '../../../src/rollback';
import { arn, FAMILY, mockFamily, REPO, type RevisionSpec } from './ecs-family';

const FAMILY_SPECS: RevisionSpec[] = [
  { revision: 2, image: ':v2', gitSha: '2'.repeat(40), status: 'INACTIVE' },
  { revision: 3, image: ':v3', gitSha: '3'.repeat(40) },
  { revision: 4, image: ':v4', gitSha: '4'.repeat(40) },
];
const WAIT = { waitMinutes: 2, pollSeconds: 10, maxTaskFailures: 2 };
const MUTATING = [
  'RegisterTaskDefinitionCommand',
  'UpdateServiceCommand',
  'DeregisterTaskDefinitionCommand',
  'TagResourceCommand',
];

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
    deployments,
  };
}

const IDLE = service([deployment('ecs-svc/100', 4, 'PRIMARY', 'COMPLETED')]);
const BUSY = service([
  deployment('ecs-svc/200', 4, 'PRIMARY', 'IN_PROGRESS'),
  deployment('ecs-svc/100', 3, 'ACTIVE', 'COMPLETED'),
]);

function fakeClock() {
  let now = Date.parse('2026-01-15T10:00:00Z');
  return { now: () => now, sleep: async (ms: number) => void (now += ms) };
}

function outcome(
  verdict: RolloutOutcome['verdict'],
  taskDefinitionArn: string,
  extra: Partial<RolloutOutcome> = {},
): RolloutOutcome {
  return {
    verdict,
    reason:
      verdict === 'succeeded'
        ? 'Rollout COMPLETED: 2 of 2 tasks running'
        : '2 tasks stopped: Essential container in task exited',
    cluster: 'prod',
    service: 'cms',
    deploymentId: 'ecs-svc/300',
    taskDefinitionArn,
    startedAt: 0,
    endedAt: 95_000,
    events: [],
    stoppedTasks: [],
    counts: { running: 2, pending: 0, desired: 2 },
    apiCalls: 10,
    ecsApiCalls: 10,
    decidedAt: 95_000,
    ...extra,
  };
}

describe('rollbackService', () => {
  const ecsMock = mockClient(ECSClient);
  let reporter: RecordingReporter;
  let rolls: { taskDefinitionArn: string }[];
  let recorded: string[];

  beforeEach(() => {
    ecsMock.reset();
    mockFamily(ecsMock, FAMILY_SPECS);
    ecsMock.on(DescribeServicesCommand).resolves({ services: [IDLE] });
    ecsMock.on(RegisterTaskDefinitionCommand).callsFake((input: RegisterTaskDefinitionCommandInput) => ({
      taskDefinition: { ...input, taskDefinitionArn: arn(5), revision: 5 },
    }));
    reporter = new RecordingReporter();
    rolls = [];
    recorded = [];
  });

  function deps(
    verdict: RolloutOutcome['verdict'] = 'succeeded',
    extra: Partial<RolloutOutcome> = {},
  ): RollbackDeps {
    return {
      ecs: new ECSClient({ region: 'ap-south-1' }),
      logs: new CloudWatchLogsClient({ region: 'ap-south-1' }),
      clock: fakeClock(),
      reporter,
      recorder: {
        start: async (info) =>
          void recorded.push(
            `start ${info.kind} ${info.taskDefinitionArn} from ${info.previousTaskDefinitionArn}`,
          ),
        finish: async (status) => void recorded.push(`finish ${status}`),
      },
      roll: async (_deps, target) => {
        rolls.push(target);
        return outcome(verdict, target.taskDefinitionArn, extra);
      },
    };
  }

  const request = (extra: Partial<RollbackRequest> = {}): RollbackRequest => ({
    cluster: 'prod',
    service: 'cms',
    to: 'previous',
    dryRun: false,
    waitForIdle: false,
    wait: WAIT,
    ...extra,
  });

  test('previous without GitHub: rolls to the tagged revision before, records kind rollback', async () => {
    const result = await rollbackService(deps(), request());
    expect(result).toMatchObject({ resolvedBy: 'ecs-tags', taskDefinitionArn: arn(3), dryRun: false });
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
    expect(rolls).toEqual([{ cluster: 'prod', service: 'cms', taskDefinitionArn: arn(3) }]);
    expect(recorded).toEqual([`start rollback ${arn(3)} from ${arn(4)}`, 'finish success']);
    expect(ecsMock.commandCalls(RegisterTaskDefinitionCommand)).toHaveLength(0);
  });

  test('dry run: says from, to and how, and makes no change at all', async () => {
    const result = await rollbackService(deps(), request({ to: '2', dryRun: true }));
    expect(result).toMatchObject({ dryRun: true, resolvedBy: 'task-definition', taskDefinitionArn: arn(2) });
    const mutating = ecsMock.calls().filter((c) => MUTATING.includes(c.args[0].constructor.name));
    expect(mutating).toEqual([]);
    expect(rolls).toEqual([]);
    expect(recorded).toEqual([]);
    expect(reporter.text()).toMatch(
      new RegExp(
        `${FAMILY}:4 \\(git 444444444444, .*:v4\\) -> ${FAMILY}:2 \\(git 222222222222, .*:v2\\) \\(revision 2, resolved by task-definition\\)`,
      ),
    );
    expect(reporter.text()).toMatch(
      /Dry run: nothing changed\. .*:2 is INACTIVE and would be registered again/,
    );
  });

  test('INACTIVE target: registered again from its definition (read-only fields stripped, tags kept)', async () => {
    const result = await rollbackService(deps(), request({ to: '2' }));
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
    expect(input.tags).toEqual(
      expect.arrayContaining([
        { key: 'git-sha', value: '2'.repeat(40) },
        { key: 'restored-from', value: arn(2) },
      ]),
    );
    expect(result).toMatchObject({ taskDefinitionArn: arn(5), reregisteredFrom: arn(2) });
    expect(rolls).toEqual([{ cluster: 'prod', service: 'cms', taskDefinitionArn: arn(5) }]);
    expect(renderRollbackSummary(result)).toMatch(/INACTIVE; registered again as strapi-production:5/);
  });

  test('a deployment in progress is refused, naming it', async () => {
    ecsMock.on(DescribeServicesCommand).resolves({ services: [BUSY] });
    const rolling = rollbackService(deps(), request());
    await expect(rolling).rejects.toThrow(ConfigurationError);
    await expect(rolling).rejects.toThrow(
      /has a deployment in progress: ecs-svc\/200 \(to strapi-production:4, IN_PROGRESS, started 2026-01-15T10:00:00.000Z, 1\/2 tasks running\).*wait-for-idle: true/,
    );
    expect(ecsMock.calls().filter((c) => MUTATING.includes(c.args[0].constructor.name))).toEqual([]);
  });

  test('a lone PRIMARY still IN_PROGRESS counts as a deployment in progress', async () => {
    ecsMock
      .on(DescribeServicesCommand)
      .resolves({ services: [service([deployment('ecs-svc/9', 4, 'PRIMARY', 'IN_PROGRESS')])] });
    await expect(rollbackService(deps(), request())).rejects.toThrow(/ecs-svc\/9/);
  });

  test('wait-for-idle: waits for the running deployment, then resolves against what runs after it', async () => {
    ecsMock
      .on(DescribeServicesCommand)
      .resolvesOnce({ services: [BUSY] })
      .resolvesOnce({ services: [BUSY] })
      .resolves({ services: [IDLE] });
    const d = deps();
    const result = await rollbackService(d, request({ waitForIdle: true }));
    expect(result.taskDefinitionArn).toBe(arn(3));
    expect(d.clock.now() - Date.parse('2026-01-15T10:00:00Z')).toBe(20_000);
    expect(reporter.text()).toMatch(/Waiting for deployment ecs-svc\/200/);
  });

  test('wait-for-idle is bounded by wait-minutes', async () => {
    ecsMock.on(DescribeServicesCommand).resolves({ services: [BUSY] });
    const rolling = rollbackService(deps(), request({ waitForIdle: true }));
    await expect(rolling).rejects.toThrow(DeploymentFailedError);
    await expect(rolling).rejects.toThrow(
      /ecs-svc\/200 .* was still in progress after 2 min; nothing was rolled back/,
    );
    expect(rolls).toEqual([]);
  });

  test('a target that fails to start: diagnosis shown, recorded as failure, step fails with the result', async () => {
    const stopped = {
      taskArn: 'arn:aws:ecs:ap-south-1:123456789012:task/prod/0123456789abcdef',
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
      containers: [{ name: 'strapi', exitCode: 1 }],
      logTail: ['error: relation "articles" does not exist'],
      logSource: '/ecs/strapi / ecs/strapi/0123456789abcdef',
    };
    const rolling = rollbackService(deps('failed', { stoppedTasks: [stopped] }), request());
    const error = await rolling.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeploymentFailedError);
    expect((error as Error).message).toBe(
      `Rollback of cms to ${FAMILY}:3 failed: 2 tasks stopped: Essential container in task exited`,
    );
    const result = (error as DeploymentFailedError).details as RollbackResult;
    expect(result.outcome?.verdict).toBe('failed');
    expect(recorded).toEqual([`start rollback ${arn(3)} from ${arn(4)}`, 'finish failure']);
    expect(reporter.text()).toMatch(/exit 1/);
    expect(reporter.text()).toMatch(/relation "articles" does not exist/);
    // Left as ECS leaves it: one roll, no roll back to where we came from.
    expect(rolls).toHaveLength(1);
    const summary = renderRollbackSummary(result);
    expect(summary).toMatch(/Rollback cms: ❌ Rollback failed/);
    expect(summary).toMatch(/EssentialContainerExited/);
    expect(summary).toMatch(/relation "articles" does not exist/);
  });

  test('GitHub history that cannot be read is one warning, then the ECS history is used', async () => {
    const failing = {
      octokit: {
        rest: {
          repos: {
            listDeployments: async () =>
              Promise.reject(Object.assign(new Error('Bad credentials'), { status: 401 })),
          },
        },
      },
      owner: 'acme',
      repo: 'cms',
      environment: 'production',
    } as unknown as RollbackDeps['github'];
    const result = await rollbackService({ ...deps(), github: failing }, request());
    expect(result.resolvedBy).toBe('ecs-tags');
    expect(reporter.lines.filter((l) => l.level === 'warning').map((l) => l.message)).toEqual([
      'Could not read GitHub deployments of "production" (Bad credentials); using the ECS revision history.',
    ]);
  });

  test.each([
    [false, /the rollback would be refused \(set `wait-for-idle: true` to wait\)/],
    [true, /the rollback would wait for it to finish first/],
  ])(
    'dry run while a deployment is in progress (wait-for-idle %s): says what would happen, waits for nothing',
    async (waitForIdle, said) => {
      ecsMock.on(DescribeServicesCommand).resolves({ services: [BUSY] });
      const d = deps();
      const result = await rollbackService(d, request({ dryRun: true, waitForIdle }));
      expect(result.to.revision).toBe(`${FAMILY}:3`);
      expect(reporter.lines.find((l) => l.level === 'warning')?.message).toMatch(said);
      expect(d.clock.now()).toBe(Date.parse('2026-01-15T10:00:00Z'));
      expect(ecsMock.calls().filter((c) => MUTATING.includes(c.args[0].constructor.name))).toEqual([]);
    },
  );

  test('a roll that throws (UpdateService refused) still closes the GitHub deployment as failed', async () => {
    const d = deps();
    d.roll = async () => {
      throw new ConfigurationError('Not allowed to call ecs:UpdateService: denied');
    };
    await expect(rollbackService(d, request())).rejects.toThrow(/Not allowed to call ecs:UpdateService/);
    expect(recorded).toEqual([`start rollback ${arn(3)} from ${arn(4)}`, 'finish failure']);
  });

  test('UpdateService is left to the engine: rollbackService itself never calls it', async () => {
    await rollbackService(deps(), request({ to: '3' }));
    expect(ecsMock.commandCalls(UpdateServiceCommand)).toHaveLength(0);
  });

  describe('runRollback (what the action and the CLI call)', () => {
    const inputs = (values: Record<string, string> = {}) =>
      readRollbackInputs(new InputReader(mapInputSource({ cluster: 'prod', service: 'cms', ...values })));

    test('a healthy rollback: the result, no failure', async () => {
      const settled = await runRollback(deps(), inputs());
      expect(settled.failure).toBeUndefined();
      expect(settled.result).toMatchObject({ resolvedBy: 'ecs-tags', taskDefinitionArn: arn(3) });
    });

    test('a rollout that failed is returned with its result, so both can report it before failing', async () => {
      const settled = await runRollback(deps('failed'), inputs());
      expect(settled.failure).toBeInstanceOf(DeploymentFailedError);
      expect(settled.failure?.details).toBe(settled.result);
      expect(settled.result.outcome?.verdict).toBe('failed');
    });

    test('a failure with no rollback result (the wait for idle ran out) is thrown on', async () => {
      ecsMock.on(DescribeServicesCommand).resolves({ services: [BUSY] });
      await expect(
        runRollback(deps(), inputs({ 'wait-for-idle': 'true', 'wait-minutes': '2' })),
      ).rejects.toThrow(/was still in progress after 2 min/);
    });
  });
});

describe('renderRollbackSummary', () => {
  test('from -> to by git SHA, image and revision, and how the target was found', () => {
    const summary = renderRollbackSummary({
      cluster: 'prod',
      service: 'cms',
      dryRun: false,
      resolvedBy: 'github-deployments',
      from: {
        taskDefinitionArn: arn(4),
        revision: `${FAMILY}:4`,
        gitSha: '4'.repeat(40),
        image: `${REPO}:v4`,
      },
      to: { taskDefinitionArn: arn(3), revision: `${FAMILY}:3`, gitSha: '3'.repeat(40), image: `${REPO}:v3` },
      taskDefinitionArn: arn(3),
      outcome: outcome('succeeded', arn(3)),
      region: 'ap-south-1',
      notes: [],
    });
    expect(summary.split('\n').slice(0, 7)).toEqual([
      '## Rollback cms: ✅ Rolled back',
      '',
      '| | From | To |',
      '| --- | --- | --- |',
      '| Git SHA | `444444444444` | `333333333333` |',
      `| Image | \`${REPO}:v4\` | \`${REPO}:v3\` |`,
      `| Revision | ${FAMILY}:4 | ${FAMILY}:3 |`,
    ]);
    expect(summary).toMatch(/target found in GitHub deployment history \(`github-deployments`\)/);
    expect(summary).toMatch(/\*\*succeeded\*\* after 95 s/);
    expect(summary).toMatch(/console\.aws\.amazon\.com\/ecs\/v2\/clusters\/prod\/services\/cms\/deployments/);
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
      environment: 'production',
      githubToken: undefined,
      dryRun: false,
      waitForIdle: false,
      wait: { waitMinutes: 15, pollSeconds: 10, maxTaskFailures: 2 },
      region: undefined,
      jobSummary: true,
    });
  });

  test('reads every input of actions/rollback/action.yml', () => {
    const reader = new InputReader(mapInputSource({ cluster: 'c', service: 's' }));
    readRollbackInputs(reader);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const yaml = require('yaml') as typeof import('yaml');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fs = require('node:fs') as typeof import('node:fs');
    const action = yaml.parse(fs.readFileSync(`${__dirname}/../../../actions/rollback/action.yml`, 'utf8'));
    expect([...reader.names].sort()).toEqual(Object.keys(action.inputs).sort());
    expect(action.runs).toEqual({ using: 'node24', main: '../../dist/rollback/index.js' });
  });

  test('the token is masked the moment it is read', () => {
    const masked: string[] = [];
    readRollbackInputs(
      new InputReader({
        get: (n) => ({ cluster: 'c', service: 's', 'github-token': 'ghs_secret' })[n] ?? '',
        maskSecret: (v) => masked.push(v),
      }),
    );
    expect(masked).toEqual(['ghs_secret']);
  });

  test.each([
    [{ 'dry-run': 'yes' }, /Input `dry-run` must be true or false/],
    [{ 'wait-for-idle': '1' }, /Input `wait-for-idle` must be true or false/],
    [{ 'wait-minutes': '0' }, /Input `wait-minutes` must be between 1 and 120/],
    [
      { 'poll-seconds': '60' },
      new RegExp(`Input \`poll-seconds\` must be between ${WAIT_LIMITS.pollSeconds.min} and 15`),
    ],
    [{ to: 'two words' }, /Input `to` must be previous, a revision number/],
    [{ cluster: '' }, /Input `cluster` is required/],
  ])('%j is refused', (values, message) => {
    expect(() => read({ cluster: 'prod', service: 'cms', ...values })).toThrow(message);
  });
});
