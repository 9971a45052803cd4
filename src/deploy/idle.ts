import type { Service } from '@aws-sdk/client-ecs';
import { ConfigurationError } from '../core/errors';
import { pollUntil } from '../core/poll';
import { shortTaskDefinitionName } from '../ecs/names';
import { deploymentInFlight, describeDeployment, findService, primaryTaskDefinition } from '../ecs/service';
import type { EngineDeps, WaitOptions } from './types';

export interface IdleRequest {
  cluster: string;
  service: string;
  /** What is about to start, for the messages ("deploy", "rollback"). */
  action: string;
  waitForIdle: boolean;
  wait: WaitOptions;
}

/** Another deployment of the service is in flight: nothing was changed. */
export class ServiceBusyError extends ConfigurationError {}

/**
 * Two rollouts of one service undo each other, so a deploy or rollback starts only on an idle
 * service: with another deployment in flight it refuses (naming it), or with `wait-for-idle` waits
 * for it to end, bounded by `wait-minutes`. Returns the service as it is when idle.
 */
export async function ensureIdle(deps: EngineDeps, service: Service, request: IdleRequest): Promise<Service> {
  const busy = deploymentInFlight(service);
  if (!busy) return service;
  if (!request.waitForIdle) {
    throw new ServiceBusyError(
      `Service "${request.service}" has a deployment in flight: ${describeDeployment(busy)}. ` +
        `Wait for it to finish, or let the ${request.action} wait for it (input \`wait-for-idle: true\`, CLI --wait-for-idle).`,
    );
  }
  deps.reporter.info(
    `Waiting for deployment ${describeDeployment(busy)} to finish before the ${request.action}.`,
  );
  const result = await pollUntil<Service>(
    deps.clock,
    {
      every: request.wait.pollSeconds * 1000,
      deadline: deps.clock.now() + request.wait.waitMinutes * 60_000,
      firstLookAfterInterval: true,
      ...(deps.signal ? { signal: deps.signal } : {}),
    },
    async () => {
      const now = await findService(deps.ecs, request.cluster, request.service);
      const running = deploymentInFlight(now);
      if (!running) return { done: true, value: now };
      deps.reporter.progress(`Still rolling out: ${describeDeployment(running)}`);
      return { done: false };
    },
  );
  if (result.status === 'done') {
    deps.reporter.info(
      `Deployment ${busy.id ?? ''} is over; the service runs ${shortTaskDefinitionName(primaryTaskDefinition(result.value))}.`,
    );
    return result.value;
  }
  throw new ServiceBusyError(
    result.status === 'cancelled'
      ? `Cancelled while waiting for ${busy.id ?? 'the deployment in flight'} to finish; nothing was changed.`
      : `Deployment ${describeDeployment(busy)} was still in flight after ${request.wait.waitMinutes} min; nothing was changed.`,
  );
}
