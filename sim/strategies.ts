import { invalidParameter } from './aws-error';
import type {
  ClusterRecord,
  DeploymentConfigurationRecord,
  DeploymentRecord,
  JsonObject,
  ServiceDeploymentRecord,
  ServiceRecord,
} from './ecs-state';
import {
  addEvent,
  circuitBreakerThreshold,
  isUnfinished,
  liveTasks,
  markCompleted,
  newDeployment,
  setStatus,
  type RolloutContext,
} from './rollout';
import { isHealthy, launchTask, stopTask } from './tasks';

/**
 * ECS's built-in blue/green, linear and canary deployments (deploymentConfiguration.strategy), as the
 * simulator plays them: the new ("green") revision scales up next to the old ("blue") one, traffic moves
 * to green per strategy, both run through the bake time, then blue is cleaned up. A CloudWatch alarm in
 * ALARM, a failed green task once green takes traffic, or StopServiceDeployment(ROLLBACK) send production
 * traffic back to blue at once and stop green.
 *
 * Sources (each behaviour below names its own):
 * - strategies and stages: API reference DeploymentConfiguration.strategy and ServiceDeployment.lifecycleStage,
 *   https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentConfiguration.html,
 *   https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceDeployment.html
 * - the workflow (green next to blue, test traffic, production shift, bake, clean up, rollback to blue):
 *   https://docs.aws.amazon.com/AmazonECS/latest/developerguide/blue-green-deployment-how-it-works.html
 * - canary: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CanaryConfiguration.html
 * - linear: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LinearConfiguration.html
 * - alarms: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-alarm-failure.html
 * Hand-written (no public source found): how long the stages without hooks take (HOOKLESS_STAGE_MS), what
 * deployments[] shows during the shift, the statusReason and rollback.reason texts, the service events that
 * announce traffic shifts, and that one failed
 * green task after traffic reached green rolls the deployment back.
 */

export type Strategy = 'ROLLING' | 'BLUE_GREEN' | 'LINEAR' | 'CANARY';
export const SHIFT_STRATEGIES: readonly Strategy[] = ['BLUE_GREEN', 'LINEAR', 'CANARY'];

export type LifecycleStage =
  | 'RECONCILE_SERVICE'
  | 'PRE_SCALE_UP'
  | 'SCALE_UP'
  | 'POST_SCALE_UP'
  | 'TEST_TRAFFIC_SHIFT'
  | 'POST_TEST_TRAFFIC_SHIFT'
  | 'PRODUCTION_TRAFFIC_SHIFT'
  | 'POST_PRODUCTION_TRAFFIC_SHIFT'
  | 'BAKE_TIME'
  | 'CLEAN_UP';

/** The strategy part of a service's deploymentConfiguration (kept on DeploymentConfigurationRecord). */
export interface StrategyConfigRecord {
  strategy?: Strategy;
  bakeTimeInMinutes?: number;
  linearConfiguration?: { stepPercent: number; stepBakeTimeInMinutes: number };
  canaryConfiguration?: { canaryPercent: number; canaryBakeTimeInMinutes: number };
  alarms?: { alarmNames: string[]; enable: boolean; rollback: boolean };
}

/** Where one service deployment of a shift strategy is (kept on ServiceDeploymentRecord.shift). */
export interface TrafficShiftRecord {
  strategy: Strategy;
  stage: LifecycleStage;
  /** When the current timed stage (or traffic step) ends. */
  stageUntil?: number;
  /** Every stage entered, oldest first. */
  history: Array<{ stage: LifecycleStage; at: number }>;
  /** Share of production traffic on green (the target revision), 0..100. */
  productionPercent: number;
  testPercent: number;
  /** Index into the production traffic steps. */
  step: number;
  triggeredAlarms: string[];
  /** Green tasks already counted as failed. */
  countedFailures: string[];
}

/**
 * Stages without a lifecycle hook pass quickly; ECS does not publish how quickly. Hand-written: 5 s each.
 */
export const HOOKLESS_STAGE_MS = 5_000;

/** API reference CanaryConfiguration: "The default value is 5.0" and "The default value is 10" (minutes). */
export const CANARY_DEFAULTS = { canaryPercent: 5, canaryBakeTimeInMinutes: 10 };
/** API reference LinearConfiguration: stepPercent "The default value is 10.0", stepBakeTimeInMinutes "6". */
export const LINEAR_DEFAULTS = { stepPercent: 10, stepBakeTimeInMinutes: 6 };

