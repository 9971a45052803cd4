import {
  DescribeTaskDefinitionCommand,
  ECSClient,
  ListTaskDefinitionsCommand,
  type DescribeTaskDefinitionCommandOutput,
  type Tag,
  type TaskDefinition,
} from '@aws-sdk/client-ecs';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { fixture } from '../deploy/fixtures';

export const FAMILY = 'strapi-production';
export const REPO = '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi';

export function arn(revision: number, family = FAMILY): string {
  return `arn:aws:ecs:ap-south-1:123456789012:task-definition/${family}:${revision}`;
}

export interface RevisionSpec {
  revision: number;
  family?: string | undefined;
  status?: 'ACTIVE' | 'INACTIVE' | undefined;
  /** Image reference after the repository: `:v3`, `@sha256:…`, `:v3@sha256:…`. */
  image: string;
  /** Tagged `git-sha` and `run-id`, as a revision this tool registered. */
  gitSha?: string | undefined;
  /** The `deploy-result` its run tagged once the verdict was in; absent when the run never got one. */
  result?: 'success' | 'failure' | undefined;
}

/**
 * A family of revisions made from the saved DescribeTaskDefinition response of the starter's task
 * definition: only revision, status, image and tags differ, as they do between real releases.
 */
export function revisionOf(spec: RevisionSpec): DescribeTaskDefinitionCommandOutput {
  const saved = fixture<{ taskDefinition: TaskDefinition; tags: Tag[] }>('describe-task-definition-strapi');
  const family = spec.family ?? FAMILY;
  const td: TaskDefinition = {
    ...saved.taskDefinition,
    family,
    revision: spec.revision,
    taskDefinitionArn: arn(spec.revision, family),
    status: spec.status ?? 'ACTIVE',
    registeredAt: new Date(Date.UTC(2026, 0, spec.revision)),
    containerDefinitions: saved.taskDefinition.containerDefinitions?.map((c) =>
      c.name === 'strapi' ? { ...c, image: `${REPO}${spec.image}` } : c,
    ),
  };
  const tags: Tag[] = saved.tags.filter((t) => t.key === 'app');
  if (spec.gitSha)
    tags.push({ key: 'git-sha', value: spec.gitSha }, { key: 'run-id', value: `run-${spec.revision}` });
  if (spec.result) tags.push({ key: 'deploy-result', value: spec.result });
  return { taskDefinition: td, tags, $metadata: {} };
}

/** ListTaskDefinitions and DescribeTaskDefinition answered from `revisions`, as ECS would. */
export function mockFamily(ecs: AwsClientStub<ECSClient>, revisions: RevisionSpec[]): void {
  const described = revisions.map(revisionOf);
  ecs.on(ListTaskDefinitionsCommand).callsFake((input: { familyPrefix?: string; status?: string }) => ({
    taskDefinitionArns: described
      .filter(
        (d) =>
          d.taskDefinition?.family === input.familyPrefix &&
          d.taskDefinition?.status === (input.status ?? 'ACTIVE'),
      )
      .map((d) => d.taskDefinition?.taskDefinitionArn)
      .sort()
      .reverse(),
  }));
  ecs.on(DescribeTaskDefinitionCommand).callsFake((input: { taskDefinition?: string }) => {
    const wanted = input.taskDefinition ?? '';
    const found = described.find(
      (d) =>
        d.taskDefinition?.taskDefinitionArn === wanted ||
        `${d.taskDefinition?.family}:${d.taskDefinition?.revision}` === wanted,
    );
    if (!found) {
      const error = new Error('Unable to describe task definition.');
      error.name = 'ClientException';
      throw error;
    }
    return structuredClone(found);
  });
}
