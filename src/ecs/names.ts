import { ConfigurationError } from '../core/errors';

/** Names as ECS spells them, shared by the deploy engine, the rollback and the release history. */

export interface TaskDefinitionName {
  family: string;
  revision: number;
}

/** `arn:aws:ecs:<region>:<account>:task-definition/<family>:<revision>` or `<family>:<revision>`. */
export function parseTaskDefinitionArn(arnOrName: string): TaskDefinitionName | undefined {
  const name = arnOrName.includes(':task-definition/')
    ? arnOrName.slice(arnOrName.indexOf(':task-definition/') + ':task-definition/'.length)
    : arnOrName;
  const match = /^([A-Za-z0-9_-]{1,255}):(\d+)$/.exec(name);
  if (!match) return undefined;
  return { family: match[1] as string, revision: Number(match[2]) };
}

/** `family:revision`, the short name people read in logs and summaries. */
export function shortTaskDefinitionName(arn: string): string {
  const parsed = parseTaskDefinitionArn(arn);
  return parsed ? `${parsed.family}:${parsed.revision}` : arn;
}

/** Last path segment of a cluster or service ARN, so names and ARNs compare equal. */
export function resourceName(nameOrArn: string): string {
  const slash = nameOrArn.lastIndexOf('/');
  return slash >= 0 ? nameOrArn.slice(slash + 1) : nameOrArn;
}

/** The region an ECS ARN names (`arn:aws:ecs:<region>:…`), or undefined for a plain name. */
export function arnRegion(nameOrArn: string): string | undefined {
  return /^arn:aws[a-z-]*:ecs:([a-z0-9-]+):/.exec(nameOrArn)?.[1];
}

/**
 * A cluster, service or task definition given as an ARN must be in the region the step works in: the
 * clients of another region would answer "not found", and a rollback could pick the wrong family.
 */
export function checkArnRegion(value: string, region: string, input: string): void {
  const named = arnRegion(value);
  if (named && named !== region) {
    throw new ConfigurationError(
      `: "${value}" is in ${named}, but the step works in ${region} (\`aws-region\`); use a name or an ARN of ${region}.`,
      input,
    );
  }
}

/** The ECS console page of a service's deployments. */
export function consoleUrl(region: string, cluster: string, service: string): string {
  return `https://${region}.console.aws.amazon.com/ecs/v2/clusters/${encodeURIComponent(resourceName(cluster))}/services/${encodeURIComponent(resourceName(service))}/deployments`;
}
