import type { BehaviourTable } from './behaviours';
import {
  newDeploymentId,
  newEventId,
  newServiceDeploymentArn,
  newServiceRevisionArn,
  type ClusterRecord,
  type DeploymentRecord,
  type EcsState,
  type ServiceDeploymentRecord,
  type ServiceDeploymentStatus,
  type ServiceRecord,
  type ServiceRevisionRef,
  type TaskRecord,
} from './ecs-state';
import type { LogStore } from './log-store';
import type { RealismOptions, TimingProfile } from './realism';
import { isShiftStrategy, startShift, stepShiftService, type AlarmBoard } from './strategies';
import { stepTarget } from './load-balancer';
import { isHealthy, launchTask, stepTask, stopTask, type TaskOutcome } from './tasks';

/**
 * The ECS service scheduler for rolling updates, one pass per virtual step:
 * task life cycles -> requested stops -> circuit breaker -> stop old tasks within
 * minimumHealthyPercent -> start PRIMARY tasks within maximumPercent (after the launch backoff)
 * -> completion -> drop drained deployments. Event wording follows real ECS service events.
 */
export interface RolloutContext {
  state: EcsState;
  behaviours: BehaviourTable;
  logs: LogStore;
  /** Overrides ECS's failure threshold rule (see `circuitBreakerThreshold`). */
  circuitBreakerThreshold?: number;
  timing: TimingProfile;
  realism: RealismOptions;
  /** CloudWatch alarm states for blue/green, linear and canary deployments (sim/strategies.ts). */
  alarms?: AlarmBoard;
}

/** ECS: half the desired count, at least 3 and at most 200 failed tasks. */
export function circuitBreakerThreshold(desiredCount: number, override?: number): number {
  return override ?? Math.max(3, Math.min(200, Math.ceil(desiredCount * 0.5)));
}

/** DescribeServices shows the latest 100 events; ECS keeps no more. */
export const MAX_SERVICE_EVENTS = 100;

/**
 * Adds a service event in time order (an event seeded in the past lands among the old ones).
 * `text` gets the "(service name) " prefix real events carry unless it already has it.
 */
export function addEvent(service: ServiceRecord, at: number, text: string): void {
  const prefix = `(service ${service.name}) `;
  const message = text.startsWith(prefix) ? text : prefix + text;
  let index = service.events.length;
  while (index > 0 && (service.events[index - 1]?.createdAt ?? 0) > at) index -= 1;
  service.events.splice(index, 0, { id: newEventId(), createdAt: at, message });
  if (service.events.length > MAX_SERVICE_EVENTS)
    service.events.splice(0, service.events.length - MAX_SERVICE_EVENTS);
}

export function newDeployment(
  service: ServiceRecord,
  taskDefinitionArn: string,
  at: number,
  options: { reason?: string; id?: string; serviceRevisionArn?: string } = {},
): DeploymentRecord {
  for (const old of service.deployments) if (old.status === 'PRIMARY') old.status = 'ACTIVE';
  const deployment: DeploymentRecord = {
    id: options.id ?? newDeploymentId(),
    status: 'PRIMARY',
    taskDefinitionArn,
    desiredCount: service.desiredCount,
    failedTasks: 0,
    rolloutState: 'IN_PROGRESS',
    rolloutStateReason: options.reason ?? 'ECS deployment in progress.',
    createdAt: at,
    updatedAt: at,
    serviceRevisionArn: options.serviceRevisionArn ?? newServiceRevisionArn(service.arn),
    exits: 0,
  };
  service.deployments.unshift(deployment);
  service.taskDefinitionArn = taskDefinitionArn;
  return deployment;
}

export const revisionOf = (d: DeploymentRecord): ServiceRevisionRef => ({
  deploymentId: d.id,
  serviceRevisionArn: d.serviceRevisionArn,
  taskDefinitionArn: d.taskDefinitionArn,
});

const UNFINISHED: ServiceDeploymentStatus[] = [
  'PENDING',
  'IN_PROGRESS',
  'STOP_REQUESTED',
  'ROLLBACK_REQUESTED',
  'ROLLBACK_IN_PROGRESS',
];

export const isUnfinished = (sd: ServiceDeploymentRecord): boolean => UNFINISHED.includes(sd.status);

/**
 * A new deployment from CreateService / UpdateService, with ECS's record of it (a service
 * deployment, see ListServiceDeployments). A service deployment still in progress is STOPPED:
 * the newer one replaces it. (The simulator's reading; the API reference does not say.)
 */
