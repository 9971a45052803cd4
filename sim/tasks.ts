import {
  defaultCrashLines,
  STRAPI_BOOT_LINES,
  strapiLogLine,
  type BehaviourTable,
  type TaskBehaviour,
} from './behaviours';
import {
  newTaskId,
  type ClusterRecord,
  type ContainerRecord,
  type JsonObject,
  type TaskDefinitionRecord,
  type TaskRecord,
} from './ecs-state';
import { targetAllowsHealthy } from './load-balancer';
import type { LogStore } from './log-store';
import { FAST_TIMING, type TimingProfile } from './realism';

/**
 * A Fargate task's life: PROVISIONING (ENI) -> PENDING (image pull, container start) -> RUNNING
 * (-> HEALTHY once the container health check passes) -> STOPPING -> STOPPED. Phase lengths come
 * from the simulator's timing profile (sim/realism.ts): short by default, or calibrated to
 * public drills with `timing: 'realistic'`.
 */
export const PROVISIONING_MS = FAST_TIMING.provisioningMs;
export const PULL_AND_START_MS = FAST_TIMING.pullAndStartMs;
/** How long a failed image pull takes to give up (the agent retries 5 times). */
export const PULL_RETRY_MS = FAST_TIMING.pullRetryMs;
export const STOPPING_MS = FAST_TIMING.stoppingMs;

/** Something the scheduler reacts to, reported by `stepTask`. */
export type TaskOutcome =
  /** `loadBalancer`: stopped for failing its target group's health checks (sim/load-balancer.ts). */
  | { kind: 'failed'; task: TaskRecord; healthCheck: boolean; loadBalancer?: boolean }
  /** `target`: its target group found it healthy (a load-balanced task counts only then). */
  | { kind: 'healthy'; task: TaskRecord; target?: boolean }
  /** The task reached STOPPED; `failed` when it stopped because it failed. */
  | { kind: 'stopped'; task: TaskRecord; failed: boolean };

const SEVERITY: Record<TaskBehaviour['kind'], number> = {
  healthy: 0,
  'slow-start': 1,
  'elb-unhealthy': 2,
  'health-check-fail': 2,
  crash: 3,
  'pull-error': 4,
};