/** Which alarms are in ALARM, and alarms a test arms to fire when a deployment reaches a stage. */
export class AlarmBoard {
  readonly states = new Map<string, 'OK' | 'ALARM' | 'INSUFFICIENT_DATA'>();
  readonly armed: Array<{ name: string; stage: LifecycleStage; afterMs: number; firesAt?: number }> = [];

  inAlarm(names: readonly string[]): string[] {
    return names.filter((n) => this.states.get(n) === 'ALARM');
  }

  /** Called when a deployment enters `stage`: alarms armed for it start their countdown. */
  enteredStage(stage: LifecycleStage, at: number): void {
    for (const a of this.armed) if (a.stage === stage && a.firesAt === undefined) a.firesAt = at + a.afterMs;
  }

  tick(at: number): void {
    for (let i = this.armed.length - 1; i >= 0; i--) {
      const a = this.armed[i];
      if (a?.firesAt !== undefined && a.firesAt <= at) {
        this.states.set(a.name, 'ALARM');
        this.armed.splice(i, 1);
      }
    }
  }
}

/* eslint-disable @typescript-eslint/no-explicit-any -- request JSON already checked against the SDK schema */

/**
 * The strategy fields of a CreateService/UpdateService deploymentConfiguration, over `current`. Bounds
 * from the API reference: bake times 0..1440 min, stepPercent 3..100, canaryPercent 0.1..100; a
 * BLUE_GREEN service must give bakeTimeInMinutes ("You must provide this parameter when you use the
 * BLUE_GREEN deployment strategy", API_DeploymentConfiguration).
 */
export function readStrategyConfig(input: any, current: StrategyConfigRecord = {}): StrategyConfigRecord {
  const config: StrategyConfigRecord = { ...current };
  if (!input) return config;
  if (input.strategy !== undefined) config.strategy = input.strategy as Strategy;
  if (input.bakeTimeInMinutes !== undefined) config.bakeTimeInMinutes = input.bakeTimeInMinutes;
  if (input.linearConfiguration)
    config.linearConfiguration = { ...LINEAR_DEFAULTS, ...pickDefined(input.linearConfiguration) };
  if (input.canaryConfiguration)
    config.canaryConfiguration = { ...CANARY_DEFAULTS, ...pickDefined(input.canaryConfiguration) };
  if (input.alarms)
    config.alarms = {
      alarmNames: input.alarms.alarmNames ?? [],
      enable: input.alarms.enable === true,
      rollback: input.alarms.rollback === true,
    };
  const inRange = (v: number | undefined, lo: number, hi: number): boolean =>
    v === undefined || (v >= lo && v <= hi);
  if (config.strategy && !['ROLLING', ...SHIFT_STRATEGIES].includes(config.strategy))
    throw invalidParameter(`Invalid deployment strategy ${String(config.strategy)}.`);
  if (config.strategy === 'BLUE_GREEN' && config.bakeTimeInMinutes === undefined)
    throw invalidParameter('bakeTimeInMinutes must be provided for the BLUE_GREEN deployment strategy.');
  if (
    !inRange(config.bakeTimeInMinutes, 0, 1440) ||
    !inRange(config.linearConfiguration?.stepBakeTimeInMinutes, 0, 1440) ||
    !inRange(config.canaryConfiguration?.canaryBakeTimeInMinutes, 0, 1440)
  )
    throw invalidParameter('Bake times must be between 0 and 1440 minutes.');
  if (!inRange(config.linearConfiguration?.stepPercent, 3, 100))
    throw invalidParameter('linearConfiguration.stepPercent must be between 3.0 and 100.0.');
  if (!inRange(config.canaryConfiguration?.canaryPercent, 0.1, 100))
    throw invalidParameter('canaryConfiguration.canaryPercent must be between 0.1 and 100.0.');
  return config;
}

function pickDefined(source: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined));
}