export function deployRevision(
  ctx: RolloutContext,
  service: ServiceRecord,
  taskDefinitionArn: string,
  at: number,
): DeploymentRecord {
  const sources = service.deployments
    .filter((d) => d.status === 'PRIMARY' || d.status === 'ACTIVE')
    .map(revisionOf);
  for (const sd of service.serviceDeployments.filter(isUnfinished)) {
    setStatus(sd, 'STOPPED', at, 'Service deployment stopped: a newer service deployment started.');
  }
  const deployment = newDeployment(service, taskDefinitionArn, at);
  const breaker = service.deploymentConfiguration.deploymentCircuitBreaker;
  service.serviceDeployments.push({
    arn: newServiceDeploymentArn(service.arn),
    deploymentId: deployment.id,
    target: revisionOf(deployment),
    sources,
    status: 'IN_PROGRESS',
    createdAt: at,
    startedAt: at,
    updatedAt: at,
    breaker: {
      enabled: breaker.enable,
      failureCount: 0,
      threshold: circuitBreakerThreshold(service.desiredCount, ctx.circuitBreakerThreshold),
      triggered: false,
    },
    // Blue/green, linear and canary deployments walk through lifecycle stages (sim/strategies.ts).
    ...(isShiftStrategy(service.deploymentConfiguration)
      ? { shift: startShift(service.deploymentConfiguration, sources.length, at) }
      : {}),
  });
  return deployment;
}

export function setStatus(
  sd: ServiceDeploymentRecord,
  status: ServiceDeploymentStatus,
  at: number,
  reason?: string,
): void {
  sd.status = status;
  sd.updatedAt = at;
  if (reason !== undefined) sd.statusReason = reason;
  if (status === 'STOPPED') sd.stoppedAt = at;
  if (status === 'SUCCESSFUL' || status === 'ROLLBACK_SUCCESSFUL' || status === 'ROLLBACK_FAILED')
    sd.finishedAt = at;
}

/** The service deployment a deployment in deployments[] currently serves (rollout or its rollback). */
function serviceDeploymentOf(
  service: ServiceRecord,
  deployment: DeploymentRecord,
): ServiceDeploymentRecord | undefined {
  if (deployment.rollbackOf) return service.serviceDeployments.find((sd) => sd.arn === deployment.rollbackOf);
  return [...service.serviceDeployments]
    .reverse()
    .find((sd) => sd.deploymentId === deployment.id && isUnfinished(sd));
}

export const liveTasks = (cluster: ClusterRecord, deploymentId: string): TaskRecord[] =>
  cluster.tasks.filter((t) => t.startedBy === deploymentId && t.desiredStatus === 'RUNNING');

const taskList = (tasks: TaskRecord[]): string => tasks.map((t) => `(task ${t.id})`).join(' ');

/**
 * One scheduler pass over a cluster. `only` limits it to one service: seeding replays a new
 * service's past without touching the services already running next to it.
 */
export function stepCluster(
  ctx: RolloutContext,
  cluster: ClusterRecord,
  at: number,
  only?: ServiceRecord,
): void {
  const { timing } = ctx;
  for (const task of cluster.tasks) {
    if (only && task.serviceName !== only.name) continue;
    const service = cluster.services.get(task.serviceName);
    const deployment = service?.deployments.find((d) => d.id === task.startedBy);
    for (const outcome of [...stepTask(task, ctx.logs, at), ...targetOutcomes(service, task, at)]) {
      // A load-balanced task is healthy when its target is (targetOutcomes), not when its container is.
      if (outcome.kind === 'healthy' && service?.loadBalanced && !outcome.target) continue;
      if (outcome.kind === 'failed') {
        if (service && outcome.healthCheck && !outcome.loadBalancer) {
          addEvent(service, at, `(task ${task.id}) failed container health checks.`);
          addEvent(service, at, `has stopped 1 running tasks: (task ${task.id}).`);
        }
        if (deployment) {
          deployment.exits += 1;
          const backoff = timing.launchBackoffMs;
          const delay = backoff[Math.min(deployment.exits - 1, backoff.length - 1)] ?? 0;
          if (delay > 0) deployment.nextLaunchAt = at + delay;
          if (timing.countFailureAt === 'exit') countFailure(deployment, at);
        }
      } else if (outcome.kind === 'stopped') {
        if (deployment && outcome.failed && timing.countFailureAt === 'stopped') countFailure(deployment, at);
      } else if (deployment && service) {
        // A healthy task ends the run of consecutive failures.
        deployment.exits = 0;
        const breaker = service.deploymentConfiguration.deploymentCircuitBreaker;
        if (ctx.realism.failedTasksReset && breaker.resetOnHealthyTask !== false) {
          // API reference, Deployment.failedTasks: "Once a service deployment has one or more
          // successfully running tasks, the failed task count resets to zero and stops being evaluated."
          deployment.failedTasks = 0;
          deployment.breakerDisarmed = true;
          deployment.updatedAt = at;
        }
      }
    }
  }
  for (const service of cluster.services.values()) {
    if (only && service !== only) continue;
    stepService(ctx, cluster, service, at);
  }
  // Stopped tasks stay describable for an hour, as in ECS.
  const keepAfter = at - 3_600_000;
  cluster.tasks = cluster.tasks.filter((t) => t.stoppedAt === undefined || t.stoppedAt >= keepAfter);
}