export function launchTask(
  cluster: ClusterRecord,
  serviceName: string,
  deploymentId: string,
  taskDefinition: TaskDefinitionRecord,
  behaviours: BehaviourTable,
  at: number,
  timing: TimingProfile = FAST_TIMING,
  standalone?: Pick<TaskRecord, 'group' | 'overrides' | 'bootLines'>,
): TaskRecord {
  const id = newTaskId();
  const definitions = (taskDefinition.body.containerDefinitions as JsonObject[] | undefined) ?? [];
  const containers: ContainerRecord[] = definitions.map((def) => {
    const options = ((def.logConfiguration as JsonObject | undefined)?.options ?? {}) as Record<
      string,
      string
    >;
    const awslogs =
      (def.logConfiguration as JsonObject | undefined)?.logDriver === 'awslogs' && options['awslogs-group'];
    const prefix = options['awslogs-stream-prefix'];
    return {
      name: String(def.name),
      image: String(def.image),
      essential: def.essential !== false,
      hasHealthCheck: def.healthCheck !== undefined,
      lastStatus: 'PROVISIONING',
      healthStatus: 'UNKNOWN',
      // Like the awslogs driver: <prefix>/<container>/<task id>, or the bare task id without a prefix.
      ...(awslogs
        ? {
            log: {
              group: options['awslogs-group'] ?? '',
              stream: prefix ? `${prefix}/${String(def.name)}/${id}` : id,
            },
          }
        : {}),
    };
  });
  // The worst behaviour among essential containers decides the task's fate.
  let driver = containers.find((c) => c.essential) ?? containers[0];
  let behaviour: TaskBehaviour = driver ? behaviours.forImage(driver.image) : { kind: 'healthy' };
  for (const container of containers.filter((c) => c.essential)) {
    const candidate = behaviours.forImage(container.image);
    if (SEVERITY[candidate.kind] > SEVERITY[behaviour.kind]) {
      behaviour = candidate;
      driver = container;
    }
  }
  const pendingAt = at + timing.provisioningMs;
  const runningAt = pendingAt + timing.pullAndStartMs;
  const plan: TaskRecord['plan'] = { pendingAt, stoppedAfterMs: timing.stoppingMs };
  switch (behaviour.kind) {
    case 'healthy':
    case 'elb-unhealthy':
      Object.assign(plan, { runningAt, healthyAt: runningAt + (behaviour.startSeconds ?? 15) * 1000 });
      if (behaviour.kind === 'healthy' && behaviour.exitAfterSeconds !== undefined)
        plan.failAt = runningAt + behaviour.exitAfterSeconds * 1000;
      break;
    case 'slow-start':
      Object.assign(plan, { runningAt, healthyAt: runningAt + (behaviour.startSeconds ?? 600) * 1000 });
      break;
    case 'crash':
      Object.assign(plan, {
        runningAt,
        failAt: runningAt + (behaviour.afterSeconds ?? timing.crashAfterSeconds) * 1000,
      });
      break;
    case 'health-check-fail':
      Object.assign(plan, { runningAt, failAt: runningAt + (behaviour.afterSeconds ?? 40) * 1000 });
      break;
    case 'pull-error':
      plan.failAt = pendingAt + timing.pullRetryMs;
      break;
  }
  const task: TaskRecord = {
    id,
    arn: cluster.arn.replace(':cluster/', ':task/') + `/${id}`,
    clusterArn: cluster.arn,
    serviceName,
    startedBy: deploymentId,
    taskDefinitionArn: taskDefinition.arn,
    ...(typeof taskDefinition.body.cpu === 'string' ? { cpu: taskDefinition.body.cpu } : {}),
    ...(typeof taskDefinition.body.memory === 'string' ? { memory: taskDefinition.body.memory } : {}),
    behaviour,
    driver: driver?.name ?? '',
    lastStatus: 'PROVISIONING',
    desiredStatus: 'RUNNING',
    healthStatus: 'UNKNOWN',
    containers,
    createdAt: at,
    plan,
    ...standalone,
  };
  cluster.tasks.push(task);
  return task;
}

/** Whether the scheduler may count this task as serving: running, and healthy if it has a health check. */
export function isHealthy(task: TaskRecord): boolean {
  if (task.desiredStatus !== 'RUNNING' || task.lastStatus !== 'RUNNING') return false;
  if (!targetAllowsHealthy(task)) return false;
  const checked = task.containers.some((c) => c.essential && c.hasHealthCheck);
  return checked ? task.healthStatus === 'HEALTHY' : task.healthyAt !== undefined;
}

/** Asks a task to stop (scheduler or failure); it reaches STOPPED after STOPPING_MS. */
export function stopTask(task: TaskRecord, at: number, stopCode: string, stoppedReason: string): void {
  if (task.desiredStatus === 'STOPPED') return;
  task.desiredStatus = 'STOPPED';
  task.lastStatus = 'STOPPING';
  task.stoppingAt = at;
  task.stopCode = stopCode;
  task.stoppedReason = stoppedReason;
}

function writeLog(task: TaskRecord, logs: LogStore, at: number, lines: string[]): void {
  const driver = task.containers.find((c) => c.name === task.driver);
  if (driver?.log && lines.length) logs.write(driver.log.group, driver.log.stream, at, lines);
}

function setContainers(task: TaskRecord, status: ContainerRecord['lastStatus']): void {
  for (const c of task.containers) c.lastStatus = status;
}

