import { UpdateServiceCommand, type Service } from '@aws-sdk/client-ecs';
import { AwsCallError, classifyAwsError, explainAwsError } from '../core/aws-errors';
import { errorMessage } from '../core/errors';
import { pollUntil } from '../core/poll';
import { findService } from '../ecs/service';
import type { EngineDeps } from './types';
import { NEW_DEPLOYMENT_GRACE_MS } from './grace';

/** How often the service is read to learn whether an update that got no clear answer was applied. */
const AMBIGUOUS_READ_EVERY_MS = 5_000;

/** A service and the existing task definition it is to run. */
export interface RollTarget {
  cluster: string;
  service: string;
  taskDefinitionArn: string;
  desiredCount?: number;
  forceNewDeployment?: boolean;
}

export interface StartedRollout {
  deploymentId: string;
  /** ECS's record of this rollout (Service.currentServiceDeployment), where the API reports one. */
  serviceDeploymentArn?: string;
  /** Clock ms just before UpdateService was sent: events and deployments older than this are not ours. */
  updatedAt: number;
}

function primaryRunning(service: Service | undefined, taskDefinitionArn: string): string | undefined {
  const primary = service?.deployments?.find((d) => d.status === 'PRIMARY');
  return primary?.taskDefinition === taskDefinitionArn ? primary.id : undefined;
}

/**
 * Points the service at `target.taskDefinitionArn` (UpdateService) and says which deployment that
 * started. When the answer is ambiguous (a 5xx or a dropped connection after the SDK's retries: the
 * update may or may not have been applied), the service is read again and the rollout carries on from
 * what is true: our revision PRIMARY means it was applied; otherwise the error is thrown, naming the call.
 */
export async function startRollout(deps: EngineDeps, target: RollTarget): Promise<StartedRollout> {
  const updatedAt = deps.clock.now();
  let service: Service | undefined;
  try {
    const out = await deps.ecs.send(
      new UpdateServiceCommand({
        cluster: target.cluster,
        service: target.service,
        taskDefinition: target.taskDefinitionArn,
        ...(target.desiredCount !== undefined ? { desiredCount: target.desiredCount } : {}),
        forceNewDeployment: target.forceNewDeployment ?? false,
      }),
    );
    service = out.service;
  } catch (error) {
    if (classifyAwsError(error) !== 'transient') throw explainAwsError(error, 'ecs:UpdateService');
    deps.reporter.warning(
      `ecs:UpdateService gave no clear answer (${errorMessage(error)}); reading the service to see whether the update was applied.`,
    );
    // ECS reads are eventually consistent: an applied update can take a few seconds to show, so the
    // service is read again over the same grace a new deployment gets before it counts as missing.
    const seen = await pollUntil<Service>(
      deps.clock,
      {
        every: AMBIGUOUS_READ_EVERY_MS,
        deadline: updatedAt + NEW_DEPLOYMENT_GRACE_MS,
        maxConsecutiveErrors: 3,
      },
      async () => {
        const now = await findService(deps.ecs, target.cluster, target.service);
        return primaryRunning(now, target.taskDefinitionArn) ? { done: true, value: now } : { done: false };
      },
    ).catch((readError: unknown) => {
      // Neither the update nor the reads answered: what ECS did is unknown, and the update is what failed.
      deps.reporter.debug(
        `Reading the service after the unclear update failed too: ${errorMessage(readError)}`,
      );
      return undefined;
    });
    if (seen?.status !== 'done') throw new AwsCallError('ecs:UpdateService', error);
    const applied = primaryRunning(seen.value, target.taskDefinitionArn) as string;
    deps.reporter.info(`The update was applied (deployment ${applied}); watching it.`);
    return { deploymentId: applied, updatedAt, ...recordOf(seen.value) };
  }
  const deploymentId =
    primaryRunning(service, target.taskDefinitionArn) ??
    service?.deployments?.find((d) => d.status === 'PRIMARY')?.id;
  if (!deploymentId) {
    throw new AwsCallError(
      'ecs:UpdateService',
      new Error(`no PRIMARY deployment in the answer for ${service?.serviceName ?? target.service}`),
    );
  }
  return { deploymentId, updatedAt, ...recordOf(service) };
}

function recordOf(service: Service | undefined): { serviceDeploymentArn?: string } {
  return service?.currentServiceDeployment ? { serviceDeploymentArn: service.currentServiceDeployment } : {};
}
