import type { TaskBehaviour } from './behaviours';
import type { ServiceRecord, TaskRecord } from './ecs-state';

/**
 * A service's target group (Elastic Load Balancing v2), as far as a rollout sees it: targets
 * registered when tasks run, initial health checks, failing checks that make ECS stop a task, and
 * the deregistration delay that holds a stopping task. ELB itself is not served (no elbv2 API):
 * only what ECS shows of it in DescribeServices events and DescribeTasks.
 */
export interface TargetGroupSettings {
  targetGroupArn: string;
  /** The container port registered (the service's loadBalancers[].containerPort). */
  containerPort: number;
  /**
   * Defaults from the ELB user guide, "Health checks for your target groups" (HTTP/HTTPS target
   * groups: HealthCheckIntervalSeconds 30, HealthyThresholdCount 5, UnhealthyThresholdCount 2),
   * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html
   */
  healthCheckIntervalSeconds: number;
  healthyThresholdCount: number;
  unhealthyThresholdCount: number;
  /**
   * Passing checks a newly registered target needs. The ECS best practices guide ("Load balancer
   * health check parameters": by default five passing checks 30 s apart, 2 min 30 s, before a target
   * is healthy) counts HealthyThresholdCount, the default here; the ELB user guide now says a newly
   * registered target "must pass one health check", which `1` reproduces.
   * https://docs.aws.amazon.com/AmazonECS/latest/bestpracticesguide/load-balancer-healthcheck.html
   */
  initialPassingChecks?: number;
  /**
   * deregistration_delay.timeout_seconds, default 300 ("The default value is 300 seconds", ELB user
   * guide, target group attributes, "Deregistration delay"),
   * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-target-group-attributes.html#deregistration-delay
   */
  deregistrationDelaySeconds: number;
}

export const ELB_DEFAULTS = {
  healthCheckIntervalSeconds: 30,
  healthyThresholdCount: 5,
  unhealthyThresholdCount: 2,
  deregistrationDelaySeconds: 300,
} as const;

/** A task's registration in its service's target group. */
export interface TargetRecord {
  registeredAt: number;
  state: 'initial' | 'healthy' | 'unhealthy' | 'draining';
  healthyAt?: number;
  drainUntil?: number;
}

/** A load-balanced service: the target group and ECS's grace period for its health checks. */
export interface LoadBalancedService {
  targetGroup: TargetGroupSettings;
  /** healthCheckGracePeriodSeconds: ECS ignores failing ELB checks this long after a task starts. */
  gracePeriodSeconds: number;
}

/** What a behaviour does to the load balancer's health checks (the app's own port and path). */
function failsElbChecks(behaviour: TaskBehaviour): { code: number } | undefined {
  return behaviour.kind === 'elb-unhealthy' ? { code: behaviour.statusCode ?? 404 } : undefined;
}

export type TargetStep =
  { kind: 'failed'; task: TaskRecord } | { kind: 'healthy'; task: TaskRecord } | { kind: 'none' };

/**
 * One step of a task's target: register once RUNNING, healthy after the initial passing checks, or
 * unhealthy after UnhealthyThresholdCount failing ones (ECS stops the task once the grace period is
 * over: a failed task), and draining for the deregistration delay once the task is asked to stop,
 * after which the task goes on to STOPPING. Event texts are those of public captures of
 * DescribeServices (hackforla/CivicTechJobs issue 436, 2023-08-21: "registered 1 targets in
 * (target-group …)", "(port 8000) is unhealthy in (target-group …) due to (reason Health checks
 * failed).", "has begun draining connections on 1 tasks.", "deregistered 1 targets in (target-group
 * …)"); the stoppedReason is "Task failed ELB health checks in (target-group <arn>)" as ECS
 * reports it (AWS Copilot CLI output pasted in public notes; convox docs, "Failed ELB Health Checks
 * Post Deployment"). The same capture times one cycle: task started 21:20:47.975, target registered
 * 28 s later, reported unhealthy 58 s after that (15 s checks would make 3 or 4 of them; its target group
 * settings are not published, so the defaults below are not fitted to it).
 */
