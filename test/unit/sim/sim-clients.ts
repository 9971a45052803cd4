import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ECRClient } from '@aws-sdk/client-ecr';
import { DescribeServicesCommand, ECSClient, type Service } from '@aws-sdk/client-ecs';
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
