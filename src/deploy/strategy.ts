import type { DeploymentConfiguration, Service, ServiceDeployment } from '@aws-sdk/client-ecs';
import { ConfigurationError } from '../core/errors';
import type { Reporter } from '../core/reporter';

/**
 * ECS's built-in blue/green, linear and canary deployments (deploymentConfiguration.strategy). For these
 * the service-deployment record (DescribeServiceDeployments) is the verdict: its status, lifecycle stage,
 * alarms and rollback. deployments[] counts say little while two revisions run side by side on purpose.
 * API reference: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceDeployment.html
 */
export type ShiftStrategy = 'BLUE_GREEN' | 'LINEAR' | 'CANARY';

const SHIFT_STRATEGIES: readonly string[] = ['BLUE_GREEN', 'LINEAR', 'CANARY'];

export function shiftStrategyOf(config: DeploymentConfiguration | undefined): ShiftStrategy | undefined {
  const strategy = config?.strategy;
  return strategy && SHIFT_STRATEGIES.includes(strategy) ? (strategy as ShiftStrategy) : undefined;
}

/** API reference CanaryConfiguration: canaryBakeTimeInMinutes "The default value is 10". */
const CANARY_BAKE_DEFAULT_MINUTES = 10;
/** API reference LinearConfiguration: stepPercent default 10.0, stepBakeTimeInMinutes default 6. */
const LINEAR_DEFAULTS = { stepPercent: 10, stepBakeTimeInMinutes: 6 };
/** Scale-up, health checks and clean-up come on top of the planned waits; room we ask the wait to leave. */
export const SHIFT_HEADROOM_MINUTES = 5;

/**
 * Minutes a healthy rollout of this configuration waits on purpose: the traffic steps' bake times and the
 * final bake time. Linear: stepBakeTimeInMinutes between steps, "not applied after reaching 100 percent
 * traffic" (API_LinearConfiguration), so (100 / stepPercent, rounded up) - 1 waits, the count CloudFormation
 * uses too (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ecs-service-linearconfiguration.html).
 */
export function plannedWaitMinutes(config: DeploymentConfiguration): { shift: number; bake: number } {
  const bake = config.bakeTimeInMinutes ?? 0;
  if (config.strategy === 'CANARY')
    return {
      shift: config.canaryConfiguration?.canaryBakeTimeInMinutes ?? CANARY_BAKE_DEFAULT_MINUTES,
      bake,
    };
  if (config.strategy === 'LINEAR') {
    const step = config.linearConfiguration?.stepPercent ?? LINEAR_DEFAULTS.stepPercent;
    const hold = config.linearConfiguration?.stepBakeTimeInMinutes ?? LINEAR_DEFAULTS.stepBakeTimeInMinutes;
    return { shift: (Math.ceil(100 / step - 1e-9) - 1) * hold, bake };
  }
  return { shift: 0, bake };
}

/**
 * A wait shorter than the strategy's own waits cannot see the verdict: refused before anything changes,
 * naming `wait-minutes`. Shorter than that plus room for scale-up and clean-up: warned.
 */
export function checkWaitCoversStrategy(
  service: Service,
  waitMinutes: number,
  reporter: Pick<Reporter, 'warning'>,
): void {
  const config = service.deploymentConfiguration;
  const strategy = shiftStrategyOf(config);
  if (!config || !strategy) return;
  const { shift, bake } = plannedWaitMinutes(config);
  const planned = shift + bake;
  const parts = `${strategy} service "${service.serviceName ?? '?'}" waits ${shift} min shifting traffic and ${bake} min of bake time`;
  if (waitMinutes < planned) {
    throw new ConfigurationError(
      ` is ${waitMinutes} min, but the ${parts}: set it to at least ${planned + SHIFT_HEADROOM_MINUTES}.`,
      'wait-minutes',
    );
  }
  if (waitMinutes < planned + SHIFT_HEADROOM_MINUTES) {
    reporter.warning(
      `wait-minutes (${waitMinutes}) leaves under ${SHIFT_HEADROOM_MINUTES} min beyond the ${parts}; scale-up and clean-up may not fit.`,
    );
  }
}

/** What ECS's record says about a shift rollout, or about our StopServiceDeployment(ROLLBACK) of one. */
export type ShiftVerdict =
  | { verdict: 'pending' }
  | { verdict: 'succeeded'; reason: string }
  | {
      verdict: 'failed';
      reason: string;
      /** ECS rolled the deployment back on its own (an alarm, failed tasks): the status and the cause. */
      ecsRollback?: { status: string; cause: string; alarms: string[] };
    };

