import {
  DescribeServicesCommand,
  type ContainerDefinition,
  type Deployment,
  type Service,
  type Task,
} from '@aws-sdk/client-ecs';
import { errorMessage } from '../core/errors';
import { ApiMeter } from './api-meter';
import { describeStop, reportStoppedTasks, scanDeploymentTasks } from './diagnose';
import { explainAwsError, isTransient } from './service-lookup';
import type { EngineDeps, RolloutOutcome, StoppedTaskReport, WaitOptions } from './types';

/** Consecutive failed polls (after the SDK's own retries) before the wait gives up. */
const MAX_CONSECUTIVE_POLL_ERRORS = 5;
/** Without ECS's failedTasks count, stopped tasks are looked up every this many polls (API budget). */
const TASK_SCAN_EVERY_POLLS = 3;

export type ServiceDecision =
  | { verdict: 'succeeded'; reason: string }
  | { verdict: 'failed'; reason: string; cause: 'rollout-failed' | 'deployment-vanished' }
  | { verdict: 'pending' };

function revision(taskDefinitionArn: string | undefined): string {
  return taskDefinitionArn?.split('/').pop() ?? '?';
}

/**
 * The verdict the service alone gives about deployment `deploymentId`: done when it is the only
 * deployment and COMPLETED (or, without a circuit breaker, all desired tasks run); failed when ECS
 * marked it FAILED or it is gone (the circuit breaker rolled back, or another deploy replaced it).
 */
export function decideFromService(service: Service, deploymentId: string): ServiceDecision {
  const deployments = service.deployments ?? [];
  const ours = deployments.find((d) => d.id === deploymentId);
  if (!ours) {
    const primary = deployments.find((d) => d.status === 'PRIMARY');
    const rollback = (service.events ?? []).find((e) =>
      /circuit breaker|rolling back|rolled back/i.test(e.message ?? ''),
    );
    const reason = rollback
      ? `Deployment ${deploymentId} is gone: ECS rolled the service back to ${revision(primary?.taskDefinition)} ("${(rollback.message ?? '').replace(/\.$/, '')}").`
      : `Deployment ${deploymentId} is gone: the service now runs ${revision(primary?.taskDefinition)} (deployment ${primary?.id ?? '?'}); ECS rolled back or another deploy replaced it.`;
    return { verdict: 'failed', cause: 'deployment-vanished', reason };
  }
  if (ours.rolloutState === 'FAILED') {
    return {
      verdict: 'failed',
      cause: 'rollout-failed',
      reason: `ECS marked the rollout FAILED: ${(ours.rolloutStateReason ?? 'no reason given').replace(/\.$/, '')}.`,
    };
  }
  const alone = deployments.length === 1;
  const circuitBreaker = service.deploymentConfiguration?.deploymentCircuitBreaker?.enable === true;
  const allRunning = (ours.runningCount ?? 0) === (ours.desiredCount ?? 0) && (ours.pendingCount ?? 0) === 0;
  if (alone && ours.rolloutState === 'COMPLETED') {
    return {
      verdict: 'succeeded',
      reason: `Rollout COMPLETED: ${ours.runningCount ?? 0} of ${ours.desiredCount ?? 0} tasks running ${revision(ours.taskDefinition)}.`,
    };
  }
  if (alone && !circuitBreaker && allRunning) {
    return {
      verdict: 'succeeded',
      reason: `Steady state: ${ours.runningCount ?? 0} of ${ours.desiredCount ?? 0} tasks running ${revision(ours.taskDefinition)}, no other deployment.`,
    };
  }
  return { verdict: 'pending' };
}

export interface TaskScanState {
  polls: number;
  /** ECS's failedTasks count at the last scan (scans happen again only when it grows). */
  failedTasksAtLastScan: number;
}

/**
 * Whether this poll should look at the deployment's stopped tasks. ECS counts the consecutive
 * failed tasks of a deployment (reset once one runs healthy): scan when it reaches the threshold
 * and grows. Where it is not reported, scan every few polls to stay within the API budget.
 */
export function shouldScanTasks(
  deployment: Deployment,
  state: TaskScanState,
  maxTaskFailures: number,
): boolean {
  if (maxTaskFailures <= 0) return false;
  if (deployment.failedTasks !== undefined) {
    return deployment.failedTasks >= maxTaskFailures && deployment.failedTasks > state.failedTasksAtLastScan;
  }
  return state.polls % TASK_SCAN_EVERY_POLLS === 0;
}

/** Fail fast: `maxTaskFailures` tasks of the deployment stopped with a failure and none is healthy. */
export function decideFromTasks(
  scan: { failed: readonly Task[]; healthy: number },
  maxTaskFailures: number,
): { verdict: 'failed'; cause: 'task-failures'; reason: string } | { verdict: 'pending' } {
  if (maxTaskFailures <= 0 || scan.healthy > 0 || scan.failed.length < maxTaskFailures)
    return { verdict: 'pending' };
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
  /** Service event ids that existed before this deployment (not streamed again). */
  seenEventIds?: Iterable<string>;
  /** Label of the progress lines ("deploy", "rollback"). */
  label?: string;
}

