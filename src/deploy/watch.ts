import {
  DescribeServicesCommand,
  type ContainerDefinition,
  type Deployment,
  type Service,
  type ServiceDeployment,
  type Task,
} from '@aws-sdk/client-ecs';
import { explainAwsError } from '../core/aws-errors';
import { errorMessage } from '../core/errors';
import { pollUntil, type PollStep } from '../core/poll';
import { shortTaskDefinitionName } from '../ecs/names';
import { ApiMeter } from './api-meter';
import { describeStop, reportStoppedTasks, scanDeploymentTasks, stopTime } from './diagnose';
import { NEW_DEPLOYMENT_GRACE_MS } from './grace';
import { ServiceDeploymentReader, verdictOfRecord } from './service-deployment';
import {
  describeShiftProgress,
  shiftStrategyOf,
  StageTimeline,
  verdictOfShiftRecord,
  type ShiftStrategy,
} from './strategy';
import type { EngineDeps, RolloutOutcome, StoppedTaskReport, WaitOptions } from './types';

/** Without ECS's failedTasks count, stopped tasks are looked up every this many polls (API budget). */
const TASK_SCAN_EVERY_POLLS = 3;
/**
 * Looks in a row in which DescribeServices gives a verdict ECS's own record does not yet confirm, before
 * the verdict stands anyway (the record can lag too; a wait must end).
 */
const RECORD_LAG_LOOKS = 3;
export { NEW_DEPLOYMENT_GRACE_MS };

export type ServiceDecision =
  | {
      verdict: 'succeeded';
      reason: string;
    }
  | {
      verdict: 'failed';
      reason: string;
      cause: 'rollout-failed' | 'deployment-vanished' | 'superseded';
      /** The deployment ECS's circuit breaker rolled back to, when it did. */
      ecsRolledBackTo?: { deploymentId: string; taskDefinitionArn: string };
      /** The deployment that replaced ours (another deploy or a person), which must not be undone. */
      supersededBy?: { deploymentId: string; taskDefinitionArn: string };
    }
  | { verdict: 'pending' };

export interface DecisionContext {
  /** Events that appeared since our UpdateService: the only ones that say anything about this rollout. */
  newEvents: readonly string[];
  /** Milliseconds since our UpdateService. */
  elapsedMs: number;
}

const ROLLBACK_EVENT = /circuit breaker|rolling back|rolled back|deployment failed/i;

function primaryOf(service: Service): Deployment | undefined {
  return service.deployments?.find((d) => d.status === 'PRIMARY');
}

/** The deployment ECS put back, if the circuit breaker rolled ours back (a PRIMARY on another revision). */
function ecsRollbackTarget(service: Service, ours: Deployment | undefined, deploymentId: string) {
  const primary = primaryOf(service);
  if (!primary?.id || primary.id === deploymentId || !primary.taskDefinition) return undefined;
  if (ours?.taskDefinition && primary.taskDefinition === ours.taskDefinition) return undefined;
  return { deploymentId: primary.id, taskDefinitionArn: primary.taskDefinition };
}

/**
 * The verdict the service alone gives about deployment `deploymentId`: done when it is the only
 * deployment and COMPLETED (or, without a circuit breaker, all desired tasks run); failed when ECS
 * marked it FAILED, another deployment replaced it, or it is gone after the grace for a new one.
 * Only events newer than our UpdateService are quoted: a service keeps up to 100 old ones.
 */
