import { renderDeploySummary, type DeployOutcome, type RolloutOutcome } from '../../../src/deploy';

const T0 = Date.UTC(2026, 0, 15, 10);

function rollout(extra: Partial<RolloutOutcome> = {}): RolloutOutcome {
  return {
    verdict: 'succeeded',
    reason: 'Rollout COMPLETED: 2 of 2 tasks running strapi-production:8.',
    cluster: 'strapi-production',
    service: 'strapi',
    deploymentId: 'ecs-svc/4474419915736127711',
    taskDefinitionArn: 'arn:aws:ecs:ap-south-1:123456789012:task-definition/strapi-production:8',
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

function outcome(extra: Partial<DeployOutcome> = {}): DeployOutcome {
  return {
    status: 'succeeded',
    rollout: rollout(),
    previousTaskDefinitionArn: 'arn:aws:ecs:ap-south-1:123456789012:task-definition/strapi-production:7',
    taskDefinitionArn: 'arn:aws:ecs:ap-south-1:123456789012:task-definition/strapi-production:8',
    image: 'registry.example/strapi:9f8e7d6',
    containerName: 'strapi',
    ...extra,
  };
}

describe('renderDeploySummary', () => {
  test('a successful deploy: the table, the timeline and the console link', () => {
    const md = renderDeploySummary(outcome(), { consoleRegion: 'ap-south-1' });
    expect(md.split('\n').slice(0, 13)).toEqual([
      '## Deploy strapi: ✅ Succeeded',
      '',
      '| | |',
      '| --- | --- |',
      '| Cluster | strapi-production |',
      '| Service | strapi |',
      '| Revision | strapi-production:7 → strapi-production:8 |',
      '| Image | `registry.example/strapi:9f8e7d6` (container `strapi`) |',
      '| Deployment | ecs-svc/4474419915736127711 |',
      '| Duration | 1 min 35 s |',
      '| Verdict | succeeded: Rollout COMPLETED: 2 of 2 tasks running strapi-production:8. |',
      '| Tasks | 2 running, 0 pending, 2 desired |',
      '',
    ]);
    expect(md).toContain('| 90 | (service strapi) has reached a steady state. |');
    expect(md).toContain(
      "[Open the service's deployments in the ECS console](https://ap-south-1.console.aws.amazon.com/ecs/v2/clusters/strapi-production/services/strapi/deployments)",
    );
    expect(md).not.toContain('Stopped tasks');
  });

  test('a rolled-back deploy: both verdicts, the stopped tasks with their log tail fenced safely', () => {
    const md = renderDeploySummary(
      outcome({
        status: 'rolled-back',
        rollout: rollout({
          verdict: 'failed',
          reason: '2 tasks of the deployment stopped | none became healthy',
          stoppedTasks: [
            {
              taskArn: 'arn:aws:ecs:ap-south-1:123456789012:task/strapi-production/1f2e',
              stopCode: 'EssentialContainerExited',
              stoppedReason: 'Essential container in task exited',
              containers: [{ name: 'strapi', exitCode: 1 }],
              logTail: ['error: Missing APP_KEYS', 'a line with ``` backticks'],
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
        }),
        rollback: rollout({
          taskDefinitionArn: 'arn:aws:ecs:ap-south-1:123456789012:task-definition/strapi-production:7',
          reason: 'Rollout COMPLETED.',
        }),
        rollbackBy: 'strapi-deploy',
      }),
    );
    expect(md).toContain('## Deploy strapi: ↩️ Failed, rolled back');
    expect(md).toContain('| Verdict | failed: 2 tasks of the deployment stopped \\| none became healthy |');
    expect(md).toContain(
      '| Rollback | to strapi-production:7 by strapi-deploy: succeeded (Rollout COMPLETED.) |',
    );
    expect(md).toContain(
      '- task 1f2e: EssentialContainerExited: "Essential container in task exited": strapi exit 1',
    );
    expect(md).toContain('  ````\n  error: Missing APP_KEYS\n  a line with ``` backticks\n  ````');
    expect(md).toContain('  No log: the task never started, so there is no log.');
    expect(md).toContain('Service events during the rollback');
    expect(md).not.toContain('console.aws.amazon.com');
  });
});
