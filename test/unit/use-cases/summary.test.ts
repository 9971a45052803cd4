import type { RolloutOutcome } from '../../../src/deploy';
import type { ReleaseResult } from '../../../src/use-cases/release-result';
import { renderNotStartedSummary, renderReleaseSummary } from '../../../src/use-cases/summary';

// Hand-written results in the shape runDeploy and runRollback return (not captured from AWS).
const T0 = Date.UTC(2026, 0, 15, 10);
const ARN = (rev: number): string =>
  `arn:aws:ecs:ap-south-1:123456789012:task-definition/strapi-production:${rev}`;

function rollout(extra: Partial<RolloutOutcome> = {}): RolloutOutcome {
  return {
    verdict: 'succeeded',
    reason: 'Rollout COMPLETED: 2 of 2 tasks running strapi-production:8.',
    cluster: 'strapi-production',
    service: 'strapi',
    deploymentId: 'ecs-svc/4474419915736127711',
    taskDefinitionArn: ARN(8),
    startedAt: T0,
    endedAt: T0 + 95_000,
    decidedAt: T0 + 95_000,
    events: [
      { at: T0 + 2_000, message: '(service strapi) has started 2 tasks: (task a) (task b).' },
      { at: T0 + 90_000, message: '(service strapi) has reached a steady state.' },
    ],
    stoppedTasks: [],
    counts: { running: 2, pending: 0, desired: 2 },
    apiCalls: 10,
    ecsApiCalls: 10,
    ...extra,
  };
}

function result(extra: Partial<ReleaseResult> = {}): ReleaseResult {
  return {
    kind: 'deploy',
    verdict: 'succeeded',
    reason: 'Rollout COMPLETED: 2 of 2 tasks running strapi-production:8.',
    cluster: 'strapi-production',
    service: 'strapi',
    region: 'ap-south-1',
    from: {
      taskDefinitionArn: ARN(7),
      revision: 'strapi-production:7',
      gitSha: 'aaaaaaaaaaaa1111',
      image: 'registry.example/strapi:1',
    },
    to: {
      taskDefinitionArn: ARN(8),
      revision: 'strapi-production:8',
      gitSha: 'bbbbbbbbbbbb2222',
      image: 'registry.example/strapi:9f8e7d6',
    },
    containerName: 'strapi',
    deploymentId: 'ecs-svc/4474419915736127711',
    rollout: rollout(),
    endedOn: ARN(8),
    notes: [],
    ...extra,
  };
}

const crashed = rollout({
  verdict: 'failed',
  reason: '2 tasks of the deployment stopped | none became healthy',
  stoppedTasks: [
    {
      taskArn: 'arn:aws:ecs:ap-south-1:123456789012:task/strapi-production/1f2e',
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
      containers: [{ name: 'strapi', exitCode: 1 }],
      logTail: ['line 1', 'line 2', 'error: Missing APP_KEYS', 'a line with ``` backticks'],
      logSource: '/ecs/strapi-production / ecs/strapi/1f2e',
    },
    {
      taskArn: 'arn:aws:ecs:ap-south-1:123456789012:task/strapi-production/2a3b',
      stopCode: 'TaskFailedToStart',
      stoppedReason: 'CannotPullContainerError: not found',
      containers: [{ name: 'strapi' }],
      logTail: [],
      logSource: 'the task never started, so there is no log',
    },
  ],
});