/** The strategy fields as DescribeServices / DescribeServiceDeployments show them. */
export function renderStrategyConfig(config: DeploymentConfigurationRecord): JsonObject {
  return {
    // Only when set, so services created without a strategy read as they did before it existed.
    ...(config.strategy ? { strategy: config.strategy } : {}),
    ...(config.bakeTimeInMinutes !== undefined ? { bakeTimeInMinutes: config.bakeTimeInMinutes } : {}),
    ...(config.linearConfiguration ? { linearConfiguration: { ...config.linearConfiguration } } : {}),
    ...(config.canaryConfiguration ? { canaryConfiguration: { ...config.canaryConfiguration } } : {}),
    ...(config.alarms ? { alarms: { ...config.alarms, alarmNames: [...config.alarms.alarmNames] } } : {}),
  };
}

export const isShiftStrategy = (config: DeploymentConfigurationRecord): boolean =>
  SHIFT_STRATEGIES.includes(config.strategy ?? 'ROLLING');

/** The fields a shift service deployment adds to DescribeServiceDeployments' answer. */
export function renderShift(sd: ServiceDeploymentRecord, config: DeploymentConfigurationRecord): JsonObject {
  const shift = sd.shift;
  if (!shift) return {};
  const alarms = config.alarms;
  const alarmStatus = !alarms?.enable
    ? 'DISABLED'
    : shift.triggeredAlarms.length
      ? 'TRIGGERED'
      : isUnfinished(sd)
        ? 'MONITORING'
        : 'MONITORING_COMPLETE';
  return {
    lifecycleStage: shift.stage,
    alarms: {
      status: alarmStatus,
      ...(alarms ? { alarmNames: [...alarms.alarmNames] } : {}),
      ...(shift.triggeredAlarms.length ? { triggeredAlarmNames: [...shift.triggeredAlarms] } : {}),
    },
  };
}

/** requestedProductionTrafficWeight / requestedTestTrafficWeight of a target (green) or source (blue) revision. */
export function trafficWeights(sd: ServiceDeploymentRecord, side: 'target' | 'source'): JsonObject {
  const shift = sd.shift;
  if (!shift) return {};
  const green = side === 'target';
  return {
    requestedProductionTrafficWeight: green ? shift.productionPercent : 100 - shift.productionPercent,
    requestedTestTrafficWeight: green ? shift.testPercent : 100 - shift.testPercent,
  };
}

/** A new shift deployment starts in RECONCILE_SERVICE when more than one revision is active, else PRE_SCALE_UP. */
export function startShift(
  config: DeploymentConfigurationRecord,
  sources: number,
  at: number,
): TrafficShiftRecord {
  // API reference, ServiceDeployment.lifecycleStage: RECONCILE_SERVICE "only happens when you start a new
  // service deployment with more than 1 service revision in an ACTIVE state".
  const stage: LifecycleStage = sources > 1 ? 'RECONCILE_SERVICE' : 'PRE_SCALE_UP';
  return {
    strategy: config.strategy ?? 'BLUE_GREEN',
    stage,
    stageUntil: at + HOOKLESS_STAGE_MS,
    history: [{ stage, at }],
    productionPercent: 0,
    testPercent: 0,
    step: 0,
    triggeredAlarms: [],
    countedFailures: [],
  };
}

/**
 * Production traffic steps: [percent on green, how long to hold it]. BLUE_GREEN moves all at once;
 * CANARY canaryPercent for canaryBakeTimeInMinutes, then the rest; LINEAR stepPercent more each step,
 * stepBakeTimeInMinutes between steps, "not applied after reaching 100 percent traffic" (API_LinearConfiguration).
 */
export function productionSteps(config: StrategyConfigRecord): Array<{ percent: number; holdMs: number }> {
  if (config.strategy === 'CANARY') {
    const canary = config.canaryConfiguration ?? CANARY_DEFAULTS;
    return [
      { percent: canary.canaryPercent, holdMs: canary.canaryBakeTimeInMinutes * 60_000 },
      { percent: 100, holdMs: 0 },
    ];
  }
  if (config.strategy === 'LINEAR') {
    const linear = config.linearConfiguration ?? LINEAR_DEFAULTS;
    const steps: Array<{ percent: number; holdMs: number }> = [];
    for (let p = linear.stepPercent; p < 100 - 1e-9; p += linear.stepPercent)
      steps.push({ percent: Math.round(p * 10) / 10, holdMs: linear.stepBakeTimeInMinutes * 60_000 });
    steps.push({ percent: 100, holdMs: 0 });
    return steps;
  }
  return [{ percent: 100, holdMs: 0 }];
}

