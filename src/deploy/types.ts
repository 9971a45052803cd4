import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { Clock } from '../core/clock';
import type { Reporter } from '../core/reporter';

export interface EngineDeps {
  ecs: ECSClient;
  logs: CloudWatchLogsClient;
  clock: Clock;
  reporter: Reporter;
}

export interface WaitOptions {
  /** Give up (verdict timed-out) after this long. */
  waitMinutes: number;
  /** Seconds between DescribeServices polls. */
  pollSeconds: number;
  /** Fail early once this many tasks of the deployment stopped with a failure while none is healthy; 0 = never. */
  maxTaskFailures: number;
}

export interface StoppedTaskReport {
  taskArn: string;
  stopCode?: string;
  stoppedReason?: string;
  /** Clock ms when ECS stopped the task (it began STOPPING). */
  stoppedAt?: number;
  containers: { name: string; exitCode?: number; reason?: string }[];
  /** Last lines the container logged (CloudWatch Logs, from its awslogs configuration). */
  logTail: string[];
  /** `group / stream` the tail came from, or why there is none. */
  logSource?: string;
}

export type RolloutVerdict = 'succeeded' | 'failed' | 'timed-out';

export interface RolloutOutcome {
  verdict: RolloutVerdict;
  /** One line a person can act on. */
  reason: string;
  cluster: string;
  service: string;
  deploymentId: string;
  taskDefinitionArn: string;
  /** Clock milliseconds. */
  startedAt: number;
  endedAt: number;
  /** Service events seen during the wait, oldest first. */
  events: { at: number; message: string }[];
  stoppedTasks: StoppedTaskReport[];
  counts: { running: number; pending: number; desired: number };
  /** ECS + CloudWatch Logs calls made while waiting (for the bench). */
  apiCalls: number;
  /** Of apiCalls, the ECS ones. */
  ecsApiCalls: number;
  /** Clock ms of the poll that decided the verdict. */
  decidedAt: number;
  /** The rolloutState last seen for the deployment, when there was one. */
  rolloutState?: string;
}

export interface DeployRequest {
  cluster: string;
  service: string;
  image: string;
  containerName?: string;
  /** Path of a task definition JSON file; default: the definition the service runs now. */
  taskDefinitionFile?: string;
  environment?: Record<string, string>;
  secrets?: Record<string, string>;
  desiredCount?: number;
  forceNewDeployment: boolean;
  rollbackOnFailure: boolean;
  wait: WaitOptions;
  /** Tags added to the new revision (git-sha, run-id). */
  revisionTags?: Record<string, string>;
}

export type DeployStatus = 'succeeded' | 'failed' | 'rolled-back' | 'timed-out';

export interface DeployOutcome {
  status: DeployStatus;
  rollout: RolloutOutcome;
  previousTaskDefinitionArn: string;
  taskDefinitionArn: string;
  image: string;
  /** Present when the engine put the service back on the previous revision (or watched ECS do it). */
  rollback?: RolloutOutcome;
  /** Who rolled back: this tool (UpdateService) or ECS's deployment circuit breaker. */
  rollbackBy?: 'strapi-deploy' | 'ecs-circuit-breaker';
  containerName: string;
}
