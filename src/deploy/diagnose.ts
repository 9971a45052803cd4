import {
  DescribeTasksCommand,
  ListTasksCommand,
  type ContainerDefinition,
  type Task,
} from '@aws-sdk/client-ecs';
import { errorMessage } from '../core/errors';
import type { ApiMeter } from './api-meter';
import type { StoppedTaskReport } from './types';

const LOG_TAIL_LINES = 30;
/** Stopped tasks described in a report, and how many of them get a log tail (each tail is one call). */
const MAX_REPORTED_TASKS = 5;
const MAX_LOG_TAILS = 2;

/**
 * Did this task stop because the deployment is broken? Scale-in, replacement by a newer deployment
 * and a person stopping it are not failures.
 */
export function isFailedStop(task: Task): boolean {
  const reason = task.stoppedReason ?? '';
  if (task.stopCode === 'TaskFailedToStart' || task.stopCode === 'EssentialContainerExited') return true;
  if (/health ?check/i.test(reason)) return true;
  if (/CannotPull|ResourceInitializationError|CannotStartContainer|OutOfMemory/i.test(reason)) return true;
  return (task.containers ?? []).some((c) => /CannotPull|OutOfMemory|CannotStart/i.test(c.reason ?? ''));
}

/** Healthy: running and, when a container declares a health check, reported HEALTHY by ECS. */
export function isHealthyTask(task: Task, containers: readonly ContainerDefinition[]): boolean {
  if (task.lastStatus !== 'RUNNING') return false;
  const hasHealthCheck = containers.some((c) => c.healthCheck?.command?.length);
  return hasHealthCheck ? task.healthStatus === 'HEALTHY' : true;
}

/** When ECS stopped the task: the start of STOPPING (a task can still be stopping when it is reported). */
export function stopTime(task: Task): number | undefined {
  return (task.stoppingAt ?? task.stoppedAt)?.getTime();
}

export interface TaskScan {
  /** Stopped tasks of the deployment that failed, newest first. */
  failed: Task[];
  /** Running tasks of the deployment that are healthy. */
  healthy: number;
}

const describedCache = new WeakMap<ApiMeter, Map<string, Task>>();

/**
 * Finds the tasks a deployment started: the stopped ones, and the running ones only when asked.
 * The ECS API reference says a ListTasks `startedBy` filter must be used alone (and without a
 * desiredStatus it lists only RUNNING tasks), so tasks are listed by service and state, and picked by
 * the `startedBy` each task carries (ECS sets it to the deployment id). One ListTasks per state and
 * one DescribeTasks for the tasks not described before (a stopped task does not change).
 */
export async function scanDeploymentTasks(
  meter: ApiMeter,
  target: {
    cluster: string;
    service: string;
    deploymentId: string;
    containers: readonly ContainerDefinition[];
  },
  options: { includeRunning: boolean },
): Promise<TaskScan> {
  const cache = describedCache.get(meter) ?? new Map<string, Task>();
  describedCache.set(meter, cache);
  const list = async (desiredStatus: 'STOPPED' | 'RUNNING'): Promise<string[]> =>
    (
      await meter.sendEcs(
        new ListTasksCommand({ cluster: target.cluster, serviceName: target.service, desiredStatus }),
      )
    ).taskArns ?? [];
  const stoppedArns = await list('STOPPED');
  const runningArns = options.includeRunning ? await list('RUNNING') : [];
  // Running tasks change (health), so they are always described again; stopped ones only once.
  const toDescribe = [...stoppedArns.filter((arn) => !cache.has(arn)), ...runningArns].slice(0, 100);
  const fresh = new Map<string, Task>();
  if (toDescribe.length) {
    const out = await meter.sendEcs(new DescribeTasksCommand({ cluster: target.cluster, tasks: toDescribe }));
    for (const task of out.tasks ?? []) {
      if (!task.taskArn) continue;
      fresh.set(task.taskArn, task);
      if (task.lastStatus === 'STOPPED') cache.set(task.taskArn, task);
    }
  }
  const ours = (task: Task | undefined): task is Task => !!task && task.startedBy === target.deploymentId;
  const stopped = stoppedArns.map((arn) => cache.get(arn) ?? fresh.get(arn)).filter(ours);
  const failed = stopped.filter(isFailedStop).sort((a, b) => (stopTime(b) ?? 0) - (stopTime(a) ?? 0));
  const healthy = runningArns
    .map((arn) => fresh.get(arn))
    .filter((t): t is Task => ours(t) && isHealthyTask(t, target.containers)).length;
  return { failed, healthy };
}