const ORDER: LifecycleStage[] = [
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
  'BAKE_TIME',
  'CLEAN_UP',
];

/** Green takes production traffic from PRODUCTION_TRAFFIC_SHIFT on. */
const takesTraffic = (stage: LifecycleStage): boolean =>
  ORDER.indexOf(stage) >= ORDER.indexOf('PRODUCTION_TRAFFIC_SHIFT');

function enter(
  ctx: RolloutContext,
  shift: TrafficShiftRecord,
  stage: LifecycleStage,
  at: number,
  holdMs?: number,
): void {
  shift.stage = stage;
  shift.history.push({ stage, at });
  if (holdMs === undefined) delete shift.stageUntil;
  else shift.stageUntil = at + holdMs;
  ctx.alarms?.enteredStage(stage, at);
}

const due = (shift: TrafficShiftRecord, at: number): boolean =>
  shift.stageUntil === undefined || at >= shift.stageUntil;

/** The service deployment of a shift strategy the scheduler is driving now, if any. */
function activeShift(service: ServiceRecord): ServiceDeploymentRecord | undefined {
  const sd = service.serviceDeployments.at(-1);
  return sd?.shift && isUnfinished(sd) ? sd : undefined;
}

/** Keeps `deployment` at the service's desired count: relaunches tasks that stopped. */
function keepTasks(
  ctx: RolloutContext,
  cluster: ClusterRecord,
  service: ServiceRecord,
  deployment: DeploymentRecord,
  at: number,
): void {
  const missing = service.desiredCount - liveTasks(cluster, deployment.id).length;
  const taskDefinition = ctx.state.findTaskDefinition(deployment.taskDefinitionArn);
  if (missing <= 0 || !taskDefinition) return;
  const started = Array.from({ length: missing }, () =>
    launchTask(cluster, service.name, deployment.id, taskDefinition, ctx.behaviours, at, ctx.timing),
  );
  addEvent(
    service,
    at,
    `has started ${started.length} tasks: ${started.map((t) => `(task ${t.id})`).join(' ')}.`,
  );
}

function stopAll(cluster: ClusterRecord, deployment: DeploymentRecord, at: number, by: string): void {
  for (const task of liveTasks(cluster, deployment.id))
    stopTask(task, at, 'ServiceSchedulerInitiated', `Scaling activity initiated by (deployment ${by})`);
}

/**
 * One scheduler pass for a service whose latest service deployment uses a shift strategy. Returns false
 * when there is none in progress (the rolling scheduler then keeps the service as it is).
 */
