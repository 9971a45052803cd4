import type { DeploymentConfiguration, Service, ServiceDeployment } from '@aws-sdk/client-ecs';
import { ConfigurationError } from '../../../src/core/errors';
import {
  checkWaitCoversStrategy,
  plannedWaitMinutes,
  rollbackCause,
  shiftStrategyOf,
  StageTimeline,
  verdictOfShiftRecord,
} from '../../../src/deploy/strategy';

/**
 * How the watcher reads ECS's service-deployment record of a blue/green, linear or canary rollout.
 * Records are written by hand in the shape of the SDK's ServiceDeployment (API reference fields).
 */

const record = (fields: Partial<ServiceDeployment>): ServiceDeployment => ({
  deploymentConfiguration: { strategy: 'CANARY' },
  lifecycleStage: 'BAKE_TIME',
  ...fields,
});

const ALARMED = { alarms: { status: 'TRIGGERED' as const, triggeredAlarmNames: ['tg-5xx'] } };

test.each([
  ['IN_PROGRESS', {}, 'rollout', { verdict: 'pending' }],
  ['PENDING', {}, 'rollout', { verdict: 'pending' }],
  ['ROLLBACK_REQUESTED', {}, 'rollout', { verdict: 'pending' }],
  ['ROLLBACK_IN_PROGRESS', ALARMED, 'rollout', { verdict: 'pending' }],
  ['STOP_REQUESTED', {}, 'rollout', { verdict: 'pending' }],
  [
    'SUCCESSFUL',
    { lifecycleStage: 'CLEAN_UP' },
    'rollout',
    { verdict: 'succeeded', reason: 'ECS recorded the CANARY deployment SUCCESSFUL after CLEAN_UP.' },
  ],
  [
    'ROLLBACK_SUCCESSFUL',
    ALARMED,
    'rollout',
    {
      verdict: 'failed',
      reason:
        'ECS rolled the CANARY deployment back during BAKE_TIME: CloudWatch alarm tg-5xx went into ALARM; traffic is back on the previous revision (ROLLBACK_SUCCESSFUL).',
      ecsRollback: {
        status: 'ROLLBACK_SUCCESSFUL',
        cause: 'CloudWatch alarm tg-5xx went into ALARM',
        alarms: ['tg-5xx'],
      },
    },
  ],
  [
    'ROLLBACK_FAILED',
    { rollback: { reason: 'Task abc failed.' } },
    'rollout',
    {
      verdict: 'failed',
      reason:
        'ECS rolled the CANARY deployment back during BAKE_TIME: Task abc failed; the rollback failed too (ROLLBACK_FAILED).',
      ecsRollback: { status: 'ROLLBACK_FAILED', cause: 'Task abc failed', alarms: [] },
    },
  ],
  [
    'STOPPED',
    { statusReason: 'CloudWatch alarm tg-5xx in ALARM state.' },
    'rollout',
    {
      verdict: 'failed',
      reason: 'ECS stopped the CANARY deployment during BAKE_TIME: CloudWatch alarm tg-5xx in ALARM state.',
    },
  ],
  ['ROLLBACK_IN_PROGRESS', {}, 'rollback', { verdict: 'pending' }],
  [
    'ROLLBACK_SUCCESSFUL',
    {},
    'rollback',
    {
      verdict: 'succeeded',
      reason:
        'ECS recorded ROLLBACK_SUCCESSFUL: production traffic went back to the previous revision at once (stopped during BAKE_TIME).',
    },
  ],
  [
    'SUCCESSFUL',
    {},
    'rollback',
    { verdict: 'failed', reason: 'The CANARY deployment finished (SUCCESSFUL) before the stop took effect.' },
  ],
  [
    'ROLLBACK_FAILED',
    { statusReason: 'No earlier service revision.' },
    'rollback',
    { verdict: 'failed', reason: 'ECS recorded ROLLBACK_FAILED: No earlier service revision.' },
  ],
] as const)('record %s %j judged for a %s', (status, fields, expect_, verdict) => {
  expect(verdictOfShiftRecord(record({ status, ...fields }), expect_)).toEqual(verdict);
});

test.each([
  [
    { alarms: { triggeredAlarmNames: ['a', 'b'] } },
    { cause: 'CloudWatch alarms a, b went into ALARM', alarms: ['a', 'b'] },
  ],
  [
    { rollback: { reason: 'Task x failed.' }, statusReason: 'other' },
    { cause: 'Task x failed', alarms: [] },
  ],
  [
    { statusReason: 'Rollback requested by StopServiceDeployment.' },
    { cause: 'Rollback requested by StopServiceDeployment', alarms: [] },
  ],
  [{}, { cause: 'no reason given', alarms: [] }],
] as const)('rollback cause of %j', (fields, cause) => {
  expect(rollbackCause(fields as ServiceDeployment)).toEqual(cause);
});