export function decideFromService(
  service: Service,
  deploymentId: string,
  context: DecisionContext,
): ServiceDecision {
  const deployments = service.deployments ?? [];
  const ours = deployments.find((d) => d.id === deploymentId);
  const rollbackEvent = [...context.newEvents].reverse().find((m) => ROLLBACK_EVENT.test(m));
  if (!ours) {
    if (context.elapsedMs < NEW_DEPLOYMENT_GRACE_MS && !rollbackEvent) return { verdict: 'pending' };
    const primary = primaryOf(service);
    const rolledBackTo = rollbackEvent ? ecsRollbackTarget(service, ours, deploymentId) : undefined;
    const replacedBy =
      !rollbackEvent && primary?.id && primary.taskDefinition
        ? { supersededBy: { deploymentId: primary.id, taskDefinitionArn: primary.taskDefinition } }
        : {};
    return {
      verdict: 'failed',
      cause: 'deployment-vanished',
      ...replacedBy,
      reason: rollbackEvent
        ? `Deployment ${deploymentId} is gone: ECS rolled the service back to ${shortTaskDefinitionName(primary?.taskDefinition ?? '?')} ("${rollbackEvent.replace(/\.$/, '')}").`
        : `Deployment ${deploymentId} is gone: the service now runs ${shortTaskDefinitionName(primary?.taskDefinition ?? '?')} (deployment ${primary?.id ?? '?'}); another deploy replaced it.`,
      ...(rolledBackTo ? { ecsRolledBackTo: rolledBackTo } : {}),
    };
  }
  if (ours.rolloutState === 'FAILED') {
    const rolledBackTo = ecsRollbackTarget(service, ours, deploymentId);
    return {
      verdict: 'failed',
      cause: 'rollout-failed',
      reason: `ECS marked the rollout FAILED: ${(ours.rolloutStateReason ?? 'no reason given').replace(/\.$/, '')}.`,
      ...(rolledBackTo ? { ecsRolledBackTo: rolledBackTo } : {}),
    };
  }
  if (ours.status !== 'PRIMARY') {
    const primary = primaryOf(service);
    return {
      verdict: 'failed',
      cause: 'superseded',
      ...(primary?.id && primary.taskDefinition
        ? { supersededBy: { deploymentId: primary.id, taskDefinitionArn: primary.taskDefinition } }
        : {}),
      reason: `Deployment ${deploymentId} was replaced by ${primary?.id ?? 'another deployment'} (to ${shortTaskDefinitionName(primary?.taskDefinition ?? '?')}) before it finished: another deploy or a person changed the service.`,
    };
  }
  const alone = deployments.length === 1;
  const circuitBreaker = service.deploymentConfiguration?.deploymentCircuitBreaker?.enable === true;
  const allRunning = (ours.runningCount ?? 0) === (ours.desiredCount ?? 0) && (ours.pendingCount ?? 0) === 0;
  if (alone && ours.rolloutState === 'COMPLETED') {
    return {
      verdict: 'succeeded',
      reason: `Rollout COMPLETED: ${ours.runningCount ?? 0} of ${ours.desiredCount ?? 0} tasks running ${shortTaskDefinitionName(ours.taskDefinition ?? '?')}.`,
    };
  }
  if (alone && !circuitBreaker && allRunning) {
    return {
      verdict: 'succeeded',
      reason: `Steady state: ${ours.runningCount ?? 0} of ${ours.desiredCount ?? 0} tasks running ${shortTaskDefinitionName(ours.taskDefinition ?? '?')}, no other deployment.`,
    };
  }
  return { verdict: 'pending' };
}

export interface TaskScanState {
  polls: number;
  /** ECS's failedTasks count at the last scan (scans happen again only when it grows). */
  failedTasksAtLastScan: number;
  /**
   * A task of the deployment left since the last poll (its running + pending count fell, or ECS started
   * a replacement): set by the watch for this poll only.
   */
  taskLeft?: boolean;
}

/**
 * Whether this poll should look at the deployment's stopped tasks. ECS counts the consecutive
 * failed tasks of a deployment (reset once one runs healthy): scan when it reaches the threshold
 * and grows. ECS counts a failed task only once it is STOPPED, some 20 s after it exited (issue 13's
 * drill; sim/realism.ts), so a task leaving while the count is one short of the threshold is looked
 * at too: it may be the failure that decides. Where the count is not reported, scan every few polls
 * to stay within the API budget.
 */
export function shouldScanTasks(
  deployment: Deployment,
  state: TaskScanState,
  maxTaskFailures: number,
): boolean {
  if (maxTaskFailures <= 0) return false;
  if (deployment.failedTasks !== undefined) {
    if (deployment.failedTasks >= maxTaskFailures && deployment.failedTasks > state.failedTasksAtLastScan)
      return true;
    return state.taskLeft === true && deployment.failedTasks >= maxTaskFailures - 1;
  }
  return state.polls % TASK_SCAN_EVERY_POLLS === 0;
}

/**
 * ECS's count of failed tasks as it is about to be: `failedTasks`, plus the failed tasks that began to
 * stop after the count last changed (`countedUpTo`, the deployment's updatedAt then; ECS's clock like
 * the tasks' times), which it has not counted yet. A stop that happened before the count changed is in
 * it already, or came before a reset.
 */
