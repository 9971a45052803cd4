import {
  DescribeServicesCommand,
  ListClustersCommand,
  ListServicesCommand,
  type Deployment,
  type ECSClient,
  type Service,
} from '@aws-sdk/client-ecs';
import { awsErrorName, explainAwsError } from '../core/aws-errors';
import { ConfigurationError, errorMessage } from '../core/errors';
import { shortTaskDefinitionName } from './names';

/** Names that exist, for a "not found" message; a failed listing says why instead of hiding it. */
async function listing(kind: string, list: () => Promise<string[] | undefined>): Promise<string> {
  try {
    const names = (await list()) ?? [];
    return names.length ? `${kind} that exist: ${names.join(', ')}` : `no ${kind} exist there`;
  } catch (error) {
    return `the ${kind} there could not be listed (${errorMessage(error)})`;
  }
}

const lastSegment = (arn: string): string => arn.split('/').pop() ?? arn;

async function clusterListing(ecs: ECSClient): Promise<string> {
  return listing('clusters', async () =>
    (await ecs.send(new ListClustersCommand({ maxResults: 100 }))).clusterArns?.map(lastSegment),
  );
}

async function serviceListing(ecs: ECSClient, cluster: string): Promise<string> {
  return listing('services', async () =>
    (await ecs.send(new ListServicesCommand({ cluster, maxResults: 100 }))).serviceArns?.map(lastSegment),
  );
}

/**
 * The service as ECS describes it, or a ConfigurationError naming the cluster or service that was
 * not found and listing the ones that exist, so a typo is obvious.
 */
export async function findService(ecs: ECSClient, cluster: string, service: string): Promise<Service> {
  let out;
  try {
    out = await ecs.send(new DescribeServicesCommand({ cluster, services: [service] }));
  } catch (error) {
    if (awsErrorName(error) === 'ClusterNotFoundException') {
      throw new ConfigurationError(`Cluster "${cluster}" not found; ${await clusterListing(ecs)}.`);
    }
    throw explainAwsError(error, 'ecs:DescribeServices');
  }
  const found = out.services?.find((s) => s.serviceName === service || s.serviceArn === service);
  const failure = out.failures?.[0];
  if (failure?.reason === 'MISSING' && /:cluster\//.test(failure.arn ?? '')) {
    throw new ConfigurationError(`Cluster "${cluster}" not found; ${await clusterListing(ecs)}.`);
  }
  if (!found || found.status === 'INACTIVE') {
    throw new ConfigurationError(
      `Service "${service}" not found in cluster "${cluster}"; ${await serviceListing(ecs, cluster)}.`,
    );
  }
  if (found.status === 'DRAINING') {
    throw new ConfigurationError(`Service "${service}" in cluster "${cluster}" is being deleted (DRAINING).`);
  }
  if (found.deploymentController?.type && found.deploymentController.type !== 'ECS') {
    throw new ConfigurationError(
      `Service "${service}" uses the ${found.deploymentController.type} deployment controller; only the ECS controller is supported.`,
    );
  }
  return found;
}

/** The revision the service is set to run: its PRIMARY deployment's, else the service's own field. */
export function primaryTaskDefinition(service: Service): string {
  return (
    service.deployments?.find((d) => d.status === 'PRIMARY')?.taskDefinition ?? service.taskDefinition ?? ''
  );
}

/** The deployment rolling out now, if any: more than one deployment, or the PRIMARY still IN_PROGRESS. */
export function deploymentInFlight(service: Service): Deployment | undefined {
  const deployments = service.deployments ?? [];
  const primary = deployments.find((d) => d.status === 'PRIMARY');
  if (deployments.length > 1) return primary ?? deployments[0];
  return primary?.rolloutState === 'IN_PROGRESS' ? primary : undefined;
}

/** `ecs-svc/… (to strapi:7, IN_PROGRESS, started …, 1/2 tasks running)`: a deployment as a person reads it. */
export function describeDeployment(deployment: Deployment): string {
  const parts = [
    deployment.taskDefinition ? `to ${shortTaskDefinitionName(deployment.taskDefinition)}` : undefined,
    deployment.rolloutState ?? deployment.status,
    deployment.createdAt ? `started ${deployment.createdAt.toISOString()}` : undefined,
    `${deployment.runningCount ?? 0}/${deployment.desiredCount ?? 0} tasks running`,
  ].filter(Boolean);
  return `${deployment.id ?? 'deployment'} (${parts.join(', ')})`;
}
