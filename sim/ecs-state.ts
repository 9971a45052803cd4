import { randomBytes, randomUUID } from 'node:crypto';
import type { TaskBehaviour } from './behaviours';
import type { StrategyConfigRecord, TrafficShiftRecord } from './strategies';
import type { LoadBalancedService, TargetRecord } from './load-balancer';

/** The simulator's ECS world. Records are internal; handlers render them into SDK shapes. */

export type JsonObject = Record<string, unknown>;

export interface TaskDefinitionRecord {
  arn: string;
  family: string;
  revision: number;
  status: 'ACTIVE' | 'INACTIVE';
  /** The full `taskDefinition` as DescribeTaskDefinition returns it (status kept in sync). */
  body: JsonObject;
}

export type RolloutState = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

export interface DeploymentRecord {
  id: string;
  /** DRAINING only with `realism.rollbackLikeEcs`: a failed deployment kept in the list while it drains. */
  status: 'PRIMARY' | 'ACTIVE' | 'INACTIVE' | 'DRAINING';
  taskDefinitionArn: string;
  desiredCount: number;
  failedTasks: number;
  rolloutState: RolloutState;
  rolloutStateReason: string;
  createdAt: number;
  updatedAt: number;
  /** The service revision this deployment rolls out (ListServiceDeployments' targetServiceRevisionArn). */
  serviceRevisionArn: string;
  /** Consecutive task failures seen at exit (drives the launch backoff; failedTasks may reset). */
  exits: number;
  /** No task is launched for this deployment before this virtual time (launch backoff after failures). */
  nextLaunchAt?: number;
  /** When failedTasks first reached the breaker threshold (the breaker acts `breakerDelayMs` later). */
  thresholdReachedAt?: number;
  /** A task of this deployment became healthy: with `realism.failedTasksReset` the breaker stops evaluating it. */
  breakerDisarmed?: boolean;
  /** The service deployment this deployment rolls back, when it is a rollback deployment. */
  rollbackOf?: string;
  /** A failed deployment kept (DRAINING, FAILED) in the list until then, as real ECS shows it. */
  keptUntil?: number;
}

/** ECS's record of one rollout (ListServiceDeployments / DescribeServiceDeployments). */
export type ServiceDeploymentStatus =
  | 'PENDING'
  | 'IN_PROGRESS'
  | 'SUCCESSFUL'
  | 'STOPPED'
  | 'STOP_REQUESTED'
  | 'ROLLBACK_REQUESTED'
  | 'ROLLBACK_IN_PROGRESS'
  | 'ROLLBACK_SUCCESSFUL'
  | 'ROLLBACK_FAILED';

export interface ServiceRevisionRef {
  deploymentId: string;
  serviceRevisionArn: string;
  taskDefinitionArn: string;
}

export interface ServiceDeploymentRecord {
  arn: string;
  /** The deployment in DescribeServices' deployments[] this service deployment rolls out. */
  deploymentId: string;
  target: ServiceRevisionRef;
  /** What ran when it started (the service's other deployments then). */
  sources: ServiceRevisionRef[];
  status: ServiceDeploymentStatus;
  statusReason?: string;
  createdAt: number;
  startedAt: number;
  updatedAt: number;
  finishedAt?: number;
  stoppedAt?: number;
  breaker: { enabled: boolean; failureCount: number; threshold: number; triggered: boolean };
  rollback?: { reason: string; startedAt: number; serviceRevisionArn: string; deploymentId: string };
  /** StopServiceDeployment(ROLLBACK) was accepted; the scheduler starts the rollback on its next pass. */
  stopRequested?: boolean;
  /** Blue/green, linear and canary deployments: lifecycle stage and traffic (sim/strategies.ts). */
  shift?: TrafficShiftRecord;
}

export interface ServiceEventRecord {
  id: string;
  createdAt: number;
  message: string;
}

export interface DeploymentConfigurationRecord extends StrategyConfigRecord {
  deploymentCircuitBreaker: { enable: boolean; rollback: boolean; resetOnHealthyTask?: boolean };
  minimumHealthyPercent: number;
  maximumPercent: number;
}

export interface ServiceRecord {
  name: string;
  arn: string;
  clusterArn: string;
  taskDefinitionArn: string;
  desiredCount: number;
  launchType: string;
  deploymentConfiguration: DeploymentConfigurationRecord;
  networkConfiguration?: JsonObject;
  /** Its target group and health check grace period, when it has a load balancer. */
  loadBalanced?: LoadBalancedService;
  /** PRIMARY first, then ACTIVE ones, newest first. */
  deployments: DeploymentRecord[];
  /** Newest last internally; DescribeServices shows them newest first. */
  events: ServiceEventRecord[];
  createdAt: number;
  /** What the circuit breaker rolls back to. */
  lastCompleted?: ServiceRevisionRef;
  /** Newest last. */
  serviceDeployments: ServiceDeploymentRecord[];
  /** Right after UpdateService, DescribeServices serves the view from before it until `until`. */
  staleView?: {
    until: number;
    updatedAt: number;
    hiddenDeploymentId: string;
    previous?: { deploymentId: string; taskDefinitionArn: string };
  };
}

