/**
 * The reference: what aws-actions/amazon-ecs-deploy-task-definition does for a rolling (ECS controller)
 * service, reproduced call for call on the simulator's virtual clock.
 *
 * Reproduced from v2.6.3 (tag v2.6.3, commit c465972ecbd160473f22e683363b422a5412a3de), index.js
 * `run` and `updateEcsService`, and the waiter in its bundled dist/index.js:
 *   - RegisterTaskDefinition, then DescribeServices (a failure or a status other than ACTIVE throws;
 *     the PRIMARY deployment's id is noted as `beforeDeploymentId`), then UpdateService (the PRIMARY
 *     in its answer is `afterDeploymentId`).
 *   - `wait-for-service-stability` defaults to not waiting: the step ends after UpdateService.
 *   - With it: `waitUntilServicesStable({ minDelay: 15, maxWaitTime: wait-for-minutes * 60 })`, plus
 *     `maxDelay: wait-max-delay-seconds` when that input is set. `wait-for-minutes` defaults to 30. The
 *     bundled @aws-sdk/client-ecs sets the servicesStable waiter's maxDelay to 600 s (its action.yml
 *     says 120 s; the bundle is what runs).
 *   - The waiter (@smithy/util-waiter `runPolling`): the first DescribeServices at once, then
 *     `exponentialBackoffWithJitter` (random in [minDelay, min(minDelay * 2^(n-1), maxDelay)], the
 *     maxDelay itself once n passes the ceiling, the remaining time minus 0.5 s near the deadline);
 *     TIMEOUT when the next delay would pass the deadline. Acceptors: `failures[].reason == MISSING`,
 *     or a service status DRAINING or INACTIVE -> FAILURE; every service with one deployment and
 *     runningCount == desiredCount -> SUCCESS; anything else, an error included -> RETRY.
 *   - After SUCCESS, when a new deployment was made (v2.6.2+, PR #860): one more DescribeServices;
 *     the deployment `afterDeploymentId` missing -> "Deployment … not found after stabilization. The
 *     deployment was likely rolled back by the deployment circuit breaker."; its rolloutState FAILED
 *     -> "Deployment … FAILED: …"; otherwise success.
 * The anchor registers a task definition file its render action wrote; here the current revision is
 * rendered with the new image (the same RegisterTaskDefinition call).
 */
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  type DescribeServicesCommandOutput,
  type ECSClient,
} from '@aws-sdk/client-ecs';
import type { Clock } from '../src/core/clock';
import { renderTaskDefinition } from '../src/deploy';

export const ANCHOR = {
  name: 'aws-actions/amazon-ecs-deploy-task-definition',
  version: 'v2.6.3',
  commit: 'c465972ecbd160473f22e683363b422a5412a3de',
} as const;

/** The anchor's inputs that shape its wait; unset ones take its defaults. */
export interface AnchorInputs {
  'wait-for-service-stability'?: boolean;
  'wait-for-minutes'?: number;
  'wait-max-delay-seconds'?: number;
}

const WAIT_DEFAULT_DELAY_SEC = 15; // index.js
const SERVICES_STABLE_MAX_DELAY_SEC = 600; // bundled @aws-sdk/client-ecs waitForServicesStable defaults
const WAIT_FOR_MINUTES_DEFAULT = 30; // index.js: parseInt(wait-for-minutes) || 30

export interface AnchorRun {
  verdict: 'succeeded' | 'failed' | 'timed-out';
  message: string;
  startedAt: number;
  /** Clock ms when the step ended (its verdict). */
  endedAt: number;
}

/** mulberry32: a small seeded PRNG, so each seed's jitter is repeatable. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** @smithy/util-waiter `exponentialBackoffWithJitter`, with the clock and the random source injected. */
export function waiterDelayMs(
  minDelayMs: number,
  maxDelayMs: number,
  attempt: number,
  now: number,
  waitUntil: number,
  random: () => number,
): number {
  const attemptCountCeiling = Math.log(maxDelayMs / minDelayMs) / Math.log(2) + 1;
  if (attempt > attemptCountCeiling) return maxDelayMs;
  const capped = Math.min(minDelayMs * 2 ** (attempt - 1), maxDelayMs);
  const waitFor = minDelayMs + random() * (capped - minDelayMs);
  if (now + waitFor > waitUntil) return Math.max(0, waitUntil - now - 500);
  return waitFor;
}