describe('renderReleaseSummary', () => {
  test('a successful deploy: the verdict word, from -> to, the timeline and the console link', () => {
    const md = renderReleaseSummary(result());
    expect(md.split('\n').slice(0, 10)).toEqual([
      '## Deploy strapi: ✅ succeeded',
      '',
      'Rollout COMPLETED: 2 of 2 tasks running strapi-production:8.',
      '',
      '| | From | To |',
      '| --- | --- | --- |',
      '| Revision | strapi-production:7 | strapi-production:8 |',
      '| Git SHA | `aaaaaaaaaaaa` | `bbbbbbbbbbbb` |',
      '| Image | `registry.example/strapi:1` | `registry.example/strapi:9f8e7d6` |',
      '',
    ]);
    expect(md).toContain('| Rollout | succeeded in 1 min 35 s |');
    expect(md).toContain('| Service runs now | strapi-production:8 |');
    expect(md).toContain('| 90 | (service strapi) has reached a steady state. |');
    expect(md).toContain(
      "[Open the service's deployments in the ECS console](https://ap-south-1.console.aws.amazon.com/ecs/v2/clusters/strapi-production/services/strapi/deployments)",
    );
    expect(md).not.toContain('Stopped tasks');
  });

  test('a rolled-back deploy: the stopped tasks with their log tail fenced safely, the rollback row', () => {
    const md = renderReleaseSummary(
      result({
        verdict: 'rolled-back',
        reason:
          '2 tasks of the deployment stopped | none became healthy Rolled back to strapi-production:7 by strapi-deploy.',
        rollout: crashed,
        rollback: {
          by: 'strapi-deploy',
          taskDefinitionArn: ARN(7),
          rollout: rollout({ taskDefinitionArn: ARN(7), reason: 'Rollout COMPLETED.' }),
        },
        endedOn: ARN(7),
      }),
    );
    expect(md).toContain('## Deploy strapi: ↩️ rolled-back');
    expect(md).toContain('2 tasks of the deployment stopped \\| none became healthy');
    expect(md).toContain(
      '| Rollback | to strapi-production:7 by strapi-deploy: succeeded in 1 min 35 s (Rollout COMPLETED.) |',
    );
    expect(md).toContain(
      '- task 1f2e: EssentialContainerExited: "Essential container in task exited": strapi exit 1',
    );
    expect(md).toContain(
      '  ````\n  line 1\n  line 2\n  error: Missing APP_KEYS\n  a line with ``` backticks\n  ````',
    );
    expect(md).toContain('  No log: the task never started, so there is no log.');
    expect(md).toContain('Service events during the rollback');
    expect(md).toContain('| Service runs now | strapi-production:7 |');
  });

  test.each([
    [0, [], /4 log lines in \/ecs\/strapi-production .*not shown here: `summary-log-lines` is 0/],
    [2, ['error: Missing APP_KEYS', 'a line with ``` backticks'], /Last 2 log lines/],
  ])('summary-log-lines %i limits the log tail shown', (logLines, shown, note) => {
    const md = renderReleaseSummary(result({ verdict: 'failed', rollout: crashed }), { logLines });
    expect(md).toMatch(note);
    for (const line of ['line 1', 'line 2']) expect(md).not.toContain(`  ${line}\n`);
    for (const line of shown) expect(md).toContain(line);
  });

  test.each([
    ['timed-out', '⏱️ timed-out'],
    ['cancelled', '⏹️ cancelled'],
    ['failed', '❌ failed'],
  ] as const)('the headline says the one verdict word: %s', (verdict, headline) => {
    expect(renderReleaseSummary(result({ verdict })).split('\n')[0]).toBe(`## Deploy strapi: ${headline}`);
  });

  test('a rollback: where the target was found, an INACTIVE target registered again, notes quoted', () => {
    const md = renderReleaseSummary(
      result({
        kind: 'rollback',
        from: { taskDefinitionArn: ARN(8), revision: 'strapi-production:8' },
        to: { taskDefinitionArn: ARN(9), revision: 'strapi-production:9' },
        reregisteredFrom: ARN(3),
        resolvedBy: 'ecs-tags',
        notes: [
          'The last recorded rollout of strapi-production:3 failed; rolling back to it anyway as asked.',
        ],
      }),
    );
    expect(md).toContain('## Rollback strapi: ✅ succeeded');
    expect(md).toContain(
      '| Revision | strapi-production:8 | strapi-production:9 (INACTIVE strapi-production:3, registered again) |',
    );
    expect(md).toContain('| Target found in | ECS revision tags (`ecs-tags`) |');
    expect(md).toContain('> The last recorded rollout of strapi-production:3 failed');
  });

  test('an unexpected error says the stack is in the debug log', () => {
    const md = renderReleaseSummary(
      result({
        verdict: 'failed',
        error: { message: 'x is not a function', unexpected: true, stack: 'TypeError: …' },
      }),
    );
    expect(md).toContain('the debug log has its stack trace');
    expect(md).not.toContain('TypeError: …');
  });
});

