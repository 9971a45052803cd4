import type { Deployment, Service, Task } from '@aws-sdk/client-ecs';
import { decideFromService, decideFromTasks, shouldScanTasks, telltaleLogLine } from '../../../src/deploy';
import { isFailedStop, isHealthyTask } from '../../../src/deploy/diagnose';
import { serviceFixture, taskDefinitionFixture, taskFixture } from './fixtures';

const OURS = 'ecs-svc/4474419915736127711';

/** A saved DescribeServices response with one change, for the rows that differ from a real one. */
function variant(name: string, change: (service: Service) => void): Service {
  const service = serviceFixture(name);
  change(service);
  return service;
}

describe('decideFromService (saved DescribeServices responses)', () => {
  test.each([
    [
      'rolling: two deployments, ours IN_PROGRESS',
      serviceFixture('describe-services-rolling'),
      'pending',
      undefined,
    ],
    [
      'completed: ours alone and COMPLETED',
      serviceFixture('describe-services-completed'),
      'succeeded',
      /^Rollout COMPLETED: 2 of 2 tasks running strapi-production:8\.$/,
    ],
    [
      'no circuit breaker: ours alone, 2/2 running, still IN_PROGRESS',
      serviceFixture('describe-services-no-circuit-breaker-steady'),
      'succeeded',
      /^Steady state: 2 of 2 tasks running strapi-production:8, no other deployment\.$/,
    ],
    [
      'no circuit breaker but a task still pending',
      variant('describe-services-no-circuit-breaker-steady', (s) => {
        (s.deployments?.[0] as Deployment).pendingCount = 1;
        (s.deployments?.[0] as Deployment).runningCount = 1;
      }),
      'pending',
      undefined,
    ],
    [
      'circuit breaker on: 2/2 running is not enough until COMPLETED',
      variant('describe-services-no-circuit-breaker-steady', (s) => {
        s.deploymentConfiguration = { deploymentCircuitBreaker: { enable: true, rollback: true } };
      }),
      'pending',
      undefined,
    ],
    [
      'COMPLETED but the old deployment is still draining',
      variant('describe-services-rolling', (s) => {
        (s.deployments?.[0] as Deployment).rolloutState = 'COMPLETED';
      }),
      'pending',
      undefined,
    ],
    [
      'circuit breaker: ours FAILED, ECS rolling back',
      serviceFixture('describe-services-circuit-breaker-failed'),
      'failed',
      /^ECS marked the rollout FAILED: ECS deployment circuit breaker: tasks failed to start\.$/,
    ],
    [
      'ours vanished after the circuit breaker rolled back',
      variant('describe-services-circuit-breaker-failed', (s) => {
        s.deployments = s.deployments?.filter((d) => d.id !== OURS);
      }),
      'failed',
      /^Deployment ecs-svc\/4474419915736127711 is gone: ECS rolled the service back to strapi-production:7 \("\(service strapi\) rolling back to deployment ecs-svc\/2299445566778899001"\)\.$/,
    ],
    [
      "ours replaced by somebody else's deploy",
      variant('describe-services-rolling', (s) => {
        s.deployments = [
          {
            id: 'ecs-svc/1',
            status: 'PRIMARY',
            taskDefinition: 'arn:aws:ecs:ap-south-1:123456789012:task-definition/strapi-production:9',
          },
        ];
      }),
      'failed',
      /the service now runs strapi-production:9 \(deployment ecs-svc\/1\); ECS rolled back or another deploy replaced it\.$/,
    ],
    [
      'desired 0: nothing to run is done',
      variant('describe-services-no-circuit-breaker-steady', (s) => {
        Object.assign(s.deployments?.[0] as Deployment, {
          desiredCount: 0,
          runningCount: 0,
          pendingCount: 0,
        });
      }),
      'succeeded',
      /0 of 0 tasks/,
    ],
  ])('%s -> %s', (_name, service, verdict, reason) => {
    const decision = decideFromService(service, OURS);
    expect(decision.verdict).toBe(verdict);
    if (reason) expect('reason' in decision ? decision.reason : '').toMatch(reason);
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
