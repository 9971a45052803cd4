import { ListStackResourcesCommand, type CloudFormationClient } from '@aws-sdk/client-cloudformation';
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  type ECSClient,
  type KeyValuePair,
  type Secret,
} from '@aws-sdk/client-ecs';
import { isPlaceholderImage, startFromArn } from '../ecs/placeholder';

/** The container of the baseline's task definition that runs Strapi. */
export const STRAPI_CONTAINER = 'strapi';

/** What the service of an existing stack runs now. */
export type RunningRelease =
  | { kind: 'placeholder'; taskDefinitionArn: string }
  | {
      kind: 'strapi';
      taskDefinitionArn: string;
      imageUri: string;
      environment: KeyValuePair[];
      secrets: Secret[];
    };

/** Physical IDs of the stack's resources by logical ID (every page of ListStackResources). */
async function physicalIds(
  cloudformation: CloudFormationClient,
  stackName: string,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  let NextToken: string | undefined;
  do {
    const page = await cloudformation.send(
      new ListStackResourcesCommand({ StackName: stackName, NextToken }),
    );
    for (const r of page.StackResourceSummaries ?? []) {
      if (r.LogicalResourceId && r.PhysicalResourceId) ids.set(r.LogicalResourceId, r.PhysicalResourceId);
    }
    NextToken = page.NextToken;
  } while (NextToken);
  return ids;
}

/**
 * Reads the revision the stack's service runs (ECS DescribeServices + DescribeTaskDefinition), so that a
 * template update keeps the deployed image and the variables deploys added instead of putting the
 * placeholder back. Undefined when the stack has no service (yet).
 */
export async function readRunningRelease(
  clients: { cloudformation: CloudFormationClient; ecs: ECSClient },
  stackName: string,
): Promise<RunningRelease | undefined> {
  const ids = await physicalIds(clients.cloudformation, stackName);
  const cluster = ids.get('Cluster');
  const service = ids.get('Service');
  if (!cluster || !service) return undefined;
  const { services = [] } = await clients.ecs.send(
    new DescribeServicesCommand({ cluster, services: [service] }),
  );
  const taskDefinitionArn = services.find((s) => s.status === 'ACTIVE')?.taskDefinition;
  if (!taskDefinitionArn) return undefined;
  const { taskDefinition, tags } = await clients.ecs.send(
    new DescribeTaskDefinitionCommand({ taskDefinition: taskDefinitionArn, include: ['TAGS'] }),
  );
  const container = taskDefinition?.containerDefinitions?.find((c) => c.name === STRAPI_CONTAINER);
  if (startFromArn(tags) || isPlaceholderImage(container?.image))
    return { kind: 'placeholder', taskDefinitionArn };
  if (!container?.image) {
    throw new Error(
      `The service runs ${taskDefinitionArn}, which has no container "${STRAPI_CONTAINER}" with an image; provision cannot tell which image to keep. Pass \`image-uri\`.`,
    );
  }
  return {
    kind: 'strapi',
    taskDefinitionArn,
    imageUri: container.image,
    environment: container.environment ?? [],
    secrets: container.secrets ?? [],
  };
}
