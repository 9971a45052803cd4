import type { Deployment, Service, Task } from '@aws-sdk/client-ecs';
import { decideFromService, decideFromTasks, shouldScanTasks, telltaleLogLine } from '../../../src/deploy';
import { isFailedStop, isHealthyTask } from '../../../src/deploy/diagnose';
import { NEW_DEPLOYMENT_GRACE_MS, type DecisionContext } from '../../../src/deploy/watch';
import { serviceFixture, taskDefinitionFixture, taskFixture } from './fixtures';

const OURS = 'ecs-svc/4474419915736127711';

/** A saved DescribeServices response with one change, for the rows that differ from a real one. */
function variant(name: string, change: (service: Service) => void): Service {
  const service = serviceFixture(name);
  change(service);
  return service;
}

/** The saved response's events as the watch streams them (oldest first): all of them new since our UpdateService. */
function eventsOf(name: string): string[] {
  return [...(serviceFixture(name).events ?? [])].reverse().map((e) => e.message ?? '');
}

/** Right after UpdateService: DescribeServices still shows only the old deployment, PRIMARY and COMPLETED. */
function notVisibleYet(): Service {
  return variant('describe-services-rolling', (s) => {
    s.deployments = s.deployments?.filter((d) => d.id !== OURS).map((d) => ({ ...d, status: 'PRIMARY' }));
  });
}

/** A minute after our UpdateService with no new event: the context most rows are decided in. */
const LATER: DecisionContext = { newEvents: [], elapsedMs: 60_000 };
const ANOTHER_PRIMARY: Deployment = {
  id: 'ecs-svc/1',
  status: 'PRIMARY',
  rolloutState: 'IN_PROGRESS',
  taskDefinition: 'arn:aws:ecs:ap-south-1:123456789012:task-definition/strapi-production:9',
};

