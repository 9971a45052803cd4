import type { BehaviourTable } from './behaviours';
import {
  newDeploymentId,
  newEventId,
  type ClusterRecord,
  type DeploymentRecord,
  type EcsState,
  type ServiceRecord,
  type TaskRecord,
} from './ecs-state';
import type { LogStore } from './log-store';
import { isHealthy, launchTask, stepTask, stopTask } from './tasks';

/**
 * The ECS service scheduler for rolling updates, one pass per virtual step:
 * task life cycles -> circuit breaker -> stop old tasks within minimumHealthyPercent ->
 * start PRIMARY tasks within maximumPercent -> completion -> drop drained deployments.
 * Event wording follows real ECS service events.
 */
export interface RolloutContext {
  state: EcsState;
  behaviours: BehaviourTable;
  logs: LogStore;
  /** Overrides ECS's failure threshold rule (see `circuitBreakerThreshold`). */
  circuitBreakerThreshold?: number;
}

/** ECS: half the desired count, at least 3 and at most 200 failed tasks. */
export function circuitBreakerThreshold(desiredCount: number, override?: number): number {
  return override ?? Math.max(3, Math.min(200, Math.ceil(desiredCount * 0.5)));
}

export function addEvent(service: ServiceRecord, at: number, text: string): void {
  service.events.push({ id: newEventId(), createdAt: at, message: `(service ${service.name}) ${text}` });
  // DescribeServices shows the latest 100 events.
  if (service.events.length > 100) service.events.splice(0, service.events.length - 100);
}

export function newDeployment(
  service: ServiceRecord,
  taskDefinitionArn: string,
  at: number,
  reason?: string,
): DeploymentRecord {
  for (const old of service.deployments) if (old.status === 'PRIMARY') old.status = 'ACTIVE';
  const deployment: DeploymentRecord = {
    id: newDeploymentId(),
    status: 'PRIMARY',
    taskDefinitionArn,
    desiredCount: service.desiredCount,
    failedTasks: 0,
    rolloutState: 'IN_PROGRESS',
    rolloutStateReason: reason ?? 'ECS deployment in progress.',
    createdAt: at,
    updatedAt: at,
  };
  service.deployments.unshift(deployment);
  service.taskDefinitionArn = taskDefinitionArn;
  return deployment;
}

const liveTasks = (cluster: ClusterRecord, deploymentId: string): TaskRecord[] =>
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
  const failuresByDeployment = new Map<string, TaskRecord[]>();
  for (const task of cluster.tasks) {
    if (only && task.serviceName !== only.name) continue;
    for (const outcome of stepTask(task, ctx.logs, at)) {
      if (outcome.kind !== 'failed') continue;
      const list = failuresByDeployment.get(task.startedBy) ?? [];
      list.push(task);
      failuresByDeployment.set(task.startedBy, list);
      const service = cluster.services.get(task.serviceName);
      if (service && outcome.healthCheck) {
        addEvent(service, at, `(task ${task.id}) failed container health checks.`);
        addEvent(service, at, `has stopped 1 running tasks: (task ${task.id}).`);
      }
    }
  }
  for (const service of cluster.services.values()) {
    if (only && service !== only) continue;
    for (const deployment of service.deployments) {
      const failed = failuresByDeployment.get(deployment.id);
      if (failed) {
        deployment.failedTasks += failed.length;
        deployment.updatedAt = at;
      }
    }
    stepService(ctx, cluster, service, at);
  }
  // Stopped tasks stay describable for an hour, as in ECS.
  const keepAfter = at - 3_600_000;
  cluster.tasks = cluster.tasks.filter((t) => t.stoppedAt === undefined || t.stoppedAt >= keepAfter);
}

function stepService(ctx: RolloutContext, cluster: ClusterRecord, service: ServiceRecord, at: number): void {
  let primary = service.deployments.find((d) => d.status === 'PRIMARY');
  if (!primary) return;
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

    // Start the primary's missing tasks, as far as maximumPercent allows.
    const allLive = service.deployments.reduce((n, d) => n + liveTasks(cluster, d.id).length, 0);
    const toStart = Math.min(desired - liveTasks(cluster, primary.id).length, maxTotal - allLive);
    const taskDefinition = ctx.state.findTaskDefinition(primary.taskDefinitionArn);
    if (toStart > 0 && taskDefinition) {
      const started = Array.from({ length: toStart }, () =>
        launchTask(cluster, service.name, primary.id, taskDefinition, ctx.behaviours, at),
      );
      addEvent(service, at, `has started ${started.length} tasks: ${taskList(started)}.`);
    }
  }

  // Old deployments leave the list once all their tasks have stopped.
  service.deployments = service.deployments.filter((d) => {
    if (d === primary) return true;
    d.desiredCount = liveTasks(cluster, d.id).length;
    const remaining = cluster.tasks.some((t) => t.startedBy === d.id && t.lastStatus !== 'STOPPED');
    if (!remaining) d.status = 'INACTIVE';
    return remaining;
  });

  const primaryLive = liveTasks(cluster, primary.id);
  if (
    primary.rolloutState === 'IN_PROGRESS' &&
    service.deployments.length === 1 &&
    primaryLive.length === desired &&
    primaryLive.every(isHealthy)
  ) {
    primary.rolloutState = 'COMPLETED';
    primary.rolloutStateReason = `ECS deployment ${primary.id} completed.`;
    primary.updatedAt = at;
    service.lastCompleted = { deploymentId: primary.id, taskDefinitionArn: primary.taskDefinitionArn };
    addEvent(service, at, `(deployment ${primary.id}) deployment completed.`);
    addEvent(service, at, 'has reached a steady state.');
  }
}

/**
 * Returns the deployment that is PRIMARY after the check: a rollback deployment when the breaker
 * tripped with rollback on. The failed deployment is removed and its tasks stopped.
 */
function tripCircuitBreaker(
  ctx: RolloutContext,
  cluster: ClusterRecord,
  service: ServiceRecord,
  primary: DeploymentRecord,
  at: number,
): DeploymentRecord {
  const breaker = service.deploymentConfiguration.deploymentCircuitBreaker;
  if (!breaker.enable || primary.rolloutState !== 'IN_PROGRESS') return primary;
  if (primary.failedTasks < circuitBreakerThreshold(service.desiredCount, ctx.circuitBreakerThreshold))
    return primary;

  primary.rolloutState = 'FAILED';
  primary.rolloutStateReason = 'ECS deployment circuit breaker: tasks failed to start.';
  primary.updatedAt = at;
  addEvent(service, at, `deployment ${primary.id} deployment failed: tasks failed to start.`);
  const target = service.lastCompleted;
  if (!breaker.rollback || !target) return primary;

  for (const task of liveTasks(cluster, primary.id)) {
    stopTask(
      task,
      at,
      'ServiceSchedulerInitiated',
      `Scaling activity initiated by (deployment ${primary.id})`,
    );
  }
  service.deployments = service.deployments.filter((d) => d !== primary);
  primary.status = 'INACTIVE';
  addEvent(service, at, `rolling back to deployment ${target.deploymentId}.`);
  return newDeployment(
    service,
    target.taskDefinitionArn,
    at,
    `ECS deployment circuit breaker: rolling back to deploymentId ${target.deploymentId}.`,
  );
}