export function stepTarget(
  service: ServiceRecord,
  task: TaskRecord,
  at: number,
  addEvent: (text: string) => void,
  stop: (task: TaskRecord, reason: string) => void,
): TargetStep {
  const lb = service.loadBalanced;
  if (!lb) return { kind: 'none' };
  const group = lb.targetGroup;
  const tg = `(target-group ${group.targetGroupArn})`;
  const target = task.target;
  if (!target) {
    if (task.lastStatus !== 'RUNNING' || task.desiredStatus !== 'RUNNING') return { kind: 'none' };
    task.target = { registeredAt: at, state: 'initial' };
    addEvent(`registered 1 targets in ${tg}`);
    return { kind: 'none' };
  }
  // ECS deregisters the target first; the task stays DEACTIVATING for the deregistration delay.
  const drain = (): void => {
    target.state = 'draining';
    target.drainUntil = at + group.deregistrationDelaySeconds * 1000;
    task.lastStatus = 'DEACTIVATING';
    addEvent('has begun draining connections on 1 tasks.');
    addEvent(`deregistered 1 targets in ${tg}`);
  };
  if (task.desiredStatus === 'STOPPED' && target.state !== 'draining') {
    drain();
    return { kind: 'none' };
  }
  if (target.state === 'draining') {
    if (task.lastStatus === 'DEACTIVATING' && at >= (target.drainUntil ?? at)) {
      task.lastStatus = 'STOPPING';
      task.stoppingAt = at;
    }
    return { kind: 'none' };
  }
  const interval = group.healthCheckIntervalSeconds * 1000;
  const failing = failsElbChecks(task.behaviour);
  if (failing) {
    if (target.state === 'initial' && at >= target.registeredAt + group.unhealthyThresholdCount * interval) {
      target.state = 'unhealthy';
      addEvent(
        `(port ${group.containerPort}) is unhealthy in ${tg} due to (reason Health checks failed with these codes: [${failing.code}]).`,
      );
    }
    const graceOver = at >= (task.startedAt ?? at) + lb.gracePeriodSeconds * 1000;
    if (target.state === 'unhealthy' && graceOver) {
      stop(task, `Task failed ELB health checks in ${tg}`);
      drain();
      return { kind: 'failed', task };
    }
    return { kind: 'none' };
  }
  // Passing checks start once the app answers (its container is up: the task's healthyAt).
  const checks = group.initialPassingChecks ?? group.healthyThresholdCount;
  const answersFrom = Math.max(target.registeredAt, task.healthyAt ?? Infinity);
  if (target.state === 'initial' && at >= answersFrom + checks * interval) {
    target.state = 'healthy';
    target.healthyAt = at;
    return { kind: 'healthy', task };
  }
  return { kind: 'none' };
}

/**
 * The scheduler counts a load-balanced task only once its target is healthy. A task of such a
 * service is registered in the step it reaches RUNNING, before the scheduler looks at it.
 */
export function targetAllowsHealthy(task: TaskRecord): boolean {
  return task.target === undefined || task.target.state === 'healthy';
}

/** The service's loadBalancers[] as DescribeServices shows them. */
export function renderLoadBalancers(
  service: ServiceRecord,
  containerName: string,
): Array<Record<string, unknown>> {
  const lb = service.loadBalanced;
  if (!lb) return [];
  return [
    {
      targetGroupArn: lb.targetGroup.targetGroupArn,
      containerName,
      containerPort: lb.targetGroup.containerPort,
    },
  ];
}

/** A target group given by a test, the bench or CreateService, with the ELB defaults for the rest. */
export interface LoadBalancerSpec extends Partial<TargetGroupSettings> {
  gracePeriodSeconds?: number;
}

export function loadBalancedService(spec: LoadBalancerSpec, fallbackArn: string): LoadBalancedService {
  const { gracePeriodSeconds, ...group } = spec;
  return {
    targetGroup: { targetGroupArn: fallbackArn, containerPort: 1337, ...ELB_DEFAULTS, ...group },
    // ECS's default for healthCheckGracePeriodSeconds is 0 (API reference, CreateService).
    gracePeriodSeconds: gracePeriodSeconds ?? 0,
  };
}

/** CreateService's loadBalancers[0] and healthCheckGracePeriodSeconds (target group settings: the ELB defaults). */
export function loadBalancedFromRequest(input: {
  loadBalancers?: Array<{ targetGroupArn?: string; containerPort?: number }>;
  healthCheckGracePeriodSeconds?: number;
}): LoadBalancedService | undefined {
  const first = input.loadBalancers?.[0];
  if (!first?.targetGroupArn) return undefined;
  return loadBalancedService(
    {
      ...(first.containerPort !== undefined ? { containerPort: first.containerPort } : {}),
      ...(input.healthCheckGracePeriodSeconds !== undefined
        ? { gracePeriodSeconds: input.healthCheckGracePeriodSeconds }
        : {}),
    },
    first.targetGroupArn,
  );
}