/** DEACTIVATING: a load-balanced task's target drains before it stops (sim/load-balancer.ts). */
export type TaskStatus = 'PROVISIONING' | 'PENDING' | 'RUNNING' | 'DEACTIVATING' | 'STOPPING' | 'STOPPED';
export type HealthStatus = 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';

export interface ContainerRecord {
  name: string;
  image: string;
  essential: boolean;
  hasHealthCheck: boolean;
  lastStatus: TaskStatus;
  healthStatus: HealthStatus;
  exitCode?: number;
  reason?: string;
  /** Where its awslogs driver writes, when the container has an awslogs configuration. */
  log?: { group: string; stream: string };
}

export interface TaskRecord {
  id: string;
  arn: string;
  clusterArn: string;
  serviceName: string;
  startedBy: string;
  taskDefinitionArn: string;
  cpu?: string;
  memory?: string;
  behaviour: TaskBehaviour;
  /** The container whose behaviour drives the task (first essential one with a non-healthy behaviour). */
  driver: string;
  lastStatus: TaskStatus;
  desiredStatus: 'RUNNING' | 'STOPPED';
  healthStatus: HealthStatus;
  containers: ContainerRecord[];
  createdAt: number;
  pullStartedAt?: number;
  pullStoppedAt?: number;
  startedAt?: number;
  healthyAt?: number;
  stoppingAt?: number;
  /** When the essential container exited (set at once for failures; at STOPPED for scheduler stops). */
  executionStoppedAt?: number;
  stoppedAt?: number;
  stopCode?: string;
  stoppedReason?: string;
  /** Stopped because it failed (crash, pull error, health check), not by the scheduler. */
  failed?: boolean;
  /** RunTask's task group (`family:<family>` by default); service tasks are `service:<name>`. */
  group?: string;
  /** RunTask's container overrides, as DescribeTasks shows them. */
  overrides?: { containerOverrides: Array<{ name: string; command?: string[] }> };
  /** Written when the container starts; default Strapi's `npm start` banner. */
  bootLines?: string[];
  /** Its registration in the service's target group, when the service has one. */
  target?: TargetRecord;
  /** Virtual times of the next life-cycle steps, planned at launch from the behaviour. */
  plan: {
    pendingAt: number;
    runningAt?: number;
    healthyAt?: number;
    failAt?: number;
    stoppedAfterMs: number;
  };
}

export interface ClusterRecord {
  name: string;
  arn: string;
  services: Map<string, ServiceRecord>;
  tasks: TaskRecord[];
}

export class EcsState {
  readonly clusters = new Map<string, ClusterRecord>();
  readonly families = new Map<string, TaskDefinitionRecord[]>();
  /** Tags by resource ARN (task definitions, services, clusters). */
  readonly tags = new Map<string, Array<{ key: string; value: string }>>();

  constructor(
    readonly region: string,
    readonly accountId: string,
  ) {}

  arn(resource: string): string {
    return `arn:aws:ecs:${this.region}:${this.accountId}:${resource}`;
  }

  /** By name or ARN, as every ECS `cluster` parameter accepts; absent means "default". */
  findCluster(nameOrArn: string | undefined): ClusterRecord | undefined {
    const name = (nameOrArn ?? 'default').replace(/^arn:[^:]+:ecs:[^:]*:\d*:cluster\//, '');
    return this.clusters.get(name);
  }

  findService(cluster: ClusterRecord, nameOrArn: string): ServiceRecord | undefined {
    const name = nameOrArn.replace(/^arn:[^:]+:ecs:[^:]*:\d*:service\/(?:[^/]+\/)?/, '');
    return cluster.services.get(name);
  }

  /** `family` (latest ACTIVE revision), `family:revision`, or a full task definition ARN. */
  findTaskDefinition(ref: string): TaskDefinitionRecord | undefined {
    const stripped = ref.replace(/^arn:[^:]+:ecs:[^:]*:\d*:task-definition\//, '');
    const [family = '', revision] = stripped.split(':');
    const revisions = this.families.get(family) ?? [];
    if (revision === undefined) return [...revisions].reverse().find((r) => r.status === 'ACTIVE');
    return revisions.find((r) => r.revision === Number(revision));
  }
}

/** "ecs-svc/" and 19 digits, like real deployment ids. */
export function newDeploymentId(): string {
  let digits = String(1 + Math.floor(Math.random() * 9));
  while (digits.length < 19) digits += String(Math.floor(Math.random() * 10));
  return `ecs-svc/${digits}`;
}

/** Like real service revision ARNs: 19 digits after the service name. */
export function newServiceRevisionArn(serviceArn: string): string {
  return `${serviceArn.replace(':service/', ':service-revision/')}/${newDeploymentId().slice('ecs-svc/'.length)}`;
}

/** Like real service deployment ARNs: a 22-character id after the service name. */
export function newServiceDeploymentArn(serviceArn: string): string {
  const id = randomBytes(16).toString('base64url').slice(0, 22);
  return `${serviceArn.replace(':service/', ':service-deployment/')}/${id}`;
}

export function newTaskId(): string {
  return randomBytes(16).toString('hex');
}

export function newEventId(): string {
  return randomUUID();
}

export const seconds = (ms: number | undefined): number | undefined =>
  ms === undefined ? undefined : ms / 1000;