/**
 * Follows one deployment until it succeeds, fails or the wait runs out. One DescribeServices per
 * poll; tasks and logs only when the failure count says there is something to find.
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
  const deadline = startedAt + wait.waitMinutes * 60_000;
  const pollMs = wait.pollSeconds * 1000;
  const seen = new Set(target.seenEventIds ?? []);
  const events: RolloutOutcome['events'] = [];
  const scanState: TaskScanState = { polls: 0, failedTasksAtLastScan: 0 };
  let lastService: Service | undefined;
  let lastDeployment: Deployment | undefined;
  let lastFailed: Task[] = [];
  let consecutiveErrors = 0;
  let lastProgress = '';

  const finish = async (
    verdict: RolloutOutcome['verdict'],
    reason: string,
    failed: Task[],
  ): Promise<RolloutOutcome> => {
    const decidedAt = clock.now();
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
      rolloutState: lastDeployment?.rolloutState,
    };
  };

  // Nothing can be decided the instant a deployment starts: the first look is one interval in.
  await clock.sleep(Math.min(pollMs, deadline - startedAt));
  for (;;) {
    const now = clock.now();
    let service: Service | undefined;
    try {
      const out = await meter.sendEcs(
        new DescribeServicesCommand({ cluster: target.cluster, services: [target.service] }),
      );
      service = out.services?.find(
        (s) => s.serviceName === target.service || s.serviceArn === target.service,
      );
      consecutiveErrors = 0;
      if (!service)
        throw new Error(
          `Service ${target.service} disappeared from cluster ${target.cluster} during the rollout.`,
        );
    } catch (error) {
      if (!isTransient(error)) throw explainAwsError(error, 'ecs:DescribeServices');
      consecutiveErrors++;
      reporter.warning(
        `[${label}] DescribeServices failed (${errorMessage(error)}); retrying at the next poll.`,
      );
      if (consecutiveErrors >= MAX_CONSECUTIVE_POLL_ERRORS) {
        throw new Error(
          `Gave up watching ${target.service}: ${consecutiveErrors} polls in a row failed (${errorMessage(error)}).`,
        );
      }
    }

    if (service) {
      lastService = service;
      for (const event of [...(service.events ?? [])].reverse()) {
        if (!event.id || seen.has(event.id)) continue;
        seen.add(event.id);
        const message = event.message ?? '';
        events.push({ at: event.createdAt?.getTime() ?? now, message });
        reporter.info(`[${label}] event: ${message}`);
      }
      const ours = service.deployments?.find((d) => d.id === target.deploymentId);
      if (ours) lastDeployment = ours;
      const c = counts(ours, service);
      const progress =
        `[${label}] ${seconds(now - startedAt)} ${target.deploymentId}: running ${c.running}/${c.desired}, pending ${c.pending}` +
        `, rollout ${ours?.rolloutState ?? 'gone'}` +
        (ours?.failedTasks ? `, ${ours.failedTasks} failed task${ours.failedTasks === 1 ? '' : 's'}` : '') +
        `, ${service.deployments?.length ?? 0} deployment${service.deployments?.length === 1 ? '' : 's'}`;
      if (progress.replace(/^\S+ \S+ /, '') !== lastProgress) reporter.progress(progress);
      lastProgress = progress.replace(/^\S+ \S+ /, '');

      const decision = decideFromService(service, target.deploymentId);
      if (decision.verdict === 'succeeded') return finish('succeeded', decision.reason, []);
      if (decision.verdict === 'failed') {
        // The tasks that failed explain a FAILED rollout or a circuit-breaker rollback: look them up once.
        const scan = await scanDeploymentTasks(meter, target, { includeRunning: false }).catch(
          () => undefined,
        );
        return finish('failed', decision.reason, scan?.failed ?? lastFailed);
      }
      if (ours && shouldScanTasks(ours, scanState, wait.maxTaskFailures)) {
        scanState.failedTasksAtLastScan = ours.failedTasks ?? 0;
        try {
          // ECS's failedTasks stops counting once a task of the deployment ran healthy, so a count at the
          // threshold already means none did: running tasks need a look only where the count is missing.
          const includeRunning = ours.failedTasks === undefined && (ours.runningCount ?? 0) > 0;
          const scan = await scanDeploymentTasks(meter, target, { includeRunning });
          lastFailed = scan.failed;
          if (decideFromTasks(scan, wait.maxTaskFailures).verdict === 'failed')
            return finish('failed', '', scan.failed);
        } catch (error) {
          if (!isTransient(error)) throw explainAwsError(error, 'ecs:ListTasks/DescribeTasks');
          reporter.warning(
            `[${label}] Could not look at the stopped tasks (${errorMessage(error)}); retrying later.`,
          );
          scanState.failedTasksAtLastScan = 0;
        }
      }
      scanState.polls++;
    }

    if (now >= deadline) {
      const c = counts(lastDeployment, lastService);
      const lastEvent = events.at(-1)?.message;
      const failedCount = lastDeployment?.failedTasks ?? lastFailed.length;
      const reason =
        `Timed out after ${wait.waitMinutes} min waiting for ${target.deploymentId}: rollout ${lastDeployment?.rolloutState ?? 'unknown'}, ` +
        `${c.running} running / ${c.pending} pending / ${c.desired} desired, ${lastService?.deployments?.length ?? '?'} deployments` +
        (failedCount ? `, ${failedCount} failed tasks` : '') +
        (lastEvent ? `; last event: ${lastEvent}` : '');
      let failed = lastFailed;
      if (failedCount && !failed.length) {
        failed =
          (await scanDeploymentTasks(meter, target, { includeRunning: false }).catch(() => undefined))
            ?.failed ?? [];
      }
      return finish('timed-out', reason, failed);
    }
    const nextPoll = startedAt + Math.ceil((clock.now() - startedAt + 1) / pollMs) * pollMs;
    await clock.sleep(Math.max(0, Math.min(nextPoll, deadline) - clock.now()));
  }
}