/** Moves one task through every life-cycle step due by `at`. */
export function stepTask(task: TaskRecord, logs: LogStore, at: number): TaskOutcome[] {
  const outcomes: TaskOutcome[] = [];
  const { plan, behaviour } = task;
  if (task.lastStatus === 'STOPPED') return outcomes;
  if (task.lastStatus === 'STOPPING') {
    if (at >= (task.stoppingAt ?? at) + plan.stoppedAfterMs) {
      task.lastStatus = 'STOPPED';
      task.stoppedAt = at;
      task.executionStoppedAt ??= at;
      for (const c of task.containers) {
        c.lastStatus = 'STOPPED';
        // Containers the scheduler stopped exit cleanly on SIGTERM; failed ones keep their code.
        if (c.exitCode === undefined && task.startedAt !== undefined) c.exitCode = 0;
      }
      outcomes.push({ kind: 'stopped', task, failed: task.failed === true });
    }
    return outcomes;
  }
  if (task.lastStatus === 'PROVISIONING' && at >= plan.pendingAt) {
    task.lastStatus = 'PENDING';
    setContainers(task, 'PENDING');
    task.pullStartedAt = at;
  }
  if (task.lastStatus === 'PENDING' && plan.runningAt !== undefined && at >= plan.runningAt) {
    task.lastStatus = 'RUNNING';
    setContainers(task, 'RUNNING');
    task.pullStoppedAt = at - 2_000;
    task.startedAt = at;
    writeLog(task, logs, at, task.bootLines ?? STRAPI_BOOT_LINES);
  }
  if (
    task.lastStatus === 'RUNNING' &&
    plan.healthyAt !== undefined &&
    task.healthyAt === undefined &&
    at >= plan.healthyAt
  ) {
    task.healthyAt = at;
    const lines =
      'logLines' in behaviour && behaviour.logLines
        ? behaviour.logLines
        : [strapiLogLine(at, 'info', 'Strapi started successfully')];
    writeLog(task, logs, at, lines);
    for (const c of task.containers) if (c.hasHealthCheck) c.healthStatus = 'HEALTHY';
    if (task.containers.some((c) => c.essential && c.hasHealthCheck)) task.healthStatus = 'HEALTHY';
    outcomes.push({ kind: 'healthy', task });
  }
  if (plan.failAt !== undefined && at >= plan.failAt && task.desiredStatus === 'RUNNING') {
    outcomes.push(failTask(task, behaviour, logs, at));
  }
  return outcomes;
}

function failTask(task: TaskRecord, behaviour: TaskBehaviour, logs: LogStore, at: number): TaskOutcome {
  const driver = task.containers.find((c) => c.name === task.driver);
  task.failed = true;
  // The container is gone now; the task reaches STOPPED (stoppedAt) only after STOPPING_MS.
  if (task.startedAt !== undefined) task.executionStoppedAt = at;
  switch (behaviour.kind) {
    case 'healthy':
    case 'crash': {
      const crash = behaviour.kind === 'crash' ? behaviour : undefined;
      writeLog(task, logs, at, crash?.logLines ?? defaultCrashLines(at));
      if (driver) {
        driver.exitCode = crash?.exitCode ?? 1;
        driver.lastStatus = 'STOPPED';
      }
      stopTask(task, at, 'EssentialContainerExited', 'Essential container in task exited');
      return { kind: 'failed', task, healthCheck: false };
    }
    case 'pull-error': {
      const image = driver?.image ?? '';
      const reason = `CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref ${image}: not found`;
      if (driver) driver.reason = reason;
      stopTask(task, at, 'TaskFailedToStart', reason);
      return { kind: 'failed', task, healthCheck: false };
    }
    default: {
      // health-check-fail (the only other behaviour with a failAt)
      writeLog(
        task,
        logs,
        at,
        'logLines' in behaviour && behaviour.logLines
          ? behaviour.logLines
          : [strapiLogLine(at, 'http', 'GET /_health (5003 ms) 503')],
      );
      if (driver) {
        driver.healthStatus = 'UNHEALTHY';
        driver.exitCode = 137;
      }
      task.healthStatus = 'UNHEALTHY';
      stopTask(task, at, 'ServiceSchedulerInitiated', 'Task failed container health checks');
      return { kind: 'failed', task, healthCheck: true };
    }
  }
}
