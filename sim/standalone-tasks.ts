import { AwsError, clientException, invalidParameter } from './aws-error';
import { strapiLogLine } from './behaviours';
import { renderTask } from './ecs-handlers';
import type { JsonObject, TaskRecord } from './ecs-state';
import type { RolloutContext } from './rollout';
import type { HandlerTable } from './server';
import { launchTask, stopTask } from './tasks';

/* eslint-disable @typescript-eslint/no-explicit-any -- handler inputs are JSON already checked against the SDK schema */

/**
 * What a one-off task's command does (RunTask with a command override), chosen per command: the
 * argv joined by spaces, matched exactly or by RegExp; the latest matching rule wins. Without a rule
 * the command exits 0 after `runSeconds`. The image's own behaviour still counts first: an image that
 * cannot be pulled never starts, and a `crash` image crashes whatever it is asked to run.
 */
export interface CommandBehaviour {
  /** Exit code of the container (default 0). */
  exitCode?: number;
  /** How long it runs once the container started (default 10 s). */
  runSeconds?: number;
  /** What it writes to its log before it exits (hand-written default: one "done" line). */
  logLines?: string[];
  /** It never exits by itself (a migration waiting on a lock): only StopTask ends it. */
  neverEnds?: boolean;
}

export class CommandBehaviourTable {
  private readonly rules: Array<{ command: string | RegExp; behaviour: CommandBehaviour }> = [];

  set(command: string | RegExp, behaviour: CommandBehaviour): void {
    this.rules.push({ command, behaviour });
  }

  forCommand(argv: readonly string[]): CommandBehaviour | undefined {
    const text = argv.join(' ');
    for (let i = this.rules.length - 1; i >= 0; i--) {
      const rule = this.rules[i];
      if (!rule) continue;
      if (typeof rule.command === 'string' ? rule.command === text : rule.command.test(text))
        return rule.behaviour;
    }
    return undefined;
  }
}

/** API reference RunTask, `startedBy`: "Up to 128 letters (uppercase and lowercase), numbers, hyphens (-), forward slash (/), and underscores (_) are allowed." */
const STARTED_BY = /^[A-Za-z0-9/_-]{1,128}$/;

/**
 * RunTask and StopTask for standalone tasks. A RunTask task lives the same life as a service's task
 * (sim/tasks.ts: PROVISIONING -> PENDING -> RUNNING -> STOPPING -> STOPPED, the developer guide's "Amazon
 * ECS task lifecycle"), without a service: nothing replaces it, its health check stops nothing ("If a task
 * is run manually, and not as part of a service, the task will continue its lifecycle regardless of its
 * health status", API reference HealthCheck), and it
 * ends when its essential container exits, with stopCode EssentialContainerExited and the container's
 * exit code, 0 included (developer guide, "Amazon ECS stopped task error codes").
 */