describe('decideFromService (saved DescribeServices responses)', () => {
  test.each<
    [
      string,
      'pending' | 'succeeded' | 'failed',
      Service,
      DecisionContext,
      string | undefined,
      RegExp | undefined,
    ]
  >([
    // name, verdict, service, context, cause, reason
    [
      'rolling: two deployments, ours IN_PROGRESS',
      'pending',
      serviceFixture('describe-services-rolling'),
      LATER,
      undefined,
      undefined,
    ],
    [
      'completed: ours alone and COMPLETED',
      'succeeded',
      serviceFixture('describe-services-completed'),
      LATER,
      undefined,
      /^Rollout COMPLETED: 2 of 2 tasks running strapi-production:8\.$/,
    ],
    [
      'no circuit breaker: ours alone, 2/2 running, still IN_PROGRESS',
      'succeeded',
      serviceFixture('describe-services-no-circuit-breaker-steady'),
      LATER,
      undefined,
      /^Steady state: 2 of 2 tasks running strapi-production:8, no other deployment\.$/,
    ],
    [
      'no circuit breaker but a task still pending',
      'pending',
      variant('describe-services-no-circuit-breaker-steady', (s) => {
        (s.deployments?.[0] as Deployment).pendingCount = 1;
        (s.deployments?.[0] as Deployment).runningCount = 1;
      }),
      LATER,
      undefined,
      undefined,
    ],
    [
      'circuit breaker on: 2/2 running is not enough until COMPLETED',
      'pending',
      variant('describe-services-no-circuit-breaker-steady', (s) => {
        s.deploymentConfiguration = { deploymentCircuitBreaker: { enable: true, rollback: true } };
      }),
      LATER,
      undefined,
      undefined,
    ],
    [
      'COMPLETED but the old deployment is still draining',
      'pending',
      variant('describe-services-rolling', (s) => {
        (s.deployments?.[0] as Deployment).rolloutState = 'COMPLETED';
      }),
      LATER,
      undefined,
      undefined,
    ],
    [
      'circuit breaker: ours FAILED, ECS rolling back',
      'failed',
      serviceFixture('describe-services-circuit-breaker-failed'),
      { newEvents: eventsOf('describe-services-circuit-breaker-failed'), elapsedMs: 60_000 },
      'rollout-failed',
      /^ECS marked the rollout FAILED: ECS deployment circuit breaker: tasks failed to start\.$/,
    ],
    [
      'ours vanished after the circuit breaker rolled back (the rollback event is new)',
      'failed',
      variant('describe-services-circuit-breaker-failed', (s) => {
        s.deployments = s.deployments?.filter((d) => d.id !== OURS);
      }),
      { newEvents: eventsOf('describe-services-circuit-breaker-failed'), elapsedMs: 60_000 },
      'deployment-vanished',
      // The newest new event that speaks of a rollback is quoted (ECS lists "deployment failed" last).
      /^Deployment ecs-svc\/4474419915736127711 is gone: ECS rolled the service back to strapi-production:7 \("\(service strapi\) \(deployment ecs-svc\/4474419915736127711\) deployment failed: tasks failed to start"\)\.$/,
    ],
    [
      'ours vanished, and the rollback events are old ones (from before our UpdateService): not quoted',
      'failed',
      variant('describe-services-circuit-breaker-failed', (s) => {
        s.deployments = s.deployments?.filter((d) => d.id !== OURS);
      }),
      LATER,
      'deployment-vanished',
      /^Deployment ecs-svc\/4474419915736127711 is gone: the service now runs strapi-production:7 \(deployment ecs-svc\/2299445566778899001\); another deploy replaced it\.$/,
    ],
    [
      "ours replaced by somebody else's deploy",
      'failed',
      variant('describe-services-rolling', (s) => {
        s.deployments = [{ ...ANOTHER_PRIMARY }];
      }),
      LATER,
      'deployment-vanished',
      /the service now runs strapi-production:9 \(deployment ecs-svc\/1\); another deploy replaced it\.$/,
    ],
    [
      'ours not visible yet, within the grace for a new deployment (eventual consistency): pending',
      'pending',
      notVisibleYet(),
      { newEvents: [], elapsedMs: NEW_DEPLOYMENT_GRACE_MS - 1 },
      undefined,
      undefined,
    ],
    [
      'ours still not visible once the grace is over: gone',
      'failed',
      notVisibleYet(),
      { newEvents: [], elapsedMs: NEW_DEPLOYMENT_GRACE_MS },
      'deployment-vanished',
      /^Deployment ecs-svc\/4474419915736127711 is gone: the service now runs strapi-production:7/,
    ],
    [
      'ours missing within the grace, but a new event says ECS rolled back: failed at once',
      'failed',
      variant('describe-services-circuit-breaker-failed', (s) => {
        s.deployments = s.deployments?.filter((d) => d.id !== OURS);
      }),
      { newEvents: eventsOf('describe-services-circuit-breaker-failed'), elapsedMs: 5_000 },
      'deployment-vanished',
      /is gone: ECS rolled the service back to strapi-production:7/,
    ],
    [
      'ours still listed but no longer PRIMARY (another deploy took over): superseded',
      'failed',
      variant('describe-services-rolling', (s) => {
        s.deployments = [
          { ...ANOTHER_PRIMARY },
          { ...(s.deployments?.[0] as Deployment), status: 'ACTIVE', rolloutState: 'IN_PROGRESS' },
        ];
      }),
      LATER,
      'superseded',
      /^Deployment ecs-svc\/4474419915736127711 was replaced by ecs-svc\/1 \(to strapi-production:9\) before it finished/,
    ],
    [
      'desired 0: nothing to run is done',
      'succeeded',
      variant('describe-services-no-circuit-breaker-steady', (s) => {
        Object.assign(s.deployments?.[0] as Deployment, {
          desiredCount: 0,
          runningCount: 0,
          pendingCount: 0,
        });
      }),
      LATER,
      undefined,
      /0 of 0 tasks/,
    ],
  ])('%s -> %s', (_name, verdict, service, context, cause, reason) => {
    const decision = decideFromService(service, OURS, context);
    expect(decision.verdict).toBe(verdict);
    expect('cause' in decision ? decision.cause : undefined).toBe(cause);
    if (reason) expect('reason' in decision ? decision.reason : '').toMatch(reason);
  });

  test('the deployment ECS rolled back to is named only when ECS did roll back', () => {
    const vanished = variant('describe-services-circuit-breaker-failed', (s) => {
      s.deployments = s.deployments?.filter((d) => d.id !== OURS);
    });
    const rolledBackTo = {
      deploymentId: 'ecs-svc/2299445566778899001',
      taskDefinitionArn: 'arn:aws:ecs:ap-south-1:123456789012:task-definition/strapi-production:7',
    };
    expect(
      decideFromService(serviceFixture('describe-services-circuit-breaker-failed'), OURS, LATER),
    ).toMatchObject({ ecsRolledBackTo: rolledBackTo });
    expect(
      decideFromService(vanished, OURS, {
        newEvents: eventsOf('describe-services-circuit-breaker-failed'),
        elapsedMs: 60_000,
      }),
    ).toMatchObject({ ecsRolledBackTo: rolledBackTo });
    expect(decideFromService(vanished, OURS, LATER)).not.toHaveProperty('ecsRolledBackTo');
  });
});