export function stepShiftService(
  ctx: RolloutContext,
  cluster: ClusterRecord,
  service: ServiceRecord,
  at: number,
): boolean {
  const sd = activeShift(service);
  const shift = sd?.shift;
  if (!sd || !shift) return false;
  ctx.alarms?.tick(at);
  if (sd.status === 'ROLLBACK_IN_PROGRESS') {
    stepShiftRollback(ctx, cluster, service, sd, at);
    return true;
  }
  const green = service.deployments.find((d) => d.id === sd.deploymentId);
  if (!green) return true;
  if (sd.stopRequested) {
    sd.stopRequested = false;
    startShiftRollback(cluster, service, sd, at, 'Rollback requested by StopServiceDeployment.');
    return true;
  }
  const config = service.deploymentConfiguration;

  // Failed green tasks: before green takes traffic they are replaced (up to the circuit breaker's
  // threshold); once it takes traffic one failure rolls back (hand-written, see the file comment).
  const failed = cluster.tasks.filter(
    (t) => t.startedBy === green.id && t.failed && !shift.countedFailures.includes(t.id),
  );
  for (const task of failed) shift.countedFailures.push(task.id);
  if (failed.length && takesTraffic(shift.stage)) {
    const task = failed[0];
    startShiftRollback(
      cluster,
      service,
      sd,
      at,
      `Task ${task?.id ?? '?'} of the new service revision failed during ${shift.stage}: ${task?.stoppedReason ?? 'stopped'}.`,
    );
    return true;
  }
  if (
    shift.countedFailures.length >= circuitBreakerThreshold(service.desiredCount, ctx.circuitBreakerThreshold)
  ) {
    startShiftRollback(
      cluster,
      service,
      sd,
      at,
      `${shift.countedFailures.length} tasks of the new service revision failed to start.`,
    );
    return true;
  }

  // Alarms are watched while green takes production traffic and through the bake time
  // ("Monitor application health, performance metrics, and alarm states during the bake time period. A
  // rollback operation is initiated when issues are detected.", blue-green-deployment-how-it-works).
  if (config.alarms?.enable && takesTraffic(shift.stage) && ctx.alarms) {
    const firing = ctx.alarms.inAlarm(config.alarms.alarmNames);
    if (firing.length) {
      shift.triggeredAlarms = firing;
      const reason = `CloudWatch alarm${firing.length === 1 ? '' : 's'} ${firing.join(', ')} in ALARM state.`;
      if (config.alarms.rollback) {
        startShiftRollback(cluster, service, sd, at, reason);
      } else {
        // "Amazon ECS sets the service deployment to failed" (API_DeploymentAlarms) without rollback.
        setStatus(sd, 'STOPPED', at, reason);
        green.rolloutState = 'FAILED';
        green.rolloutStateReason = reason;
        green.updatedAt = at;
      }
      return true;
    }
  }

  if (ORDER.indexOf(shift.stage) >= ORDER.indexOf('SCALE_UP') && shift.stage !== 'CLEAN_UP')
    keepTasks(ctx, cluster, service, green, at);
  const greenLive = liveTasks(cluster, green.id);
  const greenReady = greenLive.length >= service.desiredCount && greenLive.every(isHealthy);

  switch (shift.stage) {
    case 'RECONCILE_SERVICE':
      if (due(shift, at)) enter(ctx, shift, 'PRE_SCALE_UP', at, HOOKLESS_STAGE_MS);
      break;
    case 'PRE_SCALE_UP':
      // "The green service revision has not started" until SCALE_UP, which "scales up to 100%".
      if (due(shift, at)) {
        enter(ctx, shift, 'SCALE_UP', at);
        keepTasks(ctx, cluster, service, green, at);
      }
      break;
    case 'SCALE_UP':
      if (greenReady) enter(ctx, shift, 'POST_SCALE_UP', at, HOOKLESS_STAGE_MS);
      break;
    case 'POST_SCALE_UP':
      if (due(shift, at)) {
        shift.testPercent = 100;
        enter(ctx, shift, 'TEST_TRAFFIC_SHIFT', at, HOOKLESS_STAGE_MS);
      }
      break;
    case 'TEST_TRAFFIC_SHIFT':
      if (due(shift, at)) enter(ctx, shift, 'POST_TEST_TRAFFIC_SHIFT', at, HOOKLESS_STAGE_MS);
      break;
    case 'POST_TEST_TRAFFIC_SHIFT':
      if (due(shift, at)) {
        const first = productionSteps(config)[0] ?? { percent: 100, holdMs: 0 };
        shift.step = 0;
        shift.productionPercent = first.percent;
        enter(ctx, shift, 'PRODUCTION_TRAFFIC_SHIFT', at, first.holdMs);
        addEvent(
          service,
          at,
          `(deployment ${green.id}) production traffic shifted: ${first.percent}% to the new service revision.`,
        );
      }
      break;
    case 'PRODUCTION_TRAFFIC_SHIFT': {
      if (!due(shift, at)) break;
      const steps = productionSteps(config);
      if (shift.step + 1 < steps.length) {
        shift.step += 1;
        const next = steps[shift.step] ?? { percent: 100, holdMs: 0 };
        shift.productionPercent = next.percent;
        shift.stageUntil = at + next.holdMs;
        addEvent(
          service,
          at,
          `(deployment ${green.id}) production traffic shifted: ${next.percent}% to the new service revision.`,
        );
      } else {
        enter(ctx, shift, 'POST_PRODUCTION_TRAFFIC_SHIFT', at, HOOKLESS_STAGE_MS);
      }
      break;
    }
    case 'POST_PRODUCTION_TRAFFIC_SHIFT':
      // BAKE_TIME: "both blue and green service revisions are running simultaneously after the production
      // traffic has shifted" for bakeTimeInMinutes (API_DeploymentConfiguration). Not given for LINEAR or
      // CANARY: the simulator reads it as 0 (hand-written).
      if (due(shift, at)) enter(ctx, shift, 'BAKE_TIME', at, (config.bakeTimeInMinutes ?? 0) * 60_000);
      break;
    case 'BAKE_TIME':
      if (due(shift, at)) {
        enter(ctx, shift, 'CLEAN_UP', at);
        for (const blue of service.deployments.filter((d) => d !== green))
          stopAll(cluster, blue, at, green.id);
      }
      break;
    case 'CLEAN_UP': {
      const blueLeft = service.deployments.some(
        (d) => d !== green && cluster.tasks.some((t) => t.startedBy === d.id && t.lastStatus !== 'STOPPED'),
      );
      if (blueLeft) break;
      for (const d of service.deployments) if (d !== green) d.status = 'INACTIVE';
      service.deployments = [green];
      markCompleted(service, green, at);
      setStatus(sd, 'SUCCESSFUL', at);
      break;
    }
  }
  return true;
}