/** Why ECS rolled back: the alarms that fired, else the rollback's own reason. */
export function rollbackCause(record: ServiceDeployment): { cause: string; alarms: string[] } {
  const alarms = record.alarms?.triggeredAlarmNames ?? [];
  if (alarms.length)
    return {
      alarms,
      cause: `CloudWatch alarm${alarms.length === 1 ? '' : 's'} ${alarms.join(', ')} went into ALARM`,
    };
  const why = (record.rollback?.reason ?? record.statusReason ?? 'no reason given').replace(/\.$/, '');
  return { alarms: [], cause: why };
}

/**
 * The verdict of the record. `expect: 'rollout'` judges our deployment (SUCCESSFUL is success);
 * `expect: 'rollback'` judges a StopServiceDeployment(ROLLBACK) we asked for (ROLLBACK_SUCCESSFUL is).
 */
export function verdictOfShiftRecord(
  record: ServiceDeployment,
  expect: 'rollout' | 'rollback',
): ShiftVerdict {
  const status = record.status ?? '';
  const stage = record.lifecycleStage ?? 'an unknown stage';
  const strategy = record.deploymentConfiguration?.strategy ?? 'shift';
  const why = (record.statusReason ?? '').replace(/\.$/, '');
  if (expect === 'rollback') {
    if (status === 'ROLLBACK_SUCCESSFUL')
      return {
        verdict: 'succeeded',
        reason: `ECS recorded ROLLBACK_SUCCESSFUL: production traffic went back to the previous revision at once (stopped during ${stage}).`,
      };
    if (status === 'SUCCESSFUL')
      return {
        verdict: 'failed',
        reason: `The ${strategy} deployment finished (SUCCESSFUL) before the stop took effect.`,
      };
    if (status === 'ROLLBACK_FAILED' || status === 'STOPPED')
      return { verdict: 'failed', reason: `ECS recorded ${status}${why ? `: ${why}` : ''}.` };
    return { verdict: 'pending' };
  }
  if (status === 'SUCCESSFUL')
    return {
      verdict: 'succeeded',
      reason: `ECS recorded the ${strategy} deployment SUCCESSFUL after ${stage}.`,
    };
  if (status === 'ROLLBACK_SUCCESSFUL' || status === 'ROLLBACK_FAILED') {
    const { cause, alarms } = rollbackCause(record);
    const back =
      status === 'ROLLBACK_SUCCESSFUL'
        ? 'traffic is back on the previous revision'
        : 'the rollback failed too';
    return {
      verdict: 'failed',
      reason: `ECS rolled the ${strategy} deployment back during ${stage}: ${cause}; ${back} (${status}).`,
      ecsRollback: { status, cause, alarms },
    };
  }
  if (status === 'STOPPED')
    return {
      verdict: 'failed',
      reason: `ECS stopped the ${strategy} deployment during ${stage}${why ? `: ${why}` : ''}.`,
    };
  return { verdict: 'pending' };
}

/** One lifecycle stage of a watched rollout: when it was first seen and when the next one was. */
export interface StageTime {
  stage: string;
  /** Clock ms. */
  startedAt: number;
  endedAt: number;
  /** Share of production traffic on the new revision when the stage was last seen. */
  productionPercent?: number;
}

/**
 * The stages as the watcher saw them, poll by poll (a stage shorter than a poll may be missed: the table
 * shows what was observed, never a guess). A rollback (requested, in progress, ended) is one row, ROLLBACK.
 */
export class StageTimeline {
  private readonly seen: StageTime[] = [];

  observe(record: ServiceDeployment, at: number): StageTime | undefined {
    const stage = record.status?.startsWith('ROLLBACK_') ? 'ROLLBACK' : record.lifecycleStage;
    if (!stage) return undefined;
    const weight = record.targetServiceRevision?.requestedProductionTrafficWeight;
    let last = this.seen.at(-1);
    if (last?.stage !== stage) {
      if (last) last.endedAt = at;
      last = { stage, startedAt: at, endedAt: at };
      this.seen.push(last);
    }
    last.endedAt = at;
    if (weight !== undefined) last.productionPercent = weight;
    return last;
  }

  current(): StageTime | undefined {
    return this.seen.at(-1);
  }

  list(): StageTime[] {
    return this.seen.map((s) => ({ ...s }));
  }
}

/** The progress line of a shift rollout: strategy, stage, traffic and status. */
export function describeShiftProgress(record: ServiceDeployment): string {
  const strategy = record.deploymentConfiguration?.strategy ?? 'shift';
  const target = record.targetServiceRevision;
  const weight = target?.requestedProductionTrafficWeight;
  return (
    `${strategy} ${record.lifecycleStage ?? 'stage unknown'}` +
    (weight !== undefined ? `, production traffic ${weight}% on the new revision` : '') +
    `, new revision running ${target?.runningTaskCount ?? 0}/${target?.requestedTaskCount ?? 0}` +
    `, ${record.status ?? 'status unknown'}`
  );
}