describe('shouldScanTasks: stopped tasks are looked up only when there is something to find', () => {
  const deployment = (failedTasks: number | undefined): Deployment => ({
    id: OURS,
    failedTasks,
    runningCount: 0,
  });
  test.each([
    // failedTasks, polls so far, failedTasks at the last scan, max-task-failures, expected
    [0, 5, 0, 2, false],
    [1, 5, 0, 2, false],
    [2, 5, 0, 2, true],
    [2, 6, 2, 2, false], // already scanned at this count
    [3, 6, 2, 2, true], // grew since
    [5, 1, 0, 0, false], // 0 = never fail early
    [undefined, 0, 0, 2, true], // no count from ECS: every third poll
    [undefined, 1, 0, 2, false],
    [undefined, 3, 0, 2, true],
  ])('failedTasks=%s polls=%s lastScan=%s max=%s -> %s', (failedTasks, polls, lastScan, max, expected) => {
    expect(shouldScanTasks(deployment(failedTasks), { polls, failedTasksAtLastScan: lastScan }, max)).toBe(
      expected,
    );
  });

  // ECS counts a failed task only once it is STOPPED: a task leaving one short of the threshold is looked at.
  test.each([
    // failedTasks, a task left since the last look, max-task-failures, expected
    [1, true, 2, true],
    [1, false, 2, false],
    [0, true, 2, false], // two more failures needed: nothing to decide yet
    [0, true, 1, true],
    [3, true, 0, false], // 0 = never fail early
  ])('failedTasks=%s taskLeft=%s max=%s -> %s', (failedTasks, taskLeft, max, expected) => {
    expect(
      shouldScanTasks(deployment(failedTasks), { polls: 1, failedTasksAtLastScan: 0, taskLeft }, max),
    ).toBe(expected);
  });
});

describe('decideFromTasks with ECS count: failures not yet counted decide only when they came after it', () => {
  const crashed = taskFixture('describe-tasks-crash-loop');
  const stoppingAt = (iso: string) => ({ ...crashed, stoppingAt: new Date(iso) }) as unknown as Task;
  const countedAt = Date.parse('2026-01-15T10:02:34Z');
  test.each([
    // stopping times of the failed tasks found, ECS's failedTasks, expected
    [['2026-01-15T10:02:12Z', '2026-01-15T10:04:46Z'], 1, 'failed'], // the second stopped after the count of 1
    [['2026-01-15T10:02:12Z', '2026-01-15T10:02:30Z'], 1, 'pending'], // both before: counted, or before a reset
    [['2026-01-15T10:02:12Z', '2026-01-15T10:04:46Z'], 0, 'pending'], // the count was reset by a healthy task
    [['2026-01-15T10:02:12Z', '2026-01-15T10:04:46Z'], 2, 'failed'],
  ] as const)('%j with failedTasks %s -> %s', (times, failedTasks, verdict) => {
    expect(
      decideFromTasks({ failed: times.map(stoppingAt), healthy: 0 }, 2, {
        failedTasks,
        countedUpTo: countedAt,
      }).verdict,
    ).toBe(verdict);
  });
});