/** The target group's side of a task's step (sim/load-balancer.ts), as task outcomes. */
function targetOutcomes(service: ServiceRecord | undefined, task: TaskRecord, at: number): TaskOutcome[] {
  if (!service?.loadBalanced) return [];
  const step = stepTarget(
    service,
    task,
    at,
    (text) => addEvent(service, at, text),
    (failing, reason) => {
      failing.failed = true;
      stopTask(failing, at, 'ServiceSchedulerInitiated', reason);
      addEvent(service, at, `has stopped 1 running tasks: (task ${failing.id}).`);
    },
  );
  if (step.kind === 'failed') return [{ kind: 'failed', task, healthCheck: true, loadBalancer: true }];
  if (step.kind === 'healthy') return [{ kind: 'healthy', task, target: true }];
  return [];
}

function countFailure(deployment: DeploymentRecord, at: number): void {
  deployment.failedTasks += 1;
  deployment.updatedAt = at;
}

function stepService(ctx: RolloutContext, cluster: ClusterRecord, service: ServiceRecord, at: number): void {
  if (stepShiftService(ctx, cluster, service, at)) return;
  let primary = service.deployments.find((d) => d.status === 'PRIMARY');
  if (!primary) return;
  primary = handleStopRequests(ctx, cluster, service, primary, at);
  primary = tripCircuitBreaker(ctx, cluster, service, primary, at);

  const config = service.deploymentConfiguration;
  const desired = service.desiredCount;
  primary.desiredCount = desired;
  const minHealthy = Math.ceil((desired * config.minimumHealthyPercent) / 100);
  const maxTotal = Math.max(1, Math.floor((desired * config.maximumPercent) / 100));

  // Stop old deployments' tasks: unhealthy ones freely, healthy ones while enough stay healthy.
  if (primary.rolloutState !== 'FAILED') {
    let spareHealthy =
      service.deployments.flatMap((d) => liveTasks(cluster, d.id)).filter(isHealthy).length - minHealthy;
    const stopped: TaskRecord[] = [];
    for (const old of service.deployments.filter((d) => d !== primary).reverse()) {
      for (const task of liveTasks(cluster, old.id)) {
        if (isHealthy(task)) {
          if (spareHealthy <= 0) continue;
          spareHealthy -= 1;
        }
        stopTask(
          task,
          at,
          'ServiceSchedulerInitiated',
          `Scaling activity initiated by (deployment ${primary.id})`,
        );
        stopped.push(task);
      }
    }
    const primaryLive = liveTasks(cluster, primary.id);
    // Scaling in: stop the primary's surplus, not-yet-healthy ones first.
    const surplus = primaryLive.length - desired;
    if (surplus > 0) {
      const victims = [...primaryLive]
        .sort((a, b) => Number(isHealthy(a)) - Number(isHealthy(b)))
        .slice(0, surplus);
      for (const task of victims)
        stopTask(
          task,
          at,
          'ServiceSchedulerInitiated',
          `Scaling activity initiated by (deployment ${primary.id})`,
        );
      stopped.push(...victims);
    }
    if (stopped.length)
      addEvent(service, at, `has stopped ${stopped.length} running tasks: ${taskList(stopped)}.`);

    // Start the primary's missing tasks, as far as maximumPercent and the launch backoff allow.
    const allLive = service.deployments.reduce((n, d) => n + liveTasks(cluster, d.id).length, 0);
    const toStart = Math.min(desired - liveTasks(cluster, primary.id).length, maxTotal - allLive);
    const taskDefinition = ctx.state.findTaskDefinition(primary.taskDefinitionArn);
    const backingOff = primary.nextLaunchAt !== undefined && at < primary.nextLaunchAt;
    if (toStart > 0 && taskDefinition && !backingOff) {
      const deploymentId = primary.id;
      const started = Array.from({ length: toStart }, () =>
        launchTask(cluster, service.name, deploymentId, taskDefinition, ctx.behaviours, at, ctx.timing),
      );
      addEvent(service, at, `has started ${started.length} tasks: ${taskList(started)}.`);
    }
  }

  // Old deployments leave the list once all their tasks have stopped; a failed one kept as
  // DRAINING leaves when its time is up.
  service.deployments = service.deployments.filter((d) => {
    if (d === primary) return true;
    d.desiredCount = liveTasks(cluster, d.id).length;
    if (d.keptUntil !== undefined) {
      if (at < d.keptUntil) return true;
      d.status = 'INACTIVE';
      return false;
    }
    const remaining = cluster.tasks.some((t) => t.startedBy === d.id && t.lastStatus !== 'STOPPED');
    if (!remaining) d.status = 'INACTIVE';
    return remaining;
  });

  const serviceDeployment = serviceDeploymentOf(service, primary);
  if (serviceDeployment && serviceDeployment.deploymentId === primary.id) {
    serviceDeployment.breaker.failureCount = primary.failedTasks;
  }

  const primaryLive = liveTasks(cluster, primary.id);
  const othersLeft = service.deployments.some((d) => d !== primary && d.keptUntil === undefined);
  if (
    primary.rolloutState === 'IN_PROGRESS' &&
    !othersLeft &&
    primaryLive.length === desired &&
    primaryLive.every(isHealthy)
  ) {
    markCompleted(service, primary, at);
    if (serviceDeployment) {
      setStatus(
        serviceDeployment,
        serviceDeployment.status === 'ROLLBACK_IN_PROGRESS' ? 'ROLLBACK_SUCCESSFUL' : 'SUCCESSFUL',
        at,
      );
    }
  }
}