type Acceptor = 'SUCCESS' | 'FAILURE' | 'RETRY';

/** The servicesStable acceptors, in the bundle's order. */
function servicesStable(out: DescribeServicesCommandOutput): Acceptor {
  if ((out.failures ?? []).some((f) => f.reason === 'MISSING')) return 'FAILURE';
  const services = out.services ?? [];
  if (services.some((s) => s.status === 'DRAINING' || s.status === 'INACTIVE')) return 'FAILURE';
  if (services.every((s) => s.deployments?.length === 1 && s.runningCount === s.desiredCount))
    return 'SUCCESS';
  return 'RETRY';
}

export async function anchorDeploy(
  ecs: ECSClient,
  clock: Clock,
  target: { cluster: string; service: string; image: string },
  inputs: AnchorInputs,
  random: () => number,
): Promise<AnchorRun> {
  const { cluster, service, image } = target;
  const current = (await ecs.send(new DescribeServicesCommand({ cluster, services: [service] })))
    .services?.[0];
  const described = await ecs.send(
    new DescribeTaskDefinitionCommand({ taskDefinition: current?.taskDefinition, include: ['TAGS'] }),
  );
  const rendered = renderTaskDefinition(
    { taskDefinition: described.taskDefinition ?? {}, tags: described.tags ?? [] },
    { image },
  );
  // From here on, the anchor's own calls.
  const taskDefArn = (await ecs.send(new RegisterTaskDefinitionCommand(rendered.input))).taskDefinition
    ?.taskDefinitionArn;
  const before = await ecs.send(new DescribeServicesCommand({ cluster, services: [service] }));
  const beforeDeploymentId = before.services?.[0]?.deployments?.find((d) => d.status === 'PRIMARY')?.id;
  const update = await ecs.send(
    new UpdateServiceCommand({
      cluster,
      service,
      taskDefinition: taskDefArn,
      forceNewDeployment: false,
      volumeConfigurations: [],
    }),
  );
  const afterDeploymentId = update.service?.deployments?.find((d) => d.status === 'PRIMARY')?.id;
  const startedAt = clock.now();
  const end = (verdict: AnchorRun['verdict'], message: string): AnchorRun => ({
    verdict,
    message,
    startedAt,
    endedAt: clock.now(),
  });
  if (!inputs['wait-for-service-stability'])
    return end('succeeded', 'Not waiting for the service to become stable');

  const minDelayMs = WAIT_DEFAULT_DELAY_SEC * 1000;
  const maxDelayMs = (inputs['wait-max-delay-seconds'] ?? SERVICES_STABLE_MAX_DELAY_SEC) * 1000;
  const waitUntil = startedAt + (inputs['wait-for-minutes'] ?? WAIT_FOR_MINUTES_DEFAULT) * 60_000;
  for (let attempt = 0; ; attempt++) {
    if (attempt > 0) {
      const delay = waiterDelayMs(minDelayMs, maxDelayMs, attempt, clock.now(), waitUntil, random);
      if (clock.now() + delay > waitUntil) return end('timed-out', 'TimeoutError: Waiter has timed out');
      await clock.sleep(delay);
    }
    let state: Acceptor;
    try {
      state = servicesStable(await ecs.send(new DescribeServicesCommand({ cluster, services: [service] })));
    } catch {
      state = 'RETRY';
    }
    if (state === 'FAILURE') return end('failed', 'waiter FAILURE (service MISSING, DRAINING or INACTIVE)');
    if (state === 'SUCCESS') break;
  }
  if (afterDeploymentId && afterDeploymentId !== beforeDeploymentId) {
    const verify = await ecs.send(new DescribeServicesCommand({ cluster, services: [service] }));
    const deployment = verify.services?.[0]?.deployments?.find((d) => d.id === afterDeploymentId);
    if (!deployment)
      return end(
        'failed',
        `Deployment ${afterDeploymentId} not found after stabilization. The deployment was likely rolled back by the deployment circuit breaker.`,
      );
    if (deployment.rolloutState === 'FAILED')
      return end(
        'failed',
        `Deployment ${afterDeploymentId} FAILED: ${deployment.rolloutStateReason ?? 'unknown reason'}`,
      );
  }
  return end('succeeded', `Deployment ${afterDeploymentId} verified`);
}