describe('decideFromTasks', () => {
  const crashed = taskFixture('describe-tasks-crash-loop');
  test.each([
    [[crashed, crashed], 0, 2, 'failed'],
    [[crashed], 0, 2, 'pending'],
    [[crashed, crashed, crashed], 1, 2, 'pending'], // one healthy task: the rollout may still make it
    [[crashed, crashed], 0, 0, 'pending'],
    [[crashed], 0, 1, 'failed'],
  ] as const)('%#: %p failed, %s healthy, max %s -> %s', (failed, healthy, max, verdict) => {
    expect(decideFromTasks({ failed: failed as unknown as Task[], healthy }, max).verdict).toBe(verdict);
  });
});

describe('which stopped tasks count as failures', () => {
  const base = taskFixture('describe-tasks-crash-loop');
  test.each([
    [
      'EssentialContainerExited',
      { stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited' },
      true,
    ],
    [
      'TaskFailedToStart (pull)',
      {
        stopCode: 'TaskFailedToStart',
        stoppedReason: 'CannotPullContainerError: pull image manifest has been retried 5 time(s)',
      },
      true,
    ],
    [
      'container health check',
      { stopCode: 'ServiceSchedulerInitiated', stoppedReason: 'Task failed container health checks' },
      true,
    ],
    [
      'ELB health check',
      {
        stopCode: 'ServiceSchedulerInitiated',
        stoppedReason: 'Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:...)',
      },
      true,
    ],
    [
      'replaced by a deployment',
      {
        stopCode: 'ServiceSchedulerInitiated',
        stoppedReason: 'Scaling activity initiated by (deployment ecs-svc/1)',
      },
      false,
    ],
    ['stopped by a person', { stopCode: 'UserInitiated', stoppedReason: 'Task stopped by user' }, false],
    [
      'Spot interruption',
      { stopCode: 'SpotInterruption', stoppedReason: 'Your Spot Task was interrupted.' },
      false,
    ],
  ])('%s -> %s', (_name, fields, expected) => {
    expect(isFailedStop({ ...base, ...fields } as Task)).toBe(expected);
  });

  const withHealthCheck =
    taskDefinitionFixture('describe-task-definition-strapi').taskDefinition.containerDefinitions ?? [];
  const withoutHealthCheck =
    taskDefinitionFixture('describe-task-definition-two-essential').taskDefinition.containerDefinitions ?? [];
  test.each([
    ['RUNNING, HEALTHY, with a health check', 'RUNNING', 'HEALTHY', withHealthCheck, true],
    ['RUNNING, UNKNOWN, with a health check (still starting)', 'RUNNING', 'UNKNOWN', withHealthCheck, false],
    ['RUNNING, UNKNOWN, no health check', 'RUNNING', 'UNKNOWN', withoutHealthCheck, true],
    ['PENDING', 'PENDING', 'UNKNOWN', withoutHealthCheck, false],
  ] as const)('healthy: %s -> %s', (_name, lastStatus, healthStatus, containers, expected) => {
    expect(isHealthyTask({ ...base, lastStatus, healthStatus } as Task, containers)).toBe(expected);
  });
});

describe('telltaleLogLine', () => {
  test.each([
    [
      'the error line, not the stack frame after it',
      ['info: starting', "Error: Cannot find module 'pg'", '    at Module._resolveFilename (x:1:2)'],
      "Error: Cannot find module 'pg'",
    ],
    [
      'the last line when none names an error',
      ['info: starting', 'info: listening on 1337', ''],
      'info: listening on 1337',
    ],
    [
      'the latest of several error lines',
      ['error: first', 'warn: x', 'FATAL: password authentication failed'],
      'FATAL: password authentication failed',
    ],
    ['nothing from an empty tail', [], undefined],
  ])('%s', (_name, lines, expected) => {
    expect(telltaleLogLine(lines)).toBe(expected);
  });
});