/** The deployment reached its desired count healthy and alone: COMPLETED, with ECS's two events. */
export function markCompleted(service: ServiceRecord, deployment: DeploymentRecord, at: number): void {
  deployment.rolloutState = 'COMPLETED';
  deployment.rolloutStateReason = `ECS deployment ${deployment.id} completed.`;
  deployment.updatedAt = at;
  service.lastCompleted = revisionOf(deployment);
  addEvent(service, at, `(deployment ${deployment.id}) deployment completed.`);
  addEvent(service, at, 'has reached a steady state.');
}

/**
 * StopServiceDeployment(ROLLBACK) was accepted: ROLLBACK_REQUESTED -> ROLLBACK_IN_PROGRESS and a
 * rollback to the source revision ("rolls back the service deployment to the previous service
 * revision. You can use this option even if you didn't configure the service deployment for the
 * rollback option": API reference, StopServiceDeployment,
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_StopServiceDeployment.html).
 */
function handleStopRequests(
  ctx: RolloutContext,
  cluster: ClusterRecord,
  service: ServiceRecord,
  primary: DeploymentRecord,
  at: number,
): DeploymentRecord {
  const sd = service.serviceDeployments.find((s) => s.stopRequested);
  if (!sd) return primary;
  sd.stopRequested = false;
  const target =
    sd.sources.find((s) => s.deploymentId === service.lastCompleted?.deploymentId) ??
    sd.sources[0] ??
    service.lastCompleted;
  if (primary.id !== sd.deploymentId || !target) {
    setStatus(sd, 'ROLLBACK_FAILED', at, 'No earlier service revision to roll back to.');
    return primary;
  }
  primary.rolloutState = 'FAILED';
  primary.rolloutStateReason = 'ECS deployment stopped: rollback requested.';
  primary.updatedAt = at;
  return rollBack(
    ctx,
    cluster,
    service,
    primary,
    target,
    sd,
    at,
    'Rollback requested by StopServiceDeployment.',
  );
}

/**
 * Returns the deployment that is PRIMARY after the check: a rollback deployment when the breaker
 * tripped with rollback on.
 */
