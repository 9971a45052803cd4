import { readFile } from 'node:fs/promises';
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  type ContainerDefinition,
  type ECSClient,
  type Service,
} from '@aws-sdk/client-ecs';
import { ConfigurationError, errorMessage } from '../core/errors';
import { checkImageUri } from './image-uri';
import {
  parseTaskDefinitionFile,
  renderTaskDefinition,
  selectContainer,
  type TaskDefinitionSource,
} from './render';
import { explainAwsError, findService, withPatience } from './service-lookup';
import { waitForRollout } from './watch';
import type { DeployOutcome, DeployRequest, EngineDeps, RolloutOutcome, WaitOptions } from './types';

export type {
  DeployOutcome,
  DeployRequest,
  DeployStatus,
  EngineDeps,
  RolloutOutcome,
  RolloutVerdict,
  StoppedTaskReport,
  WaitOptions,
} from './types';
export { renderDeploySummary } from './summary';
export {
  readDeployServiceInputs,
  readDeployTargetInputs,
  toDeployRequest,
  type DeployServiceInputs,
  type DeployTargetInputs,
} from './inputs';

function revision(arn: string): string {
  return arn.split('/').pop() ?? arn;
}

async function loadSource(
  deps: EngineDeps,
  request: DeployRequest,
  service: Service,
): Promise<TaskDefinitionSource> {
  if (request.taskDefinitionFile) return readTaskDefinitionFile(request.taskDefinitionFile);
  return describeTaskDefinition(deps.ecs, service.taskDefinition ?? '', deps.clock);
}

/** A task definition JSON file from the user's repository (the `task-definition` input). */
export async function readTaskDefinitionFile(file: string): Promise<TaskDefinitionSource> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigurationError(`Input \`task-definition\`: cannot read ${file} (${errorMessage(error)}).`);
  }
  return parseTaskDefinitionFile(text, file);
}

/** A registered revision with its tags, as a deploy starts from it. */
export async function describeTaskDefinition(
  ecs: ECSClient,
  arn: string,
  clock?: EngineDeps['clock'],
): Promise<TaskDefinitionSource> {
  try {
    const out = await withPatience(clock, () =>
      ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn, include: ['TAGS'] })),
    );
    if (!out.taskDefinition) throw new ConfigurationError(`Task definition ${arn} not found.`);
    return { taskDefinition: out.taskDefinition, tags: out.tags ?? [] };
  } catch (error) {
    throw explainAwsError(error, 'ecs:DescribeTaskDefinition');
  }
}

/** The deployment an UpdateService started: the PRIMARY one running the requested revision. */
function primaryDeploymentId(service: Service | undefined, taskDefinitionArn: string): string {
  const deployments = service?.deployments ?? [];
  const primary =
    deployments.find((d) => d.status === 'PRIMARY' && d.taskDefinition === taskDefinitionArn) ??
    deployments.find((d) => d.status === 'PRIMARY');
  if (!primary?.id)
    throw new Error(
      `UpdateService returned no PRIMARY deployment for ${service?.serviceName ?? 'the service'}.`,
    );
  return primary.id;
}

/** A service and the existing task definition it is to run. */
interface RollTarget {
  cluster: string;
  service: string;
  taskDefinitionArn: string;
  desiredCount?: number;
  forceNewDeployment?: boolean;
}

async function updateService(ecs: ECSClient, target: RollTarget): Promise<string> {
  try {
    const out = await ecs.send(
      new UpdateServiceCommand({
        cluster: target.cluster,
        service: target.service,
        taskDefinition: target.taskDefinitionArn,
        ...(target.desiredCount !== undefined ? { desiredCount: target.desiredCount } : {}),
        forceNewDeployment: target.forceNewDeployment ?? false,
      }),
    );
    return primaryDeploymentId(out.service, target.taskDefinitionArn);
  } catch (error) {
    throw explainAwsError(error, 'ecs:UpdateService');
  }
}

function eventIds(service: Service): string[] {
  return (service.events ?? []).map((e) => e.id ?? '').filter(Boolean);
}

async function containersOf(ecs: ECSClient, arn: string): Promise<ContainerDefinition[]> {
  try {
    return (await describeTaskDefinition(ecs, arn)).taskDefinition.containerDefinitions ?? [];
  } catch {
    return [];
  }
}

/**
 * Puts a service on an existing task definition and waits for that deployment. Used for the
 * automatic rollback and by the rollback action.
 */
export async function rollServiceTo(
  deps: EngineDeps,
  target: RollTarget,
  wait: WaitOptions,
): Promise<RolloutOutcome> {
  const service = await findService(deps.ecs, target.cluster, target.service, deps.clock);
  const containers = await containersOf(deps.ecs, target.taskDefinitionArn);
  deps.reporter.info(`Rolling ${target.service} to ${revision(target.taskDefinitionArn)}.`);
  const deploymentId = await updateService(deps.ecs, target);
  return waitForRollout(
    deps,
    {
      cluster: target.cluster,
      service: target.service,
      deploymentId,
      taskDefinitionArn: target.taskDefinitionArn,
      containers,
      appContainer: safeAppContainer(containers),
      seenEventIds: eventIds(service),
      label: 'rollback',
    },
    wait,
  );
}

function safeAppContainer(containers: ContainerDefinition[]): string {
  try {
    return selectContainer(containers).name ?? '';
  } catch {
    return containers[0]?.name ?? '';
  }
}

/**
 * Registers a revision running `request.image`, rolls the service to it and waits. A rollout that
 * does not end healthy is an outcome, not an exception; bad input or a missing resource throws a
 * ConfigurationError before anything is registered.
 */