test.each([
  [{ strategy: 'ROLLING' }, undefined],
  [undefined, undefined],
  [{}, undefined],
  [{ strategy: 'BLUE_GREEN' }, 'BLUE_GREEN'],
  [{ strategy: 'LINEAR' }, 'LINEAR'],
  [{ strategy: 'CANARY' }, 'CANARY'],
] as const)('strategy of %j is %s', (config, strategy) => {
  expect(shiftStrategyOf(config as DeploymentConfiguration | undefined)).toBe(strategy);
});

test.each([
  [
    { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 15 },
    { shift: 0, bake: 15 },
  ],
  // Documented defaults: canary 10 min; linear 10 % every 6 min (9 waits).
  [
    { strategy: 'CANARY', bakeTimeInMinutes: 5 },
    { shift: 10, bake: 5 },
  ],
  [
    { strategy: 'CANARY', canaryConfiguration: { canaryBakeTimeInMinutes: 3 } },
    { shift: 3, bake: 0 },
  ],
  [{ strategy: 'LINEAR' }, { shift: 54, bake: 0 }],
  [
    { strategy: 'LINEAR', linearConfiguration: { stepPercent: 30, stepBakeTimeInMinutes: 2 } },
    { shift: 6, bake: 0 },
  ],
  [
    { strategy: 'LINEAR', linearConfiguration: { stepPercent: 11, stepBakeTimeInMinutes: 1 } },
    { shift: 9, bake: 0 },
  ],
  [
    {
      strategy: 'LINEAR',
      linearConfiguration: { stepPercent: 50, stepBakeTimeInMinutes: 1 },
      bakeTimeInMinutes: 5,
    },
    { shift: 1, bake: 5 },
  ],
] as const)('planned waits of %j', (config, planned) => {
  expect(plannedWaitMinutes(config as DeploymentConfiguration)).toEqual(planned);
});

describe('checkWaitCoversStrategy', () => {
  const service = (deploymentConfiguration: DeploymentConfiguration): Service => ({
    serviceName: 'cms',
    deploymentConfiguration,
  });
  const canary = {
    strategy: 'CANARY',
    bakeTimeInMinutes: 10,
    canaryConfiguration: { canaryBakeTimeInMinutes: 5 },
  } as const;

  test.each([
    [canary, 14, 'refused'],
    [canary, 15, 'warned'],
    [canary, 19, 'warned'],
    [canary, 20, 'ok'],
    [{ strategy: 'ROLLING' } as const, 1, 'ok'],
  ] as const)('%j with wait-minutes %i is %s', (config, waitMinutes, outcome) => {
    const warnings: string[] = [];
    const check = (): void =>
      checkWaitCoversStrategy(service(config), waitMinutes, { warning: (m: string) => warnings.push(m) });
    if (outcome === 'refused') {
      expect(check).toThrow(ConfigurationError);
      expect(check).toThrow(
        'Input `wait-minutes` is 14 min, but the CANARY service "cms" waits 5 min shifting traffic and 10 min of bake time: set it to at least 20.',
      );
    } else {
      check();
      expect(warnings.length).toBe(outcome === 'warned' ? 1 : 0);
    }
  });
});

test('the stage timeline keeps first-seen times, durations until the next stage, traffic, and a rollback row', () => {
  const timeline = new StageTimeline();
  const at = (stage: string, status: string, weight: number, ms: number) =>
    timeline.observe(
      record({
        lifecycleStage: stage as ServiceDeployment['lifecycleStage'],
        status: status as ServiceDeployment['status'],
        targetServiceRevision: { requestedProductionTrafficWeight: weight },
      }),
      ms,
    );
  at('SCALE_UP', 'IN_PROGRESS', 0, 0);
  at('SCALE_UP', 'IN_PROGRESS', 0, 10_000);
  at('PRODUCTION_TRAFFIC_SHIFT', 'IN_PROGRESS', 10, 20_000);
  at('PRODUCTION_TRAFFIC_SHIFT', 'IN_PROGRESS', 100, 80_000);
  at('BAKE_TIME', 'IN_PROGRESS', 100, 90_000);
  at('BAKE_TIME', 'ROLLBACK_IN_PROGRESS', 0, 150_000);
  at('BAKE_TIME', 'ROLLBACK_SUCCESSFUL', 0, 170_000);
  expect(timeline.list()).toEqual([
    { stage: 'SCALE_UP', startedAt: 0, endedAt: 20_000, productionPercent: 0 },
    { stage: 'PRODUCTION_TRAFFIC_SHIFT', startedAt: 20_000, endedAt: 90_000, productionPercent: 100 },
    { stage: 'BAKE_TIME', startedAt: 90_000, endedAt: 150_000, productionPercent: 100 },
    { stage: 'ROLLBACK', startedAt: 150_000, endedAt: 170_000, productionPercent: 0 },
  ]);
});