export function standaloneTaskHandlers(
  ctx: RolloutContext,
  commands: CommandBehaviourTable,
  now: () => number,
): HandlerTable {
  const { state } = ctx;
  /** RunTask's clientToken -> the tasks it started: "ensure the idempotency of the request". */
  const byClientToken = new Map<string, string[]>();

  return {
    RunTask(input: any) {
      const cluster = state.findCluster(input.cluster);
      if (!cluster) throw new AwsError('ClusterNotFoundException', 'Cluster not found.');
      const taskDefinition = state.findTaskDefinition(input.taskDefinition);
      if (!taskDefinition) throw clientException('TaskDefinition not found.');
      if (taskDefinition.status !== 'ACTIVE') throw clientException('TaskDefinition is inactive');
      const count: number = input.count ?? 1;
      // "You can specify up to 10 tasks for each call."
      if (count < 1 || count > 10) throw invalidParameter('count must be between 1 and 10.');
      // "If a capacityProviderStrategy is specified, the launchType parameter must be omitted."
      if (input.launchType && input.capacityProviderStrategy?.length)
        throw invalidParameter(
          'Specifying both a launch type and capacity provider strategy is not supported.',
        );
      // networkConfiguration: "required for task definitions that use the awsvpc network mode".
      if (taskDefinition.body.networkMode === 'awsvpc' && !input.networkConfiguration?.awsvpcConfiguration)
        throw invalidParameter(
          "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
        );
      if (input.startedBy !== undefined && !STARTED_BY.test(input.startedBy))
        throw invalidParameter(
          'startedBy can have up to 128 letters, numbers, hyphens, forward slashes and underscores.',
        );
      const names = new Set(
        ((taskDefinition.body.containerDefinitions as JsonObject[] | undefined) ?? []).map((c) =>
          String(c.name),
        ),
      );
      const containerOverrides: Array<{ name: string; command?: string[] }> =
        input.overrides?.containerOverrides ?? [];
      for (const override of containerOverrides) {
        // Wording hand-written: an override must name a container of the task definition.
        if (!names.has(override.name))
          throw invalidParameter(
            `Override for container named ${override.name} is not a container in the TaskDefinition.`,
          );
      }
      if (input.clientToken !== undefined) {
        const earlier = byClientToken.get(input.clientToken);
        if (earlier) {
          const tasks = cluster.tasks.filter((t) => earlier.includes(t.arn)).map(renderTask);
          return { tasks, failures: [] };
        }
      }
      const at = now();
      const family = String(taskDefinition.body.family);
      const tasks: TaskRecord[] = [];
      for (let i = 0; i < count; i++) {
        const task = launchTask(
          cluster,
          '',
          input.startedBy ?? '',
          taskDefinition,
          ctx.behaviours,
          at,
          ctx.timing,
          {
            // "The default value is the family name of the task definition (for example, family:my-family-name)."
            group: input.group ?? `family:${family}`,
            ...(containerOverrides.length ? { overrides: { containerOverrides } } : {}),
            bootLines: [],
          },
        );
        const driver = task.containers.find((c) => c.name === task.driver);
        const command = containerOverrides.find((o) => o.name === driver?.name)?.command;
        planCommand(task, command, commands);
        if (input.tags?.length)
          state.tags.set(
            task.arn,
            input.tags.map((t: JsonObject) => ({ ...t })),
          );
        tasks.push(task);
      }
      if (input.clientToken !== undefined)
        byClientToken.set(
          input.clientToken,
          tasks.map((t) => t.arn),
        );
      return { tasks: tasks.map(renderTask), failures: [] };
    },

    // API reference StopTask: "the equivalent of docker stop is issued to the containers running in the
    // task"; the given reason "appears in subsequent DescribeTasks API operations on this task".
    StopTask(input: any) {
      const cluster = state.findCluster(input.cluster);
      if (!cluster) throw new AwsError('ClusterNotFoundException', 'Cluster not found.');
      const task = cluster.tasks.find((t) => t.arn === input.task || t.id === input.task);
      // Wording hand-written.
      if (!task) throw invalidParameter('The referenced task was not found.');
      stopTask(task, now(), 'UserInitiated', input.reason ?? 'Task stopped by user');
      // "Any tags associated with the task will be deleted."
      state.tags.delete(task.arn);
      return { task: renderTask(task) };
    },
  };
}

/**
 * Replaces the service-task plan launchTask made with the command's: it starts as any task, then its
 * container exits (as a `crash` with the command's exit code, 0 included) or runs until stopped. An
 * image that cannot be pulled or crashes at start keeps its own fate.
 */
function planCommand(task: TaskRecord, command: string[] | undefined, commands: CommandBehaviourTable): void {
  const image = task.behaviour;
  if (image.kind === 'pull-error') return;
  const rule = command ? commands.forCommand(command) : undefined;
  if (!rule && image.kind === 'crash') return;
  const { runningAt } = task.plan;
  delete task.plan.healthyAt;
  delete task.plan.failAt;
  if (rule?.neverEnds || runningAt === undefined) return;
  const runSeconds = rule?.runSeconds ?? 10;
  const text = (command ?? []).join(' ') || 'the image command';
  task.behaviour = {
    kind: 'crash',
    exitCode: rule?.exitCode ?? 0,
    afterSeconds: runSeconds,
    logLines: rule?.logLines ?? [strapiLogLine(runningAt + runSeconds * 1000, 'info', `${text}: done`)],
  };
  task.plan.failAt = runningAt + runSeconds * 1000;
}