function tripCircuitBreaker(
  ctx: RolloutContext,
  cluster: ClusterRecord,
  service: ServiceRecord,
  primary: DeploymentRecord,
  at: number,
): DeploymentRecord {
  const breaker = service.deploymentConfiguration.deploymentCircuitBreaker;
  if (!breaker.enable || primary.rolloutState !== 'IN_PROGRESS' || primary.breakerDisarmed) return primary;
  if (primary.failedTasks < circuitBreakerThreshold(service.desiredCount, ctx.circuitBreakerThreshold))
    return primary;
  // Real breakers act some time after the threshold is reached (44 s in the drill issue 13 cites).
  primary.thresholdReachedAt ??= at;
  if (at < primary.thresholdReachedAt + ctx.timing.breakerDelayMs) return primary;

  const reason = 'ECS deployment circuit breaker: tasks failed to start.';
  primary.rolloutState = 'FAILED';
  primary.rolloutStateReason = reason;
  primary.updatedAt = at;
  // The text of real events: "(service x) (deployment ecs-svc/...) deployment failed: tasks failed
  // to start." (public captures in GitHub-hosted notes, services devops-g3-inventory 2026-07 and
  // task-service). An older capture (service authn, 2026-03, a blog post on splitting ECS deploys
  // from CloudFormation) reads "(service authn) deployment failed: tasks failed to start." without
  // the deployment: engines should accept both.
  addEvent(service, at, `(deployment ${primary.id}) deployment failed: tasks failed to start.`);
  const sd = serviceDeploymentOf(service, primary);
  if (sd) {
    sd.breaker.triggered = true;
    sd.breaker.failureCount = primary.failedTasks;
  }
  if (primary.rollbackOf) {
    // A rollback that fails is not rolled back again.
    if (sd) setStatus(sd, 'ROLLBACK_FAILED', at, reason);
    return primary;
  }
  const target = service.lastCompleted;
  if (!breaker.rollback || !target) {
    // "The service deployment stops when ... the rollback option is not in use for the failure
    // detection mechanism ... and the service fails." (API reference, ServiceDeployment.stoppedAt)
    if (sd) setStatus(sd, 'STOPPED', at, reason);
    return primary;
  }
  return rollBack(ctx, cluster, service, primary, target, sd, at, reason);
}

/**
 * Stops the failing deployment's tasks and makes a deployment of `target` PRIMARY. Default: the
 * failed deployment leaves the list at once and the rollback is a new deployment id. With
 * `realism.rollbackLikeEcs` the failed deployment stays DRAINING/FAILED for a while and the
 * rollback reuses the id of the deployment it returns to (as public event captures show:
 * "rolling back to deployment ecs-svc/X." then "(deployment ecs-svc/X) deployment completed.").
 */
function rollBack(
  ctx: RolloutContext,
  cluster: ClusterRecord,
  service: ServiceRecord,
  failing: DeploymentRecord,
  target: ServiceRevisionRef,
  sd: ServiceDeploymentRecord | undefined,
  at: number,
  reason: string,
): DeploymentRecord {
  for (const task of liveTasks(cluster, failing.id)) {
    stopTask(
      task,
      at,
      'ServiceSchedulerInitiated',
      `Scaling activity initiated by (deployment ${failing.id})`,
    );
  }
  const likeEcs = ctx.realism.rollbackLikeEcs === true;
  if (likeEcs) {
    // Issue 13 (public drills): the failed deployment is listed as DRAINING/FAILED about 2 min.
    failing.status = 'DRAINING';
    failing.keptUntil = at + ctx.timing.failedDeploymentKeptMs;
  } else {
    service.deployments = service.deployments.filter((d) => d !== failing);
    failing.status = 'INACTIVE';
  }
  addEvent(service, at, `rolling back to deployment ${target.deploymentId}.`);
  const rollbackReason = `ECS deployment circuit breaker: rolling back to deploymentId ${target.deploymentId}.`;
  const existing = likeEcs ? service.deployments.find((d) => d.id === target.deploymentId) : undefined;
  let rollback: DeploymentRecord;
  if (existing) {
    // The deployment rolled back to still has tasks (minimumHealthyPercent kept them): it is PRIMARY again.
    for (const d of service.deployments) if (d.status === 'PRIMARY') d.status = 'ACTIVE';
    existing.status = 'PRIMARY';
    existing.rolloutState = 'IN_PROGRESS';
    existing.rolloutStateReason = rollbackReason;
    existing.updatedAt = at;
    existing.failedTasks = 0;
    existing.exits = 0;
    delete existing.nextLaunchAt;
    delete existing.thresholdReachedAt;
    delete existing.breakerDisarmed;
    service.deployments = [existing, ...service.deployments.filter((d) => d !== existing)];
    service.taskDefinitionArn = existing.taskDefinitionArn;
    rollback = existing;
  } else {
    rollback = newDeployment(service, target.taskDefinitionArn, at, {
      reason: rollbackReason,
      serviceRevisionArn: target.serviceRevisionArn,
      ...(likeEcs ? { id: target.deploymentId } : {}),
    });
  }
  if (sd) {
    rollback.rollbackOf = sd.arn;
    setStatus(sd, 'ROLLBACK_IN_PROGRESS', at, reason);
    sd.rollback = {
      reason,
      startedAt: at,
      serviceRevisionArn: target.serviceRevisionArn,
      deploymentId: rollback.id,
    };
  }
  return rollback;
}
