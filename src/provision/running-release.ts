import { DescribeStackResourceCommand, type CloudFormationClient } from '@aws-sdk/client-cloudformation';
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  type ECSClient,
  type KeyValuePair,
  type Secret,
} from '@aws-sdk/client-ecs';
import { startFromArn } from './placeholder';

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

async function physicalId(
  cloudformation: CloudFormationClient,
  stackName: string,
  logicalId: string,
): Promise<string | undefined> {
  try {
    const out = await cloudformation.send(
      new DescribeStackResourceCommand({ StackName: stackName, LogicalResourceId: logicalId }),
    );
    return out.StackResourceDetail?.PhysicalResourceId || undefined;
  } catch (error) {
    if ((error as { name?: string }).name === 'ValidationError') return undefined;
    throw error;
  }
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
  const cluster = await physicalId(clients.cloudformation, stackName, 'Cluster');
  const service = await physicalId(clients.cloudformation, stackName, 'Service');
  if (!cluster || !service) return undefined;
  const { services = [] } = await clients.ecs.send(
    new DescribeServicesCommand({ cluster, services: [service] }),
  );
  const taskDefinitionArn = services.find((s) => s.status === 'ACTIVE')?.taskDefinition;
  if (!taskDefinitionArn) return undefined;
  const { taskDefinition, tags } = await clients.ecs.send(
    new DescribeTaskDefinitionCommand({ taskDefinition: taskDefinitionArn, include: ['TAGS'] }),
  );
  if (startFromArn(tags)) return { kind: 'placeholder', taskDefinitionArn };
  const container = taskDefinition?.containerDefinitions?.find((c) => c.name === STRAPI_CONTAINER);
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
