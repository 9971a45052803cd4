import { randomUUID } from 'node:crypto';
import {
  DescribeTasksCommand,
  RunTaskCommand,
  StopTaskCommand,
  type ContainerDefinition,
  type RunTaskCommandInput,
  type Service,
  type Task,
} from '@aws-sdk/client-ecs';
import { AwsCallError, explainAwsError } from '../core/aws-errors';
import { errorMessage } from '../core/errors';
import { pollUntil } from '../core/poll';
import { ApiMeter } from './api-meter';
import { describeStop, reportStoppedTasks } from './diagnose';
import type { EngineDeps, StoppedTaskReport } from './types';
import { telltaleLogLine } from './watch';

/** Marks the tasks this tool starts (ListTasks `startedBy` finds them; the API allows letters, digits, - / _). */
export const ONE_OFF_STARTED_BY = 'strapi-deploy/run-before';
/** The tag that names the release a one-off task ran for. */
export const ONE_OFF_RELEASE_TAG = 'strapi-deploy:release';

export interface OneOffTarget {
  cluster: string;
  /** The service as it was read: its launch type or capacity providers and network configuration are copied. */
  service: Service;
  taskDefinitionArn: string;
  /** `family:revision`, for the tag and the words. */
  revision: string;
  containers: readonly ContainerDefinition[];
  appContainer: string;
  command: string[];
  /** The command as the user wrote it. */
  commandText: string;
  timeoutMinutes: number;
  pollSeconds: number;
}

export type OneOffVerdict = 'succeeded' | 'failed' | 'timed-out' | 'cancelled';

export interface OneOffOutcome {
  verdict: OneOffVerdict;
  /** One line a person can act on. */
  reason: string;
  command: string;
  revision: string;
  taskArn?: string;
  /** The app container's exit code, when it got one. */
  exitCode?: number;
  /** Clock ms. */
  startedAt: number;
  endedAt: number;
  /** The stop as the rollout diagnosis reports one (reason, exit codes, log tail), unless it succeeded. */
  task?: StoppedTaskReport;
}

const taskId = (arn: string): string => arn.split('/').pop() ?? arn;

function seconds(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
}

/**
 * The RunTask request for a one-off run of the new revision: where and how the service runs its tasks
 * (launch type or capacity provider strategy, platform version, network configuration: the same subnets
 * and security groups reach the database), the command as an override of the app container, `startedBy`
 * marking it as ours, a tag naming the release, and a client token so an SDK retry cannot start a second
 * task (API reference RunTask, `clientToken`: "An identifier that you provide to ensure the idempotency
 * of the request").
 */
export function runTaskRequest(target: OneOffTarget, clientToken: string): RunTaskCommandInput {
  const { service } = target;
  return {
    cluster: target.cluster,
    taskDefinition: target.taskDefinitionArn,
    count: 1,
    // "If a capacityProviderStrategy is specified, the launchType parameter must be omitted."
    ...(service.capacityProviderStrategy?.length
      ? { capacityProviderStrategy: service.capacityProviderStrategy }
      : service.launchType
        ? { launchType: service.launchType }
        : {}),
    ...(service.platformVersion ? { platformVersion: service.platformVersion } : {}),
    ...(service.networkConfiguration ? { networkConfiguration: service.networkConfiguration } : {}),
    overrides: { containerOverrides: [{ name: target.appContainer, command: target.command }] },
    startedBy: ONE_OFF_STARTED_BY,
    tags: [{ key: ONE_OFF_RELEASE_TAG, value: target.revision }],
    clientToken,
  };
}

/** Stops our task, best effort: a task that cannot be stopped is said, not thrown (the run is ending anyway). */
async function stopOneOff(
  deps: EngineDeps,
  target: OneOffTarget,
  taskArn: string,
  why: string,
): Promise<void> {
  try {
    await deps.ecs.send(new StopTaskCommand({ cluster: target.cluster, task: taskArn, reason: why }));
    deps.reporter.info(`Stopped one-off task ${taskId(taskArn)}: ${why}`);
  } catch (error) {
    deps.reporter.warning(
      `Could not stop one-off task ${taskId(taskArn)} (${errorMessage(error)}); stop it in the ECS console.`,
    );
  }
}

/**
 * Runs `target.command` once on the new revision and waits for the task to stop (pollUntil, one
 * DescribeTasks per look). The app container's exit code decides: 0 succeeded; anything else, or a task
 * that never started, failed with the same diagnosis as a failed rollout (stop code and reason, exit
 * codes, the log tail). A task still running at the timeout or when the run is cancelled is stopped
 * (StopTask), so nothing of ours keeps running against the database. AWS errors are thrown, naming the call.
 */