/** A deploy that stopped before its rollout: no rollout, no deployment. */
function notRolledOut(extra: Partial<ReleaseResult>): ReleaseResult {
  const release = result(extra);
  delete release.rollout;
  delete release.deploymentId;
  return release;
}

describe('renderReleaseSummary: the release checks', () => {
  const migrate = 'npm run strapi -- migrate';
  const stoppedMigration = {
    taskArn: 'arn:aws:ecs:ap-south-1:123456789012:task/strapi-production/9c8d',
    stopCode: 'EssentialContainerExited',
    stoppedReason: 'Essential container in task exited',
    containers: [{ name: 'strapi', exitCode: 1 }],
    logTail: ['> migrate', 'error: relation "articles" does not exist'],
    logSource: '/ecs/strapi-production / ecs/strapi/9c8d',
  };
  const smokeChecks = [
    {
      method: 'GET' as const,
      url: 'https://cms.example.com/_health',
      expected: '204' as const,
      status: 204,
      ok: true,
    },
    {
      method: 'GET' as const,
      url: 'https://cms.example.com/api/articles',
      expected: '2xx' as const,
      status: 500,
      excerpt: '{"data":null,"error":{"status":500}}',
      ok: false,
    },
  ];

  test.each([
    [
      'a run-before task that exited 0, then the rollout',
      result({
        oneOff: {
          verdict: 'succeeded',
          reason: 'exited 0',
          command: migrate,
          revision: 'strapi-production:8',
          exitCode: 0,
          startedAt: T0,
          endedAt: T0 + 42_000,
        },
      }),
      [
        '| Run before | `npm run strapi -- migrate` on strapi-production:8: succeeded in 42 s (exit 0) |',
        '| Rollout | succeeded in 1 min 35 s |',
      ],
      ['### Run-before task', 'skipped'],
    ],
    [
      'a failed run-before task: the rollout skipped, the task reported like a stopped one',
      notRolledOut({
        verdict: 'failed',
        endedOn: ARN(7),
        oneOff: {
          verdict: 'failed',
          reason: 'failed',
          command: migrate,
          revision: 'strapi-production:8',
          exitCode: 1,
          startedAt: T0,
          endedAt: T0 + 65_000,
          task: stoppedMigration,
        },
      }),
      [
        '| Run before | `npm run strapi -- migrate` on strapi-production:8: failed in 1 min 5 s (exit 1) |',
        '| Rollout | skipped: the service was not changed |',
        '### Run-before task',
        '- task 9c8d: EssentialContainerExited: "Essential container in task exited": strapi exit 1',
        'error: relation "articles" does not exist',
      ],
      ['### Stopped tasks'],
    ],
    [
      'a smoke test that passed',
      result({
        smokeTest: {
          verdict: 'passed',
          reason: 'passed',
          startedAt: T0,
          endedAt: T0 + 5_000,
          looks: 2,
          checks: [smokeChecks[0]!],
        },
      }),
      ['| Smoke test | passed in 5 s, 2 looks: GET https://cms.example.com/_health 204 |'],
      ['Run before'],
    ],
    [
      'a smoke test that failed: the URL, the status and the start of the body, pipes escaped',
      result({
        verdict: 'rolled-back',
        smokeTest: {
          verdict: 'failed',
          reason: 'failed',
          startedAt: T0,
          endedAt: T0 + 120_000,
          looks: 25,
          checks: smokeChecks,
        },
      }),
      [
        '| Smoke test | failed in 2 min 0 s, 25 looks: GET https://cms.example.com/_health 204; GET https://cms.example.com/api/articles answered 500, expected 2xx: {"data":null,"error":{"status":500}} |',
      ],
      [],
    ],
  ])('%s', (_name, release, present, absent) => {
    const text = renderReleaseSummary(release);
    for (const line of present) expect(text).toContain(line);
    for (const line of absent) expect(text).not.toContain(line);
  });
});

describe('renderNotStartedSummary', () => {
  test('says nothing changed, with the reason', () => {
    expect(renderNotStartedSummary('rollback', 'Service "x" not found | here')).toBe(
      '## Rollback: not started\n\nService "x" not found \\| here\n\nNothing was changed.\n',
    );
  });
});
