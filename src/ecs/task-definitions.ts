import {
  DescribeTaskDefinitionCommand,
  RegisterTaskDefinitionCommand,
  type ECSClient,
  type RegisterTaskDefinitionCommandInput,
  type Tag,
  type TaskDefinition,
} from '@aws-sdk/client-ecs';
import { AwsCallError, awsErrorName, explainAwsError } from '../core/aws-errors';
import { ConfigurationError } from '../core/errors';

/** A revision with its tags, as DescribeTaskDefinition returns it with `include: ['TAGS']`. */
export interface DescribedRevision {
  taskDefinition: TaskDefinition;
  tags: Tag[];
}

function isNotFound(error: unknown): boolean {
  const name = awsErrorName(error);
  const message = (error as { message?: string } | null)?.message ?? '';
  return (
    (name === 'ClientException' || name === 'InvalidParameterException') &&
    /unable to describe|not found|does not exist|invalid revision/i.test(message)
  );
}

/**
 * DescribeTaskDefinition with tags, or undefined when the revision does not exist (ECS answers a
 * ClientException "Unable to describe task definition" for an unknown family or revision).
 */
export async function findRevision(
  ecs: ECSClient,
  taskDefinition: string,
): Promise<DescribedRevision | undefined> {
  try {
    const out = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition, include: ['TAGS'] }));
    if (!out.taskDefinition?.taskDefinitionArn) return undefined;
    return { taskDefinition: out.taskDefinition, tags: out.tags ?? [] };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw explainAwsError(error, 'ecs:DescribeTaskDefinition');
  }
}

/** A revision that must exist (the one a service runs): a ConfigurationError naming it otherwise. */
export async function describeRevision(ecs: ECSClient, taskDefinition: string): Promise<DescribedRevision> {
  const found = await findRevision(ecs, taskDefinition);
  if (!found) throw new ConfigurationError(`Task definition ${taskDefinition} not found.`);
  return found;
}

/** Registers a revision; the ARN it got. A failure names the call (it is the first change a deploy makes). */
export async function registerRevision(
  ecs: ECSClient,
  input: RegisterTaskDefinitionCommandInput,
): Promise<string> {
  try {
    const out = await ecs.send(new RegisterTaskDefinitionCommand(input));
    const arn = out.taskDefinition?.taskDefinitionArn;
    if (!arn)
      throw new AwsCallError('ecs:RegisterTaskDefinition', new Error('no taskDefinitionArn in the answer'));
    return arn;
  } catch (error) {
    throw explainAwsError(error, 'ecs:RegisterTaskDefinition');
  }
}

/** The image of the named container, else of the `strapi` container, else of the first essential one. */
export function mainImage(td: TaskDefinition, containerName?: string): string | undefined {
  const containers = td.containerDefinitions ?? [];
  const chosen =
    (containerName ? containers.find((c) => c.name === containerName) : undefined) ??
    containers.find((c) => c.name === 'strapi') ??
    containers.find((c) => c.essential !== false) ??
    containers[0];
  return chosen?.image;
}