export function failuresAboutToCount(
  failed: readonly Task[],
  counted: { failedTasks: number; countedUpTo: number },
): number {
  return counted.failedTasks + failed.filter((t) => (stopTime(t) ?? 0) > counted.countedUpTo).length;
}

/**
 * Fail fast: `maxTaskFailures` tasks of the deployment stopped with a failure and none is healthy;
 * with `counted`, also ECS's count about to be (failuresAboutToCount) reaches it, so tasks that failed
 * before a healthy one reset the count are not held against the deployment.
 */
export function decideFromTasks(
  scan: { failed: readonly Task[]; healthy: number },
  maxTaskFailures: number,
  counted?: { failedTasks: number; countedUpTo: number },
): { verdict: 'failed'; cause: 'task-failures'; reason: string } | { verdict: 'pending' } {
  if (maxTaskFailures <= 0 || scan.healthy > 0 || scan.failed.length < maxTaskFailures)
    return { verdict: 'pending' };
  if (counted && failuresAboutToCount(scan.failed, counted) < maxTaskFailures) return { verdict: 'pending' };
  return { verdict: 'failed', cause: 'task-failures', reason: '' };
}

function counts(deployment: Deployment | undefined, service: Service | undefined): RolloutOutcome['counts'] {
  return {
    running: deployment?.runningCount ?? service?.runningCount ?? 0,
    pending: deployment?.pendingCount ?? service?.pendingCount ?? 0,
    desired: deployment?.desiredCount ?? service?.desiredCount ?? 0,
  };
}

