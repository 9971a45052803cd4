/**
 * Real-ECS behaviours the simulator can switch on. Each one is something real ECS does that an
 * engine must cope with; they are off by default so that suites written against the simpler
 * simulator stay green until the engine handles them (see sim/README.md).
 */
export interface RealismOptions {
  /**
   * ListTasks refuses `startedBy` together with any other filter (desiredStatus, serviceName,
   * family, launchType, containerInstance) with InvalidParameterException "cannot specify
   * startedBy with other arguments", and `maxResults` outside 1..100.
   * Sources: API reference ListTasks ("When you specify startedBy as the filter, it must be the
   * only filter that you use"; maxResults "can be between 1 and 100"),
   * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ListTasks.html; the error text
   * as real ECS answered it: https://github.com/aws/aws-sdk-go-v2/issues/1893
   */
  listTasksFilterRules?: boolean;
  /**
   * For this many ms after an UpdateService that starts a deployment, DescribeServices serves the
   * view from before it: the new deployment is missing from deployments[], the old one is still
   * PRIMARY, taskDefinition and events are the old ones. UpdateService's own answer shows the
   * new deployment. Source: "The Amazon ECS API follows an eventual consistency model ... the
   * result of an API command you run that affects your Amazon ECS resources might not be
   * immediately visible to all subsequent commands you run" (API reference, RunTask;
   * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RunTask.html). 0 = off.
   */
  describeServicesLagMs?: number;
  /**
   * failedTasks resets to 0 once a task of the deployment is healthy, and the circuit breaker
   * stops evaluating that deployment (unless the service sets `resetOnHealthyTask: false`).
   * Sources: API reference Deployment.failedTasks ("Once a service deployment has one or more
   * successfully running tasks, the failed task count resets to zero and stops being
   * evaluated."), https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Deployment.html;
   * DeploymentCircuitBreaker.resetOnHealthyTask ("The default is true"),
   * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentCircuitBreaker.html
   */
  failedTasksReset?: boolean;
  /**
   * A circuit-breaker rollback as real ECS shows it: the rollback deployment reuses the id of the
   * deployment it returns to, and the failed deployment stays in deployments[] as
   * DRAINING/FAILED for `failedDeploymentKeptMs` (2 min) while its tasks drain.
   * Sources: public captures of service events in which "rolling back to deployment
   * ecs-svc/1675294001379389663." is followed by "(deployment ecs-svc/1675294001379389663)
   * deployment completed." (a course report on GitHub, service devops-g3-inventory, 2026-07-22);
   * the DRAINING/FAILED window as issue 13 reports it from public drills.
   */
  rollbackLikeEcs?: boolean;
}

/**
 * How long things take. `fast` (default) keeps tests short; `realistic` is calibrated to a
 * public crash-loop drill with desiredCount 1 (issue 13): failedTasks 1 at 2m34, 2 at 4m46,
 * 3 at 11m00, rollback at 11m44, i.e. a crashing task needs 132 s from launch to exit, is counted
 * as failed when it reaches STOPPED 22 s later, the scheduler relaunches at once after the first
 * failure and 242 s later after the second (ECS's launch backoff), and the breaker acts 44 s after
 * the threshold is reached.
 */
export interface TimingProfile {
  provisioningMs: number;
  /** Image pull and container start. */
  pullAndStartMs: number;
  /** A failed image pull gives up after this long (the agent retries). */
  pullRetryMs: number;
  stoppingMs: number;
  /** When a `crash` behaviour does not say `afterSeconds`. */
  crashAfterSeconds: number;
  /** A failed task counts in failedTasks when its container exits, or when the task reaches STOPPED. */
  countFailureAt: 'exit' | 'stopped';
  /** Delay before relaunching after the n-th consecutive failed task (the last value repeats). */
  launchBackoffMs: number[];
  /** From failedTasks reaching the threshold to the deployment being FAILED. */
  breakerDelayMs: number;
  /** How long a failed deployment stays listed as DRAINING/FAILED (with `rollbackLikeEcs`). */
  failedDeploymentKeptMs: number;
}

export const FAST_TIMING: TimingProfile = {
  provisioningMs: 3_000,
  pullAndStartMs: 12_000,
  pullRetryMs: 20_000,
  stoppingMs: 5_000,
  crashAfterSeconds: 5,
  countFailureAt: 'exit',
  launchBackoffMs: [0],
  breakerDelayMs: 0,
  failedDeploymentKeptMs: 120_000,
};

export const REALISTIC_TIMING: TimingProfile = {
  provisioningMs: 30_000,
  pullAndStartMs: 90_000,
  pullRetryMs: 60_000,
  stoppingMs: 22_000,
  crashAfterSeconds: 12,
  countFailureAt: 'stopped',
  // 0 then 242 s reproduce the drill's 2nd and 3rd failures; then doubling, capped at 15 min.
  launchBackoffMs: [0, 242_000, 484_000, 900_000],
  breakerDelayMs: 44_000,
  failedDeploymentKeptMs: 120_000,
};

export type TimingOption = 'fast' | 'realistic' | TimingProfile;

export function timingProfile(option: TimingOption | undefined): TimingProfile {
  if (option === undefined || option === 'fast') return FAST_TIMING;
  if (option === 'realistic') return REALISTIC_TIMING;
  return option;
}

/** Every realism behaviour on, for `npm run sim -- --realism all` and the engine's future suites. */
export const ALL_REALISM: Required<RealismOptions> = {
  listTasksFilterRules: true,
  describeServicesLagMs: 5_000,
  failedTasksReset: true,
  rollbackLikeEcs: true,
};
