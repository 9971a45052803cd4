import type { ECSClient } from '@aws-sdk/client-ecs';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { Clock } from '../core/clock';
import type { Reporter } from '../core/reporter';
import type { ShiftStrategy, StageTime } from './strategy';

/** What reads a task's log: the SDK's CloudWatch Logs client, or a stand-in that loads it on first use. */
export type LogsClient = Pick<CloudWatchLogsClient, 'send' | 'destroy'>;

/** What the rollout steps need: the clients, time, words, and the run's cancellation. */
export interface EngineDeps {
  ecs: ECSClient;
  logs: LogsClient;
  clock: Clock;
  reporter: Reporter;
  /** Aborted when the run is cancelled (SIGINT/SIGTERM): waits end at once with `cancelled`. */
  signal?: AbortSignal;
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
  stopCode?: string | undefined;
  stoppedReason?: string | undefined;
  /** Clock ms when ECS stopped the task (it began STOPPING). */
  stoppedAt?: number | undefined;
  containers: { name: string; exitCode?: number; reason?: string }[];
  /** Last lines the container logged (CloudWatch Logs, from its awslogs configuration). */
  logTail: string[];
  /** `group / stream` the tail came from, or why there is none. */
  logSource?: string | undefined;
}

/** How one watched deployment ended. `cancelled`: the run was stopped while it watched. */
export type RolloutVerdict = 'succeeded' | 'failed' | 'timed-out' | 'cancelled';

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
  /** Service events that appeared during the wait, oldest first. */
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
  rolloutState?: string | undefined;
  /**
   * Set when another deployment replaced this one during the wait (another deploy, a person): it is in
   * charge now, so nothing may roll back over it.
   */
  supersededBy?: { deploymentId: string; taskDefinitionArn: string };
  /** Set when ECS's circuit breaker rolled the service back during this wait (it then runs `to`). */
  ecsRolledBackTo?: { deploymentId: string; taskDefinitionArn: string };
  /** BLUE_GREEN, LINEAR or CANARY: the verdict came from ECS's service-deployment record. */
  strategy?: ShiftStrategy;
  /** The lifecycle stages the watch saw, in order, with their times (shift strategies). */
  stages?: StageTime[];
  /**
   * ECS rolled a shift deployment back on its own (an alarm, a failed task) and the watch saw it end:
   * the record's status (ROLLBACK_SUCCESSFUL or ROLLBACK_FAILED), the cause and the alarms that fired.
   */
  ecsRollback?: { status: string; cause: string; alarms: string[] };
  /**
   * The service's PRIMARY deployment at the look that decided (clock ms `at`), so what comes next (a
   * rollback) need not read the service again the same second.
   */
  primaryAtVerdict?: { deploymentId: string; taskDefinitionArn: string; at: number };
}