/**
 * Production and test traffic go back to blue at once and green's tasks stop; blue is PRIMARY again
 * (started again if clean-up had stopped it). "If problems arise with the green deployment, you can quickly
 * revert to the blue deployment" (deployment-type-blue-green); StopServiceDeployment ROLLBACK "rolls back the
 * service deployment to the previous service revision" (API_StopServiceDeployment).
 */
function startShiftRollback(
  cluster: ClusterRecord,
  service: ServiceRecord,
  sd: ServiceDeploymentRecord,
  at: number,
  reason: string,
): void {
  const shift = sd.shift;
  const source =
    sd.sources.find((s) => s.deploymentId === service.lastCompleted?.deploymentId) ??
    sd.sources[0] ??
    service.lastCompleted;
  const green = service.deployments.find((d) => d.id === sd.deploymentId);
  if (!shift || !source) {
    setStatus(sd, 'ROLLBACK_FAILED', at, 'No earlier service revision to roll back to.');
    return;
  }
  shift.productionPercent = 0;
  shift.testPercent = 0;
  if (green) {
    stopAll(cluster, green, at, green.id);
    green.status = 'ACTIVE';
    green.rolloutState = 'FAILED';
    green.rolloutStateReason = reason;
    green.updatedAt = at;
  }
  let blue = service.deployments.find((d) => d.id === source.deploymentId);
  if (blue) {
    for (const d of service.deployments) if (d.status === 'PRIMARY') d.status = 'ACTIVE';
    blue.status = 'PRIMARY';
    blue.rolloutState = 'IN_PROGRESS';
    blue.rolloutStateReason = `ECS deployment rolling back to ${blue.id}.`;
    blue.updatedAt = at;
    service.deployments = [blue, ...service.deployments.filter((d) => d !== blue)];
    service.taskDefinitionArn = blue.taskDefinitionArn;
  } else {
    blue = newDeployment(service, source.taskDefinitionArn, at, {
      id: source.deploymentId,
      serviceRevisionArn: source.serviceRevisionArn,
      reason: `ECS deployment rolling back to ${source.deploymentId}.`,
    });
  }
  blue.rollbackOf = sd.arn;
  addEvent(service, at, `rolling back to deployment ${blue.id}.`);
  setStatus(sd, 'ROLLBACK_IN_PROGRESS', at, reason);
  sd.rollback = {
    reason,
    startedAt: at,
    serviceRevisionArn: source.serviceRevisionArn,
    deploymentId: blue.id,
  };
}

/** Blue back at full count and green's tasks gone: ROLLBACK_SUCCESSFUL. */
function stepShiftRollback(
  ctx: RolloutContext,
  cluster: ClusterRecord,
  service: ServiceRecord,
  sd: ServiceDeploymentRecord,
  at: number,
): void {
  const blue = service.deployments.find((d) => d.id === sd.rollback?.deploymentId);
  if (!blue) return;
  keepTasks(ctx, cluster, service, blue, at);
  const blueLive = liveTasks(cluster, blue.id);
  const greenLeft = cluster.tasks.some((t) => t.startedBy === sd.deploymentId && t.lastStatus !== 'STOPPED');
  if (greenLeft || blueLive.length < service.desiredCount || !blueLive.every(isHealthy)) return;
  for (const d of service.deployments) if (d !== blue) d.status = 'INACTIVE';
  service.deployments = [blue];
  delete blue.rollbackOf;
  markCompleted(service, blue, at);
  setStatus(sd, 'ROLLBACK_SUCCESSFUL', at);
}