function taskId(taskArn: string): string {
  return taskArn.split('/').pop() ?? taskArn;
}

/** The container whose log explains the stop: an essential one that exited non-zero, else the app container. */
function culprit(task: Task, appContainer: string): string {
  const exited = (task.containers ?? []).find((c) => c.exitCode !== undefined && c.exitCode !== 0);
  return exited?.name ?? appContainer;
}

/** The awslogs stream of a task's container: `prefix/container/task-id` (ECS's naming). */
export function awslogsLocation(
  container: ContainerDefinition | undefined,
  taskArn: string,
): { group: string; stream: string } | string {
  const config = container?.logConfiguration;
  if (!container || config?.logDriver !== 'awslogs')
    return `container ${container?.name ?? '?'} does not log to CloudWatch (awslogs)`;
  const group = config.options?.['awslogs-group'];
  const prefix = config.options?.['awslogs-stream-prefix'];
  if (!group) return 'awslogs-group is not set';
  if (!prefix) return 'awslogs-stream-prefix is not set, so the stream name cannot be derived';
  return { group, stream: `${prefix}/${container.name}/${taskId(taskArn)}` };
}

async function logTail(
  meter: ApiMeter,
  container: ContainerDefinition | undefined,
  taskArn: string,
): Promise<{ lines: string[]; source: string }> {
  const location = awslogsLocation(container, taskArn);
  if (typeof location === 'string') return { lines: [], source: location };
  const source = `${location.group} / ${location.stream}`;
  try {
    // Loaded here, as the client is (lazyLogsClient): only a failed task's explanation reads logs.
    const { GetLogEventsCommand } = await import('@aws-sdk/client-cloudwatch-logs');
    const out = await meter.sendLogs(
      new GetLogEventsCommand({
        logGroupName: location.group,
        logStreamName: location.stream,
        limit: LOG_TAIL_LINES,
        startFromHead: false,
      }),
    );
    const lines = (out.events ?? []).map((e) => (e.message ?? '').replace(/\s+$/, ''));
    return { lines: lines.slice(-LOG_TAIL_LINES), source };
  } catch (error) {
    return { lines: [], source: `${source} (could not read: ${errorMessage(error)})` };
  }
}

/** Reports for the failed tasks, newest first, with the log tail of the newest ones that got to run. */
export async function reportStoppedTasks(
  meter: ApiMeter,
  failed: readonly Task[],
  containers: readonly ContainerDefinition[],
  appContainer: string,
): Promise<StoppedTaskReport[]> {
  const reports: StoppedTaskReport[] = [];
  let tails = 0;
  for (const task of failed.slice(0, MAX_REPORTED_TASKS)) {
    const taskArn = task.taskArn ?? '?';
    const report: StoppedTaskReport = {
      taskArn,
      stopCode: task.stopCode,
      stoppedReason: task.stoppedReason,
      ...(stopTime(task) ? { stoppedAt: stopTime(task) } : {}),
      containers: (task.containers ?? []).map((c) => ({
        name: c.name ?? '?',
        ...(c.exitCode !== undefined ? { exitCode: c.exitCode } : {}),
        ...(c.reason ? { reason: c.reason } : {}),
      })),
      logTail: [],
    };
    // A task that failed to start (image pull, secrets) never wrote a log line: no call for it.
    if (task.stopCode === 'TaskFailedToStart') {
      report.logSource = 'the task never started, so there is no log';
    } else if (tails < MAX_LOG_TAILS) {
      tails++;
      const name = culprit(task, appContainer);
      const tail = await logTail(
        meter,
        containers.find((c) => c.name === name),
        taskArn,
      );
      report.logTail = tail.lines;
      report.logSource = tail.source;
    }
    reports.push(report);
  }
  return reports;
}

/** One line for a stopped task: what a person needs to decide what to fix. */
export function describeStop(report: StoppedTaskReport): string {
  const exits = report.containers
    .map((c) => ({ ...c, reason: c.reason === report.stoppedReason ? undefined : c.reason }))
    .filter((c) => c.exitCode !== undefined || c.reason)
    .map((c) =>
      [c.name, c.exitCode !== undefined ? `exit ${c.exitCode}` : '', c.reason ? `(${c.reason})` : '']
        .filter(Boolean)
        .join(' '),
    );
  return [
    `task ${taskId(report.taskArn)}`,
    report.stopCode,
    report.stoppedReason ? `"${report.stoppedReason}"` : undefined,
    exits.length ? exits.join(', ') : undefined,
  ]
    .filter(Boolean)
    .join(': ');
}