export async function deployService(deps: EngineDeps, request: DeployRequest): Promise<DeployOutcome> {
  const { ecs, reporter } = deps;
  checkImageUri(request.image);
  const service = await findService(ecs, request.cluster, request.service, deps.clock);
  const previousTaskDefinitionArn = service.taskDefinition ?? '';
  const source = await loadSource(deps, request, service);
  const rendered = renderTaskDefinition(source, {
    image: request.image,
    containerName: request.containerName,
    environment: request.environment,
    secrets: request.secrets,
    revisionTags: request.revisionTags,
  });
  if (rendered.droppedFields.length) {
    reporter.warning(
      `Ignored fields RegisterTaskDefinition does not accept: ${rendered.droppedFields.join(', ')}.`,
    );
  }

  // Validation is over: from here on AWS changes.
  let taskDefinitionArn: string;
  try {
    const out = await ecs.send(new RegisterTaskDefinitionCommand(rendered.input));
    taskDefinitionArn = out.taskDefinition?.taskDefinitionArn ?? '';
    if (!taskDefinitionArn) throw new Error('RegisterTaskDefinition returned no taskDefinitionArn.');
  } catch (error) {
    throw explainAwsError(error, 'ecs:RegisterTaskDefinition');
  }
  reporter.info(
    `Registered ${revision(taskDefinitionArn)} (${rendered.containerName}: ${rendered.previousImage ?? '?'} -> ${request.image}).`,
  );

  const deploymentId = await updateService(ecs, {
    cluster: request.cluster,
    service: request.service,
    taskDefinitionArn,
    desiredCount: request.desiredCount,
    forceNewDeployment: request.forceNewDeployment,
  });
  reporter.info(
    `Rolling ${request.service} from ${revision(previousTaskDefinitionArn)} to ${revision(taskDefinitionArn)} (deployment ${deploymentId}).`,
  );

  const rollout = await waitForRollout(
    deps,
    {
      cluster: request.cluster,
      service: request.service,
      deploymentId,
      taskDefinitionArn,
      containers: rendered.input.containerDefinitions ?? [],
      appContainer: rendered.containerName,
      seenEventIds: eventIds(service),
      label: 'deploy',
    },
    request.wait,
  );
  const base = {
    rollout,
    previousTaskDefinitionArn,
    taskDefinitionArn,
    image: request.image,
    containerName: rendered.containerName,
  };
  if (rollout.verdict === 'succeeded') {
    reporter.info(`Deployed: ${rollout.reason}`);
    return { status: 'succeeded', ...base };
  }
  reporter.warning(`Rollout ${rollout.verdict}: ${rollout.reason}`);
  for (const task of rollout.stoppedTasks) {
    if (task.logTail.length)
      reporter.info(`Last lines of ${task.logSource ?? 'the log'}:\n${task.logTail.join('\n')}`);
  }
  if (
    !request.rollbackOnFailure ||
    !previousTaskDefinitionArn ||
    previousTaskDefinitionArn === taskDefinitionArn
  ) {
    return { status: rollout.verdict === 'timed-out' ? 'timed-out' : 'failed', ...base };
  }
  return rollBack(deps, request, base);
}

/**
 * Back to the revision that ran before. When ECS's circuit breaker already started that rollback,
 * watch its deployment instead of starting another one.
 */
async function rollBack(
  deps: EngineDeps,
  request: DeployRequest,
  base: Omit<DeployOutcome, 'status'>,
): Promise<DeployOutcome> {
  const { ecs, reporter } = deps;
  const failedStatus: DeployOutcome['status'] = base.rollout.verdict === 'timed-out' ? 'timed-out' : 'failed';
  let rollback: RolloutOutcome;
  let rollbackBy: DeployOutcome['rollbackBy'];
  try {
    const now = (
      await withPatience(deps.clock, () =>
        ecs.send(new DescribeServicesCommand({ cluster: request.cluster, services: [request.service] })),
      )
    ).services?.[0];
    const primary = now?.deployments?.find((d) => d.status === 'PRIMARY');
    const wait = request.wait;
    if (
      primary?.id &&
      primary.taskDefinition === base.previousTaskDefinitionArn &&
      primary.id !== base.rollout.deploymentId
    ) {
      rollbackBy = 'ecs-circuit-breaker';
      reporter.info(
        `ECS is already rolling back to ${revision(base.previousTaskDefinitionArn)} (deployment ${primary.id}); waiting for it.`,
      );
      const containers = await containersOf(ecs, base.previousTaskDefinitionArn);
      rollback = await waitForRollout(
        deps,
        {
          cluster: request.cluster,
          service: request.service,
          deploymentId: primary.id,
          taskDefinitionArn: base.previousTaskDefinitionArn,
          containers,
          appContainer: safeAppContainer(containers),
          seenEventIds: eventIds(now ?? {}),
          label: 'rollback',
        },
        wait,
      );
    } else {
      rollbackBy = 'strapi-deploy';
      rollback = await rollServiceTo(
        deps,
        {
          cluster: request.cluster,
          service: request.service,
          taskDefinitionArn: base.previousTaskDefinitionArn,
        },
        wait,
      );
    }
  } catch (error) {
    reporter.warning(
      `Rollback to ${revision(base.previousTaskDefinitionArn)} could not be completed: ${errorMessage(error)}`,
    );
    return { status: failedStatus, ...base };
  }
  if (rollback.verdict === 'succeeded') {
    reporter.info(`Rolled back to ${revision(base.previousTaskDefinitionArn)}: ${rollback.reason}`);
    return { status: 'rolled-back', ...base, rollback, rollbackBy };
  }
  reporter.warning(`Rollback ${rollback.verdict}: ${rollback.reason}`);
  return { status: failedStatus, ...base, rollback, rollbackBy };
}
