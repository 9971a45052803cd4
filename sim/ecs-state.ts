import { randomBytes, randomUUID } from 'node:crypto';
import type { TaskBehaviour } from './behaviours';

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
  status: 'PRIMARY' | 'ACTIVE' | 'INACTIVE';
  taskDefinitionArn: string;
  desiredCount: number;
  failedTasks: number;
  rolloutState: RolloutState;
  rolloutStateReason: string;
  createdAt: number;
  updatedAt: number;
}

export interface ServiceEventRecord {
  id: string;
  createdAt: number;
  message: string;
}

export interface DeploymentConfigurationRecord {
  deploymentCircuitBreaker: { enable: boolean; rollback: boolean };
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
  /** PRIMARY first, then ACTIVE ones, newest first. */
  deployments: DeploymentRecord[];
  /** Newest last internally; DescribeServices shows them newest first. */
  events: ServiceEventRecord[];
  createdAt: number;
  /** What the circuit breaker rolls back to. */
  lastCompleted?: { deploymentId: string; taskDefinitionArn: string };
}

export type TaskStatus = 'PROVISIONING' | 'PENDING' | 'RUNNING' | 'STOPPING' | 'STOPPED';
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

export function newTaskId(): string {
  return randomBytes(16).toString('hex');
}

export function newEventId(): string {
  return randomUUID();
}

export const seconds = (ms: number | undefined): number | undefined =>
  ms === undefined ? undefined : ms / 1000;