export async function runOneOffTask(deps: EngineDeps, target: OneOffTarget): Promise<OneOffOutcome> {
  const { clock, reporter } = deps;
  const startedAt = clock.now();
  const base = { command: target.commandText, revision: target.revision, startedAt };
  let started;
  try {
    started = await deps.ecs.send(new RunTaskCommand(runTaskRequest(target, randomUUID())));
  } catch (error) {
    throw explainAwsError(error, 'ecs:RunTask');
  }
  const taskArn = started.tasks?.[0]?.taskArn;
  if (!taskArn) {
    // No task placed (capacity, a bad subnet): ECS says why in `failures`.
    const why = (started.failures ?? [])
      .map((f) => [f.reason, f.detail].filter(Boolean).join(': '))
      .join('; ');
    throw new AwsCallError('ecs:RunTask', new Error(`no task was started: ${why || 'no reason given'}`));
  }
  const id = taskId(taskArn);
  reporter.info(`Started one-off task ${id} on ${target.revision}: ${target.commandText}`);

  const meter = new ApiMeter(deps.ecs, deps.logs);
  const timeoutMs = target.timeoutMinutes * 60_000;
  let last: Task | undefined;
  let lastStatus = '';
  let reportedMinute = 0;
  try {
    const waited = await pollUntil(
      clock,
      {
        every: target.pollSeconds * 1000,
        deadline: startedAt + timeoutMs,
        firstLookAfterInterval: true,
        ...(deps.signal ? { signal: deps.signal } : {}),
        onTransientError: (error, n) =>
          reporter.debug(`DescribeTasks failed (${n} in a row): ${errorMessage(error)}`),
      },
      async () => {
        const out = await meter.sendEcs(
          new DescribeTasksCommand({ cluster: target.cluster, tasks: [taskArn] }),
        );
        // A task just started can be missing for a moment (eventual consistency): look again.
        const task = out.tasks?.find((t) => t.taskArn === taskArn);
        if (!task) return { done: false };
        last = task;
        const status = task.lastStatus ?? '?';
        const elapsed = clock.now() - startedAt;
        if (status !== lastStatus) {
          reporter.info(`One-off task ${id}: ${status} after ${seconds(elapsed)}.`);
          lastStatus = status;
        } else if (Math.floor(elapsed / 60_000) > reportedMinute) {
          reporter.info(`One-off task ${id}: still ${status} after ${seconds(elapsed)}.`);
        }
        reportedMinute = Math.floor(elapsed / 60_000);
        return task.lastStatus === 'STOPPED' ? { done: true, value: task } : { done: false };
      },
    );
    if (waited.status === 'done') return await judge(meter, target, waited.value, base, clock.now());
    const cancelled = waited.status === 'cancelled';
    const why = cancelled
      ? 'strapi-deploy: the run was cancelled'
      : `strapi-deploy: run-before did not finish in ${target.timeoutMinutes} min`;
    await stopOneOff(deps, target, taskArn, why);
    // What it was doing when it was stopped: the same report, from the last look.
    const [report] = last
      ? await reportStoppedTasks(meter, [last], target.containers, target.appContainer)
      : [];
    return {
      ...base,
      verdict: cancelled ? 'cancelled' : 'timed-out',
      reason: cancelled
        ? `The run was cancelled while the run-before task ${id} ran (\`${target.commandText}\`); the task was stopped.`
        : `The run-before task ${id} (\`${target.commandText}\`) did not finish in ${target.timeoutMinutes} min (last seen ${lastStatus || 'nowhere'}); it was stopped.`,
      taskArn,
      endedAt: clock.now(),
      ...(report ? { task: report } : {}),
    };
  } catch (error) {
    // The wait itself broke (AWS kept failing): leave nothing of ours running.
    await stopOneOff(deps, target, taskArn, `strapi-deploy: the deploy stopped (${errorMessage(error)})`);
    throw error;
  }
}

async function judge(
  meter: ApiMeter,
  target: OneOffTarget,
  task: Task,
  base: Pick<OneOffOutcome, 'command' | 'revision' | 'startedAt'>,
  endedAt: number,
): Promise<OneOffOutcome> {
  const taskArn = task.taskArn ?? '?';
  const app = task.containers?.find((c) => c.name === target.appContainer);
  const exitCode = app?.exitCode;
  const took = seconds(endedAt - base.startedAt);
  if (exitCode === 0) {
    return {
      ...base,
      verdict: 'succeeded',
      reason: `The run-before task ${taskId(taskArn)} (\`${target.commandText}\`) exited 0 after ${took}.`,
      taskArn,
      exitCode,
      endedAt,
    };
  }
  const [report] = await reportStoppedTasks(meter, [task], target.containers, target.appContainer);
  const telltale = report && telltaleLogLine(report.logTail);
  return {
    ...base,
    verdict: 'failed',
    reason:
      `The run-before task (\`${target.commandText}\`) failed after ${took}: ` +
      (report ? describeStop(report) : taskId(taskArn)) +
      (exitCode === undefined ? `; ${target.appContainer} never ran to an exit code` : '') +
      (telltale ? `; log: ${telltale}` : ''),
    taskArn,
    ...(exitCode !== undefined ? { exitCode } : {}),
    endedAt,
    ...(report ? { task: report } : {}),
  };
}