function seconds(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/**
 * The log line that best says why the container died: the last one that names an error (a stack
 * trace ends with frames like "at Module._resolveFilename", which tell a person nothing), else the
 * last non-blank line.
 */
export function telltaleLogLine(lines: readonly string[]): string | undefined {
  const nonBlank = lines.filter((l) => l.trim());
  const isFrame = (l: string): boolean => /^\s+at\s/.test(l);
  return (
    nonBlank.findLast((l) => !isFrame(l) && /error|exception|fatal|panic|missing|refused|denied/i.test(l)) ??
    nonBlank.at(-1)
  )?.trim();
}

function taskFailureReason(reports: StoppedTaskReport[], failed: number): string {
  const newest = reports[0];
  const telltale = newest && telltaleLogLine(newest.logTail);
  return (
    `${failed} task${failed === 1 ? '' : 's'} of the deployment stopped and none became healthy; latest: ` +
    (newest ? describeStop(newest) : 'no details') +
    (telltale ? `; log: ${telltale}` : '')
  );
}

export interface WatchTarget {
  cluster: string;
  service: string;
  deploymentId: string;
  taskDefinitionArn: string;
  /** Containers of the task definition: health checks and awslogs configuration for diagnosis. */
  containers: readonly ContainerDefinition[];
  appContainer: string;
  /** Service event ids that existed before this deployment (not streamed, never evidence). */
  seenEventIds?: Iterable<string>;
  /** Clock ms of our UpdateService; default: when the watch starts. */
  updatedAt?: number;
  /** ECS's record of this rollout, when the API reports one: the verdict rests on it. */
  serviceDeploymentArn?: string;
  /** Label of the progress lines ("deploy", "rollback"). */
  label?: string;
  /**
   * For BLUE_GREEN, LINEAR and CANARY services: `rollout` (default) succeeds on SUCCESSFUL; `rollback`
   * watches a StopServiceDeployment(ROLLBACK) of ours and succeeds on ROLLBACK_SUCCESSFUL.
   */
  expect?: 'rollout' | 'rollback';
}

interface Decided {
  verdict: 'succeeded' | 'failed';
  reason: string;
  failed: Task[];
  rolledBackTo?: RolloutOutcome['ecsRolledBackTo'];
  supersededBy?: RolloutOutcome['supersededBy'];
  ecsRollback?: RolloutOutcome['ecsRollback'];
}

/**
 * Follows one deployment until it succeeds, fails, the wait runs out or the run is cancelled. One
 * DescribeServices per poll; tasks and logs only when the failure count says there is something to find.
 */
export async function waitForRollout(
  deps: EngineDeps,
  target: WatchTarget,
  wait: WaitOptions,
): Promise<RolloutOutcome> {
  const { clock, reporter } = deps;
  const meter = new ApiMeter(deps.ecs, deps.logs);
  const label = target.label ?? 'deploy';
  const startedAt = clock.now();
  const updatedAt = target.updatedAt ?? startedAt;
  const deadline = startedAt + wait.waitMinutes * 60_000;
  const seen = new Set(target.seenEventIds ?? []);
  const events: RolloutOutcome['events'] = [];
  const scanState: TaskScanState = { polls: 0, failedTasksAtLastScan: 0 };
  /** ECS's failedTasks as last seen, and the deployment's updatedAt when it took that value. */
  let counted: { failedTasks: number; countedUpTo: number } | undefined;
  let lastLive: number | undefined;
  let lastLookAt: number | undefined;
  let lastService: Service | undefined;
  let lastDeployment: Deployment | undefined;
  let lastFailed: Task[] = [];
  let lastProgress = '';
  const record = new ServiceDeploymentReader(meter, target.serviceDeploymentArn, (m) => reporter.debug(m));
  let unconfirmedLooks = 0;
  // BLUE_GREEN, LINEAR and CANARY: the record is the verdict, and its stages are the progress.
  const timeline = new StageTimeline();
  let strategy: ShiftStrategy | undefined;
  let warnedNoRecord = false;

  /** One look at a shift rollout: ECS's record decides; deployments[] only feeds the counts. */
  const lookAtShift = async (found: ServiceDeployment, now: number): Promise<Decided | undefined> => {
    timeline.observe(found, now);
    const line = describeShiftProgress(found);
    if (line !== lastProgress) reporter.progress(`[${label}] ${seconds(now - startedAt)} ${line}`);
    lastProgress = line;
    const judged = verdictOfShiftRecord(found, target.expect ?? 'rollout');
    if (judged.verdict === 'pending') return undefined;
    if (judged.verdict === 'succeeded') return { verdict: 'succeeded', reason: judged.reason, failed: [] };
    // A rollback for failed tasks is explained by those tasks; one for an alarm by the alarm.
    const scan =
      judged.ecsRollback && !judged.ecsRollback.alarms.length
        ? await scanDeploymentTasks(meter, target, { includeRunning: false }).catch((error: unknown) => {
            reporter.debug(`Could not look up the stopped tasks: ${errorMessage(error)}`);
            return undefined;
          })
        : undefined;
    return {
      verdict: 'failed',
      reason: judged.reason,
      failed: scan?.failed ?? [],
      ...(judged.ecsRollback ? { ecsRollback: judged.ecsRollback } : {}),
    };
  };

  /**
   * ECS's record of the rollout, asked only when DescribeServices points at a verdict (so waiting costs one
   * call a poll): it confirms it, refines it (a rollback, its reason, the breaker's count), or says wait.
   */
  const confirm = async (decided: Decided): Promise<Decided | undefined> => {
    const found = await record.read();
    if (!found) return decided;
    const fromRecord = verdictOfRecord(found);
    if (
      fromRecord.verdict === 'pending' ||
      (fromRecord.verdict === 'succeeded' && decided.verdict === 'failed')
    ) {
      unconfirmedLooks++;
      if (unconfirmedLooks < RECORD_LAG_LOOKS) return undefined;
      reporter.debug(`ECS's record still says ${found.status ?? '?'}; going by DescribeServices.`);
      return decided;
    }
    if (fromRecord.verdict === 'succeeded') return decided;
    return {
      ...decided,
      verdict: 'failed',
      reason:
        decided.verdict === 'failed' && decided.reason
          ? `${fromRecord.reason} ${decided.reason}`
          : fromRecord.reason,
    };
  };

  const look = async (): Promise<Decided | undefined> => {
    const now = clock.now();
    let service: Service | undefined;
    try {
      const out = await meter.sendEcs(
        new DescribeServicesCommand({ cluster: target.cluster, services: [target.service] }),
      );
      service = out.services?.find(
        (s) => s.serviceName === target.service || s.serviceArn === target.service,
      );
    } catch (error) {
      throw explainAwsError(error, 'ecs:DescribeServices');
    }
    if (!service)
      throw new Error(
        `Service ${target.service} disappeared from cluster ${target.cluster} during the rollout.`,
      );
    lastService = service;
    lastLookAt = now;
    let replacementStarted = false;
    for (const event of [...(service.events ?? [])].reverse()) {
      if (!event.id || seen.has(event.id)) continue;
      seen.add(event.id);
      const message = event.message ?? '';
      events.push({ at: event.createdAt?.getTime() ?? now, message });
      reporter.info(`[${label}] event: ${message}`);
      if (/has started \d+ tasks/.test(message)) replacementStarted = true;
    }
    const ours = service.deployments?.find((d) => d.id === target.deploymentId);
    if (ours) {
      lastDeployment = ours;
      if (ours.failedTasks !== undefined && ours.failedTasks !== counted?.failedTasks)
        counted = {
          failedTasks: ours.failedTasks,
          countedUpTo: ours.updatedAt?.getTime() ?? Number.POSITIVE_INFINITY,
        };
      // A task left: fewer running + pending than at the last look, or ECS started one again after a failure.
      const live = (ours.runningCount ?? 0) + (ours.pendingCount ?? 0);
      scanState.taskLeft =
        (lastLive !== undefined && live < lastLive) || (replacementStarted && (ours.failedTasks ?? 0) > 0);
      lastLive = live;
    }
    strategy = shiftStrategyOf(service.deploymentConfiguration);
    if (strategy) {
      const found = await record.read();
      if (found) return lookAtShift(found, now);
      if (!warnedNoRecord) {
        warnedNoRecord = true;
        reporter.warning(
          `[${label}] ${strategy} rollout without ECS's service deployment record (ecs:DescribeServiceDeployments): ` +
            'judging it by deployments[] alone, where blue and green run side by side until the bake time ends.',
        );
      }
    }
    const c = counts(ours, service);
    const state =
      `${target.deploymentId}: running ${c.running}/${c.desired}, pending ${c.pending}` +
      `, rollout ${ours?.rolloutState ?? (now - updatedAt < NEW_DEPLOYMENT_GRACE_MS ? 'not visible yet' : 'gone')}` +
      (ours?.failedTasks ? `, ${ours.failedTasks} failed task${ours.failedTasks === 1 ? '' : 's'}` : '') +
      `, ${service.deployments?.length ?? 0} deployment${service.deployments?.length === 1 ? '' : 's'}`;
    if (state !== lastProgress) reporter.progress(`[${label}] ${seconds(now - startedAt)} ${state}`);
    lastProgress = state;

    const decision = decideFromService(service, target.deploymentId, {
      newEvents: events.map((e) => e.message),
      elapsedMs: now - updatedAt,
    });
    if (decision.verdict === 'succeeded')
      return confirm({ verdict: 'succeeded', reason: decision.reason, failed: [] });
    if (decision.verdict === 'failed') {
      const confirmed = await confirm({ verdict: 'failed', reason: decision.reason, failed: [] });
      if (!confirmed) return undefined;
      // The tasks that failed explain a FAILED rollout or a circuit-breaker rollback: look them up once.
      const scan = await scanDeploymentTasks(meter, target, { includeRunning: false }).catch(
        (error: unknown) => {
          reporter.debug(`Could not look up the stopped tasks: ${errorMessage(error)}`);
          return undefined;
        },
      );
      return {
        verdict: 'failed',
        reason: confirmed.reason,
        failed: scan?.failed ?? lastFailed,
        ...(decision.ecsRolledBackTo ? { rolledBackTo: decision.ecsRolledBackTo } : {}),
        ...(decision.supersededBy ? { supersededBy: decision.supersededBy } : {}),
      };
    }
    if (ours && shouldScanTasks(ours, scanState, wait.maxTaskFailures)) {
      scanState.failedTasksAtLastScan = ours.failedTasks ?? 0;
      // ECS's failedTasks stops counting once a task of the deployment ran healthy, so a count at the
      // threshold already means none did: running tasks need a look only where the count is missing.
      const includeRunning = ours.failedTasks === undefined && (ours.runningCount ?? 0) > 0;
      try {
        const scan = await scanDeploymentTasks(meter, target, { includeRunning });
        lastFailed = scan.failed;
        if (decideFromTasks(scan, wait.maxTaskFailures, counted).verdict === 'failed')
          return { verdict: 'failed', reason: '', failed: scan.failed };
      } catch (error) {
        scanState.failedTasksAtLastScan = 0;
        throw error;
      }
    }
    scanState.polls++;
    return undefined;
  };

  const finish = async (
    verdict: RolloutOutcome['verdict'],
    reason: string,
    failed: Task[],
    extra: Pick<Decided, 'rolledBackTo' | 'supersededBy' | 'ecsRollback'> = {},
  ): Promise<RolloutOutcome> => {
    const { rolledBackTo, supersededBy, ecsRollback } = extra;
    const stages = timeline.list();
    const decidedAt = clock.now();
    const primary = lastService && primaryOf(lastService);
    const primaryAtVerdict =
      primary?.id && primary.taskDefinition && lastLookAt !== undefined
        ? { deploymentId: primary.id, taskDefinitionArn: primary.taskDefinition, at: lastLookAt }
        : undefined;
    const stoppedTasks = failed.length
      ? await reportStoppedTasks(meter, failed, target.containers, target.appContainer)
      : [];
    return {
      verdict,
      reason: verdict === 'failed' && !reason ? taskFailureReason(stoppedTasks, failed.length) : reason,
      cluster: target.cluster,
      service: target.service,
      deploymentId: target.deploymentId,
      taskDefinitionArn: target.taskDefinitionArn,
      startedAt,
      endedAt: clock.now(),
      decidedAt,
      events,
      stoppedTasks,
      counts: counts(lastDeployment, lastService),
      apiCalls: meter.total,
      ecsApiCalls: meter.ecsCalls,
      ...(lastDeployment?.rolloutState ? { rolloutState: lastDeployment.rolloutState } : {}),
      ...(rolledBackTo ? { ecsRolledBackTo: rolledBackTo } : {}),
      ...(supersededBy ? { supersededBy } : {}),
      ...(strategy ? { strategy } : {}),
      ...(stages.length ? { stages } : {}),
      ...(ecsRollback ? { ecsRollback } : {}),
      ...(primaryAtVerdict ? { primaryAtVerdict } : {}),
    };
  };

  const result = await pollUntil<Decided>(
    clock,
    {
      every: wait.pollSeconds * 1000,
      deadline,
      firstLookAfterInterval: true,
      ...(deps.signal ? { signal: deps.signal } : {}),
      onTransientError: (error, consecutive) =>
        reporter.warning(
          `[${label}] A look at the rollout failed (${errorMessage(error)}); ${consecutive} in a row, trying again at the next poll.`,
        ),
    },
    async (): Promise<PollStep<Decided>> => {
      const decided = await look();
      return decided ? { done: true, value: decided } : { done: false };
    },
  );
  if (result.status === 'done') {
    const { verdict, reason, failed, ...extra } = result.value;
    return finish(verdict, reason, failed, extra);
  }
  if (result.status === 'cancelled') {
    return finish(
      'cancelled',
      `The run was cancelled while ${target.deploymentId} was rolling out (rollout ${lastDeployment?.rolloutState ?? 'unknown'}).`,
      lastFailed,
    );
  }
  const c = counts(lastDeployment, lastService);
  const lastEvent = events.at(-1)?.message;
  const failedCount = lastDeployment?.failedTasks ?? lastFailed.length;
  const stage = timeline.current()?.stage;
  const reason =
    `Timed out after ${wait.waitMinutes} min waiting for ${target.deploymentId}: ` +
    (stage ? `${strategy ?? ''} lifecycle stage ${stage}, ` : '') +
    `rollout ${lastDeployment?.rolloutState ?? 'unknown'}, ` +
    `${c.running} running / ${c.pending} pending / ${c.desired} desired, ${lastService?.deployments?.length ?? '?'} deployments` +
    (failedCount ? `, ${failedCount} failed tasks` : '') +
    (lastEvent ? `; last event: ${lastEvent}` : '');
  let failed = lastFailed;
  if (failedCount && !failed.length) {
    failed =
      (
        await scanDeploymentTasks(meter, target, { includeRunning: false }).catch((error: unknown) => {
          reporter.debug(`Could not look up the stopped tasks: ${errorMessage(error)}`);
          return undefined;
        })
      )?.failed ?? [];
  }
  return finish('timed-out', reason, failed);
}
