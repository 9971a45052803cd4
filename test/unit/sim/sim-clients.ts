import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ECRClient } from '@aws-sdk/client-ecr';
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  type RegisterTaskDefinitionCommandInput,
  type Service,
} from '@aws-sdk/client-ecs';
import type { Simulator } from '../../../sim';

/** Real SDK clients aimed at the simulator over HTTP, as the product's client factory would be. */
export function simClients(
  sim: Simulator,
  maxAttempts = 3,
): { ecs: ECSClient; ecr: ECRClient; logs: CloudWatchLogsClient } {
  const config = {
    endpoint: sim.url,
    region: sim.region,
    maxAttempts,
    credentials: { accessKeyId: 'simulator', secretAccessKey: 'simulator' },
  };
  return { ecs: new ECSClient(config), ecr: new ECRClient(config), logs: new CloudWatchLogsClient(config) };
}

export async function describeService(ecs: ECSClient, cluster: string, service: string): Promise<Service> {
  const out = await ecs.send(new DescribeServicesCommand({ cluster, services: [service] }));
  const found = out.services?.[0];
  if (!found) throw new Error(`service ${service} missing: ${JSON.stringify(out.failures)}`);
  return found;
}

/** Polls every `pollMs` of virtual time until `done` holds or `limitMs` has passed; returns the last answer. */
export async function pollService(
  sim: Simulator,
  ecs: ECSClient,
  done: (service: Service) => boolean,
  limitMs: number,
  pollMs = 5_000,
): Promise<Service> {
  const deadline = sim.now() + limitMs;
  let service = await describeService(ecs, 'strapi', 'strapi');
  while (!done(service) && sim.now() < deadline) {
    await sim.clock.sleep(pollMs);
    service = await describeService(ecs, 'strapi', 'strapi');
  }
  return service;
}

/**
 * What the deploy engine does: a new revision of the current definition with another image, then
 * UpdateService. Returns the new definition and the PRIMARY deployment UpdateService answered with.
 */
export async function deployImage(
  ecs: ECSClient,
  image: string,
): Promise<{ taskDefinitionArn: string; deploymentId: string; service: Service | undefined }> {
  const current = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'strapi' }));
  const definition = current.taskDefinition;
  if (!definition?.containerDefinitions) throw new Error('no task definition');
  const input: RegisterTaskDefinitionCommandInput = {
    family: definition.family,
    taskRoleArn: definition.taskRoleArn,
    executionRoleArn: definition.executionRoleArn,
    networkMode: definition.networkMode,
    requiresCompatibilities: definition.requiresCompatibilities,
    cpu: definition.cpu,
    memory: definition.memory,
    containerDefinitions: definition.containerDefinitions.map((c) => ({ ...c, image })),
  };
  const registered = await ecs.send(new RegisterTaskDefinitionCommand(input));
  const taskDefinitionArn = registered.taskDefinition?.taskDefinitionArn ?? '';
  const updated = await ecs.send(
    new UpdateServiceCommand({ cluster: 'strapi', service: 'strapi', taskDefinition: taskDefinitionArn }),
  );
  const deploymentId = updated.service?.deployments?.find((d) => d.status === 'PRIMARY')?.id ?? '';
  return { taskDefinitionArn, deploymentId, service: updated.service };
}

/** Advances virtual time in 1 s steps until `done` holds (read from the simulator's state) or `limitMs` passes. */
export function advanceUntil(sim: Simulator, done: () => boolean, limitMs: number): boolean {
  const deadline = sim.now() + limitMs;
  while (!done()) {
    if (sim.now() >= deadline) return false;
    sim.advance(1000);
  }
  return true;
}
