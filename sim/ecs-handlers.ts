import { AwsError, clientException, invalidParameter } from './aws-error';
import {
  seconds,
  type ClusterRecord,
  type DeploymentRecord,
  type EcsState,
  type JsonObject,
  type ServiceDeploymentRecord,
  type ServiceRecord,
  type ServiceRevisionRef,
  type TaskDefinitionRecord,
  type TaskRecord,
} from './ecs-state';
import { loadBalancedFromRequest, renderLoadBalancers } from './load-balancer';
import { deployRevision, isUnfinished, type RolloutContext } from './rollout';
import type { HandlerTable } from './server';
import { readStrategyConfig, renderShift, renderStrategyConfig, trafficWeights } from './strategies';

/* eslint-disable @typescript-eslint/no-explicit-any -- handler inputs are JSON already checked against the SDK schema */

const clusterNotFound = (): AwsError => new AwsError('ClusterNotFoundException', 'Cluster not found.');

/** ListTasks members that filter; with `realism.listTasksFilterRules` startedBy must be used alone. */
const LIST_TASKS_FILTERS = [
  'containerInstance',
  'family',
  'serviceName',
  'desiredStatus',
  'launchType',
  'daemonName',
];

export function ecsHandlers(ctx: RolloutContext, now: () => number): HandlerTable {
  const { state, realism } = ctx;
  const cluster = (nameOrArn: string | undefined): ClusterRecord => {
    const found = state.findCluster(nameOrArn);
    if (!found) throw clusterNotFound();
    return found;
  };
  const service = (c: ClusterRecord, nameOrArn: string): ServiceRecord => {
    const found = state.findService(c, nameOrArn);
    if (!found) throw new AwsError('ServiceNotFoundException', 'Service not found.');
    return found;
  };
  const activeTaskDefinition = (ref: string): TaskDefinitionRecord => {
    const found = state.findTaskDefinition(ref);
    if (!found) throw clientException('TaskDefinition not found.');
    if (found.status !== 'ACTIVE') throw clientException(`TaskDefinition is inactive`);
    return found;
  };

  return {
    CreateCluster(input: any) {
      const name: string = input.clusterName ?? 'default';
      let record = state.clusters.get(name);
      if (!record) {
        record = { name, arn: state.arn(`cluster/${name}`), services: new Map(), tasks: [] };
        state.clusters.set(name, record);
        if (input.tags) state.tags.set(record.arn, copyTags(input.tags));
      }
      return { cluster: renderCluster(state, record) };
    },

    DescribeClusters(input: any) {
      const refs: string[] = input.clusters ?? ['default'];
      const clusters = refs.map((ref) => state.findCluster(ref));
      return {
        clusters: clusters
          .filter((c): c is ClusterRecord => c !== undefined)
          .map((c) => renderCluster(state, c)),
        failures: refs
          .filter((_, i) => clusters[i] === undefined)
          .map((ref) => ({
            arn: ref.startsWith('arn:') ? ref : state.arn(`cluster/${ref}`),
            reason: 'MISSING',
          })),
      };
    },

    RegisterTaskDefinition(input: any) {
      const record = registerTaskDefinition(state, input, now());
      return { taskDefinition: record.body, ...(input.tags ? { tags: input.tags } : {}) };
    },

    DescribeTaskDefinition(input: any) {
      const record = state.findTaskDefinition(input.taskDefinition);
      if (!record) throw clientException('Unable to describe task definition.');
      const withTags = (input.include ?? []).includes('TAGS');
      return { taskDefinition: record.body, ...(withTags ? { tags: state.tags.get(record.arn) ?? [] } : {}) };
    },

    DeregisterTaskDefinition(input: any) {
      const ref: string = input.taskDefinition;
      if (!/:\d+$/.test(ref))
        throw clientException('Invalid revision number. Number: ' + (ref.split(':')[1] ?? ''));
      const record = state.findTaskDefinition(ref);
      if (!record) throw clientException('The specified task definition does not exist.');
      record.status = 'INACTIVE';
      record.body.status = 'INACTIVE';
      record.body.deregisteredAt = seconds(now());
      return { taskDefinition: record.body };
    },

    ListTaskDefinitions(input: any) {
      const status: string = input.status ?? 'ACTIVE';
      const all = [...state.families.values()]
        .flat()
        .filter(
          (r) =>
            (input.familyPrefix === undefined || r.family === input.familyPrefix) &&
            (status === 'ALL' || r.status === status),
        )
        .sort((a, b) => a.family.localeCompare(b.family) || a.revision - b.revision)
        .map((r) => r.arn);
      if (input.sort === 'DESC') all.reverse();
      return paginate(all, input, 'taskDefinitionArns');
    },

    TagResource(input: any) {
      const tags = state.tags.get(input.resourceArn) ?? [];
      for (const tag of input.tags as Array<{ key: string; value: string }>) {
        const existing = tags.find((t) => t.key === tag.key);
        if (existing) existing.value = tag.value;
        else tags.push({ key: tag.key, value: tag.value });
      }
      state.tags.set(input.resourceArn, tags);
      return {};
    },

    UntagResource(input: any) {
      const tags = state.tags.get(input.resourceArn) ?? [];
      state.tags.set(
        input.resourceArn,
        tags.filter((t) => !(input.tagKeys as string[]).includes(t.key)),
      );
      return {};
    },

    ListTagsForResource(input: any) {
      if (!/^arn:/.test(input.resourceArn)) throw invalidParameter('Invalid resource ARN.');
      return { tags: state.tags.get(input.resourceArn) ?? [] };
    },

    CreateService(input: any) {
      const c = cluster(input.cluster);
      if (c.services.has(input.serviceName))
        throw invalidParameter('Creation of service was not idempotent.');
      if (!input.taskDefinition) throw invalidParameter('TaskDefinition must be specified.');
      const taskDefinition = activeTaskDefinition(input.taskDefinition);
      const at = now();
      const config = input.deploymentConfiguration ?? {};
      const loadBalanced = loadBalancedFromRequest(input);
      const record: ServiceRecord = {
        name: input.serviceName,
        arn: state.arn(`service/${c.name}/${input.serviceName}`),
        clusterArn: c.arn,
        taskDefinitionArn: taskDefinition.arn,
        desiredCount: input.desiredCount ?? 0,
        launchType: input.launchType ?? 'FARGATE',
        deploymentConfiguration: {
          deploymentCircuitBreaker: {
            enable: config.deploymentCircuitBreaker?.enable ?? false,
            rollback: config.deploymentCircuitBreaker?.rollback ?? false,
            ...(config.deploymentCircuitBreaker?.resetOnHealthyTask !== undefined
              ? { resetOnHealthyTask: config.deploymentCircuitBreaker.resetOnHealthyTask }
              : {}),
          },
          minimumHealthyPercent: config.minimumHealthyPercent ?? 100,
          maximumPercent: config.maximumPercent ?? 200,
          ...readStrategyConfig(config),
        },
        ...(input.networkConfiguration ? { networkConfiguration: input.networkConfiguration } : {}),
        ...(loadBalanced ? { loadBalanced } : {}),
        deployments: [],
        events: [],
        serviceDeployments: [],
        createdAt: at,
      };
      deployRevision(ctx, record, taskDefinition.arn, at);
      c.services.set(record.name, record);
      if (input.tags) state.tags.set(record.arn, copyTags(input.tags));
      return { service: renderService(state, c, record) };
    },

    UpdateService(input: any) {
      const c = cluster(input.cluster);
      const record = service(c, input.service);
      const at = now();
      if (input.deploymentConfiguration) {
        const config = input.deploymentConfiguration;
        const current = record.deploymentConfiguration;
        record.deploymentConfiguration = {
          deploymentCircuitBreaker: {
            ...current.deploymentCircuitBreaker,
            ...(config.deploymentCircuitBreaker ?? {}),
          },
          minimumHealthyPercent: config.minimumHealthyPercent ?? current.minimumHealthyPercent,
          maximumPercent: config.maximumPercent ?? current.maximumPercent,
          ...readStrategyConfig(config, current),
        };
      }
      if (input.desiredCount !== undefined) {
        if (input.desiredCount < 0) throw invalidParameter('Desired count must be non-negative.');
        record.desiredCount = input.desiredCount;
      }
      const taskDefinition = input.taskDefinition ? activeTaskDefinition(input.taskDefinition) : undefined;
      const changesTaskDefinition =
        taskDefinition !== undefined && taskDefinition.arn !== record.taskDefinitionArn;
      if (changesTaskDefinition || input.forceNewDeployment === true) {
        const previous = record.deployments.find((d) => d.status === 'PRIMARY');
        const deployment = deployRevision(ctx, record, taskDefinition?.arn ?? record.taskDefinitionArn, at);
        const lag = realism.describeServicesLagMs ?? 0;
        if (lag > 0) {
          record.staleView = {
            until: at + lag,
            updatedAt: at,
            hiddenDeploymentId: deployment.id,
            ...(previous
              ? { previous: { deploymentId: previous.id, taskDefinitionArn: previous.taskDefinitionArn } }
              : {}),
          };
        }
      } else if (input.desiredCount !== undefined) {
        // A scale-only update rolls within the current deployment.
        const primary = record.deployments.find((d) => d.status === 'PRIMARY');
        if (primary && primary.desiredCount !== record.desiredCount && primary.rolloutState === 'COMPLETED') {
          primary.rolloutState = 'IN_PROGRESS';
          primary.updatedAt = at;
        }
      }
      return { service: renderService(state, c, record) };
    },

    DescribeServices(input: any) {
      const c = cluster(input.cluster);
      const refs: string[] = input.services;
      if (refs.length > 10) throw invalidParameter('services can have at most 10 items.');
      const found = refs.map((ref) => state.findService(c, ref));
      return {
        services: found
          .filter((s): s is ServiceRecord => s !== undefined)
          .map((s) => renderService(state, c, s, (input.include ?? []).includes('TAGS'), now())),
        failures: refs
          .filter((_, i) => found[i] === undefined)
          .map((ref) => ({
            arn: ref.startsWith('arn:') ? ref : state.arn(`service/${c.name}/${ref}`),
            reason: 'MISSING',
          })),
      };
    },

    ListTasks(input: any) {
      const c = cluster(input.cluster);
      if (input.serviceName !== undefined && !state.findService(c, input.serviceName)) {
        throw new AwsError('ServiceNotFoundException', 'Service not found.');
      }
      if (realism.listTasksFilterRules) {
        // API reference, ListTasks: maxResults "can be between 1 and 100"; "When you specify
        // startedBy as the filter, it must be the only filter that you use." The message is the one
        // real ECS answers (https://github.com/aws/aws-sdk-go-v2/issues/1893).
        if (input.maxResults !== undefined && (input.maxResults < 1 || input.maxResults > 100))
          throw invalidParameter('maxResults must be between 1 and 100.');
        if (input.startedBy !== undefined && LIST_TASKS_FILTERS.some((k) => input[k] !== undefined))
          throw invalidParameter('cannot specify startedBy with other arguments');
      }
      // "Although you can filter results based on a desired status of PENDING, this doesn't return
      // any results" (API reference, ListTasks): no task has desiredStatus PENDING here either.
      const desiredStatus: string = input.desiredStatus ?? 'RUNNING';
      const arns = c.tasks
        .filter(
          (t) =>
            t.desiredStatus === desiredStatus &&
            (input.serviceName === undefined || t.serviceName === input.serviceName.replace(/^.*\//, '')) &&
            (input.startedBy === undefined || t.startedBy === input.startedBy) &&
            (input.family === undefined ||
              t.taskDefinitionArn.includes(`task-definition/${input.family}:`)) &&
            (input.launchType === undefined || input.launchType === 'FARGATE'),
        )
        .map((t) => t.arn);
      return paginate(arns, input, 'taskArns');
    },

    DescribeTasks(input: any) {
      const c = cluster(input.cluster);
      const refs: string[] = input.tasks;
      if (refs.length > 100) throw invalidParameter('tasks can have at most 100 items.');
      const found = refs.map((ref) => c.tasks.find((t) => t.arn === ref || t.id === ref));
      return {
        tasks: found.filter((t): t is TaskRecord => t !== undefined).map(renderTask),
        failures: refs
          .filter((_, i) => found[i] === undefined)
          .map((ref) => ({ arn: ref, reason: 'MISSING' })),
      };
    },

    // API reference, ListServiceDeployments: newest first here; status and createdAt filters;
    // "If this parameter isn't used, then ListServiceDeployments returns up to 20 results".
    ListServiceDeployments(input: any) {
      const c = cluster(input.cluster);
      const record = service(c, input.service);
      const statuses: string[] | undefined = input.status;
      const after: number | undefined = input.createdAt?.after;
      const before: number | undefined = input.createdAt?.before;
      const size: number = input.maxResults ?? 20;
      if (size < 1 || size > 100) throw invalidParameter('maxResults must be between 1 and 100.');
      const matching = [...record.serviceDeployments]
        .reverse()
        .filter(
          (sd) =>
            (statuses === undefined || statuses.includes(sd.status)) &&
            (after === undefined || sd.createdAt / 1000 >= after) &&
            (before === undefined || sd.createdAt / 1000 <= before),
        );
      const start = Number(input.nextToken ?? 0);
      return {
        serviceDeployments: matching.slice(start, start + size).map((sd) => ({
          serviceDeploymentArn: sd.arn,
          serviceArn: record.arn,
          clusterArn: c.arn,
          startedAt: seconds(sd.startedAt),
          createdAt: seconds(sd.createdAt),
          ...(sd.finishedAt !== undefined ? { finishedAt: seconds(sd.finishedAt) } : {}),
          targetServiceRevisionArn: sd.target.serviceRevisionArn,
          status: sd.status,
          ...(sd.statusReason !== undefined ? { statusReason: sd.statusReason } : {}),
        })),
        ...(start + size < matching.length ? { nextToken: String(start + size) } : {}),
      };
    },

    // API reference, DescribeServiceDeployments: "You can specify a maximum of 20 ARNs"; unknown
    // ARNs come back as failures with reason MISSING.
    DescribeServiceDeployments(input: any) {
      const arns: string[] = input.serviceDeploymentArns;
      if (arns.length > 20) throw invalidParameter('serviceDeploymentArns can have at most 20 items.');
      const found = arns.map((arn) => findServiceDeployment(state, arn));
      return {
        serviceDeployments: found
          .filter((f): f is NonNullable<typeof f> => f !== undefined)
          .map((f) => renderServiceDeployment(f.cluster, f.service, f.serviceDeployment)),
        failures: arns.filter((_, i) => found[i] === undefined).map((arn) => ({ arn, reason: 'MISSING' })),
      };
    },

    // API reference, StopServiceDeployment and the developer guide "Stopping Amazon ECS service
    // deployments": ROLLBACK is the stop type; PENDING/IN_PROGRESS move to ROLLBACK_REQUESTED,
    // ROLLBACK_REQUESTED/ROLLBACK_IN_PROGRESS/STOP_REQUESTED carry on; other states cannot be stopped.
    StopServiceDeployment(input: any) {
      const found = findServiceDeployment(state, input.serviceDeploymentArn);
      if (!found)
        throw new AwsError('ServiceDeploymentNotFoundException', 'The service deployment does not exist.');
      const sd = found.serviceDeployment;
      const stopType: string = input.stopType ?? 'ROLLBACK';
      if (stopType !== 'ROLLBACK')
        throw invalidParameter(`stopType ${stopType} is not supported; the valid value is ROLLBACK.`);
      if (sd.status === 'PENDING' || sd.status === 'IN_PROGRESS') {
        sd.status = 'ROLLBACK_REQUESTED';
        sd.updatedAt = now();
        sd.stopRequested = true;
      } else if (!isUnfinished(sd)) {
        throw new AwsError(
          'ConflictException',
          `The service deployment is ${sd.status} and cannot be stopped.`,
        );
      }
      return { serviceDeploymentArn: sd.arn };
    },
  };
}

function findServiceDeployment(
  state: EcsState,
  arn: string,
):
  { cluster: ClusterRecord; service: ServiceRecord; serviceDeployment: ServiceDeploymentRecord } | undefined {
  for (const c of state.clusters.values()) {
    for (const s of c.services.values()) {
      const serviceDeployment = s.serviceDeployments.find((sd) => sd.arn === arn);
      if (serviceDeployment) return { cluster: c, service: s, serviceDeployment };
    }
  }
  return undefined;
}

function revisionSummary(
  c: ClusterRecord,
  s: ServiceRecord,
  ref: ServiceRevisionRef,
  weights: JsonObject = {},
): JsonObject {
  const deployment = s.deployments.find((d) => d.id === ref.deploymentId);
  const { runningCount, pendingCount } = counts(c, ref.deploymentId);
  return {
    arn: ref.serviceRevisionArn,
    requestedTaskCount: deployment?.desiredCount ?? 0,
    runningTaskCount: runningCount,
    pendingTaskCount: pendingCount,
    ...weights,
  };
}

/** A ServiceDeployment as DescribeServiceDeployments returns it (SDK shape ServiceDeployment). */
export function renderServiceDeployment(
  c: ClusterRecord,
  s: ServiceRecord,
  sd: ServiceDeploymentRecord,
): JsonObject {
  const breaker = sd.breaker;
  const breakerStatus = !breaker.enabled
    ? 'DISABLED'
    : breaker.triggered
      ? 'TRIGGERED'
      : isUnfinished(sd)
        ? 'MONITORING'
        : 'MONITORING_COMPLETE';
  return {
    serviceDeploymentArn: sd.arn,
    serviceArn: s.arn,
    clusterArn: c.arn,
    createdAt: seconds(sd.createdAt),
    startedAt: seconds(sd.startedAt),
    ...(sd.finishedAt !== undefined ? { finishedAt: seconds(sd.finishedAt) } : {}),
    ...(sd.stoppedAt !== undefined ? { stoppedAt: seconds(sd.stoppedAt) } : {}),
    updatedAt: seconds(sd.updatedAt),
    sourceServiceRevisions: sd.sources.map((ref) => revisionSummary(c, s, ref, trafficWeights(sd, 'source'))),
    targetServiceRevision: revisionSummary(c, s, sd.target, trafficWeights(sd, 'target')),
    status: sd.status,
    ...(sd.statusReason !== undefined ? { statusReason: sd.statusReason } : {}),
    deploymentConfiguration: {
      deploymentCircuitBreaker: { ...s.deploymentConfiguration.deploymentCircuitBreaker },
      maximumPercent: s.deploymentConfiguration.maximumPercent,
      minimumHealthyPercent: s.deploymentConfiguration.minimumHealthyPercent,
      ...renderStrategyConfig(s.deploymentConfiguration),
    },
    ...(sd.rollback
      ? {
          rollback: {
            reason: sd.rollback.reason,
            startedAt: seconds(sd.rollback.startedAt),
            serviceRevisionArn: sd.rollback.serviceRevisionArn,
          },
        }
      : {}),
    deploymentCircuitBreaker: {
      status: breakerStatus,
      failureCount: breaker.failureCount,
      threshold: breaker.threshold,
    },
    alarms: { status: 'DISABLED' },
    ...renderShift(sd, s.deploymentConfiguration),
  };
}

/** Like ECS: checks the definition, fills the defaults ECS adds, and stores a new revision. */
export function registerTaskDefinition(state: EcsState, input: any, at: number): TaskDefinitionRecord {
  const family: string = input.family;
  if (!/^[A-Za-z0-9_-]{1,255}$/.test(family)) {
    throw clientException(
      'Family contains invalid characters. Only letters, numbers, hyphens and underscores are allowed, up to 255.',
    );
  }
  const containers: JsonObject[] = input.containerDefinitions;
  if (!containers.length) throw clientException('Container list cannot be empty.');
  for (const container of containers) {
    if (!container.name) throw clientException('Container.name should not be null or empty.');
    if (!container.image) throw clientException('Container.image should not be null or empty.');
  }
  const fargate = ((input.requiresCompatibilities as string[] | undefined) ?? []).includes('FARGATE');
  if (fargate) {
    if (input.networkMode !== 'awsvpc') throw clientException('Fargate only supports network mode ‘awsvpc’.');
    if (!input.cpu) throw clientException("Fargate requires that 'cpu' be defined at the task level.");
    if (!input.memory) throw clientException("Fargate requires that 'memory' be defined at the task level.");
  }
  if (!containers.some((c) => c.essential !== false)) {
    throw clientException(
      'Invalid setting for container definitions. At least one container must be essential.',
    );
  }

  const revisions = state.families.get(family) ?? [];
  const revision = (revisions.at(-1)?.revision ?? 0) + 1;
  const arn = state.arn(`task-definition/${family}:${revision}`);
  const awsvpc = input.networkMode === 'awsvpc';
  const body: JsonObject = {
    taskDefinitionArn: arn,
    containerDefinitions: containers.map((c) => ({
      cpu: 0,
      environment: [],
      mountPoints: [],
      volumesFrom: [],
      systemControls: [],
      ...c,
      ...(Array.isArray(c.portMappings)
        ? {
            portMappings: (c.portMappings as JsonObject[]).map((p) => ({
              ...p,
              ...(awsvpc ? { hostPort: p.containerPort } : {}),
              protocol: p.protocol ?? 'tcp',
            })),
          }
        : { portMappings: [] }),
    })),
    family,
    ...pick(input, [
      'taskRoleArn',
      'executionRoleArn',
      'networkMode',
      'cpu',
      'memory',
      'runtimePlatform',
      'ephemeralStorage',
      'pidMode',
      'ipcMode',
    ]),
    revision,
    volumes: input.volumes ?? [],
    status: 'ACTIVE',
    requiresAttributes: requiredAttributes(containers, awsvpc, input.executionRoleArn !== undefined),
    placementConstraints: input.placementConstraints ?? [],
    compatibilities: awsvpc ? ['EC2', 'FARGATE'] : ['EC2'],
    ...(input.requiresCompatibilities ? { requiresCompatibilities: input.requiresCompatibilities } : {}),
    registeredAt: seconds(at),
    registeredBy: `arn:aws:iam::${state.accountId}:user/simulator`,
  };
  const record: TaskDefinitionRecord = { arn, family, revision, status: 'ACTIVE', body };
  state.families.set(family, [...revisions, record]);
  if (input.tags?.length) state.tags.set(arn, copyTags(input.tags));
  return record;
}

/** The capability attributes ECS derives from a definition (a realistic subset). */
function requiredAttributes(
  containers: JsonObject[],
  awsvpc: boolean,
  executionRole: boolean,
): Array<{ name: string }> {
  const names = new Set<string>(['com.amazonaws.ecs.capability.docker-remote-api.1.18']);
  if (containers.some((c) => (c.logConfiguration as JsonObject | undefined)?.logDriver === 'awslogs')) {
    names.add('com.amazonaws.ecs.capability.logging-driver.awslogs');
    names.add('com.amazonaws.ecs.capability.docker-remote-api.1.19');
    if (executionRole) names.add('ecs.capability.execution-role-awslogs');
  }
  if (containers.some((c) => c.healthCheck !== undefined)) {
    names.add('ecs.capability.container-health-check');
    names.add('com.amazonaws.ecs.capability.docker-remote-api.1.24');
  }
  if (containers.some((c) => c.secrets !== undefined))
    names.add('ecs.capability.secrets.asm.environment-variables');
  if (awsvpc) names.add('ecs.capability.task-eni');
  return [...names].map((name) => ({ name }));
}

function pick(source: JsonObject, keys: string[]): JsonObject {
  return Object.fromEntries(keys.filter((k) => source[k] !== undefined).map((k) => [k, source[k]]));
}

/** nextToken is the offset into the full list; maxResults defaults to 100 like ECS. */
function paginate(items: string[], input: any, key: string): JsonObject {
  const start = Number(input.nextToken ?? 0);
  const size = input.maxResults ?? 100;
  const page = items.slice(start, start + size);
  return { [key]: page, ...(start + size < items.length ? { nextToken: String(start + size) } : {}) };
}

function renderCluster(state: EcsState, c: ClusterRecord): JsonObject {
  const live = c.tasks.filter((t) => t.desiredStatus === 'RUNNING');
  return {
    clusterArn: c.arn,
    clusterName: c.name,
    status: 'ACTIVE',
    registeredContainerInstancesCount: 0,
    runningTasksCount: live.filter((t) => t.lastStatus === 'RUNNING').length,
    pendingTasksCount: live.filter((t) => t.lastStatus !== 'RUNNING').length,
    activeServicesCount: c.services.size,
    statistics: [],
    tags: state.tags.get(c.arn) ?? [],
    settings: [{ name: 'containerInsights', value: 'disabled' }],
    capacityProviders: [],
    defaultCapacityProviderStrategy: [],
  };
}

function counts(c: ClusterRecord, deploymentId: string): { runningCount: number; pendingCount: number } {
  const live = c.tasks.filter((t) => t.startedBy === deploymentId && t.desiredStatus === 'RUNNING');
  return {
    runningCount: live.filter((t) => t.lastStatus === 'RUNNING').length,
    pendingCount: live.filter((t) => t.lastStatus === 'PROVISIONING' || t.lastStatus === 'PENDING').length,
  };
}

function renderDeployment(c: ClusterRecord, s: ServiceRecord, d: DeploymentRecord): JsonObject {
  return {
    id: d.id,
    status: d.status,
    taskDefinition: d.taskDefinitionArn,
    desiredCount: d.desiredCount,
    ...counts(c, d.id),
    failedTasks: d.failedTasks,
    createdAt: seconds(d.createdAt),
    updatedAt: seconds(d.updatedAt),
    launchType: s.launchType,
    platformVersion: '1.4.0',
    platformFamily: 'Linux',
    ...(s.networkConfiguration ? { networkConfiguration: s.networkConfiguration } : {}),
    rolloutState: d.rolloutState,
    rolloutStateReason: d.rolloutStateReason,
  };
}

/**
 * Tags only with `include: ["TAGS"]`, as DescribeServices does; Create/UpdateService return them.
 * Within `staleView` (realism.describeServicesLagMs) it serves the view from before the last
 * UpdateService: without the new deployment, the previous one PRIMARY, the older events.
 */
export function renderService(
  state: EcsState,
  c: ClusterRecord,
  s: ServiceRecord,
  withTags = true,
  at?: number,
): JsonObject {
  const stale = s.staleView && at !== undefined && at < s.staleView.until ? s.staleView : undefined;
  const deployments = stale
    ? s.deployments
        .filter((d) => d.id !== stale.hiddenDeploymentId)
        .map((d) => (d.id === stale.previous?.deploymentId ? { ...d, status: 'PRIMARY' as const } : d))
    : s.deployments;
  const events = stale ? s.events.filter((e) => e.createdAt <= stale.updatedAt) : s.events;
  const totals = deployments.map((d) => counts(c, d.id));
  const current = s.serviceDeployments.at(stale ? -2 : -1);
  return {
    serviceArn: s.arn,
    serviceName: s.name,
    clusterArn: c.arn,
    loadBalancers: renderLoadBalancers(s, appContainerName(state, s)),
    ...(s.loadBalanced ? { healthCheckGracePeriodSeconds: s.loadBalanced.gracePeriodSeconds } : {}),
    serviceRegistries: [],
    status: 'ACTIVE',
    desiredCount: s.desiredCount,
    runningCount: totals.reduce((n, t) => n + t.runningCount, 0),
    pendingCount: totals.reduce((n, t) => n + t.pendingCount, 0),
    launchType: s.launchType,
    platformVersion: 'LATEST',
    platformFamily: 'Linux',
    taskDefinition: stale?.previous?.taskDefinitionArn ?? s.taskDefinitionArn,
    deploymentConfiguration: {
      deploymentCircuitBreaker: { ...s.deploymentConfiguration.deploymentCircuitBreaker },
      maximumPercent: s.deploymentConfiguration.maximumPercent,
      minimumHealthyPercent: s.deploymentConfiguration.minimumHealthyPercent,
      ...renderStrategyConfig(s.deploymentConfiguration),
    },
    deployments: deployments.map((d) => renderDeployment(c, s, d)),
    events: [...events]
      .reverse()
      .map((e) => ({ id: e.id, createdAt: seconds(e.createdAt), message: e.message })),
    createdAt: seconds(s.createdAt),
    ...(current ? { currentServiceDeployment: current.arn } : {}),
    placementConstraints: [],
    placementStrategy: [],
    ...(s.networkConfiguration ? { networkConfiguration: s.networkConfiguration } : {}),
    schedulingStrategy: 'REPLICA',
    deploymentController: { type: 'ECS' },
    ...(withTags ? { tags: state.tags.get(s.arn) ?? [] } : {}),
    createdBy: `arn:aws:iam::${state.accountId}:role/simulator`,
    enableECSManagedTags: false,
    propagateTags: 'NONE',
    enableExecuteCommand: false,
  };
}

/** The first essential container of the service's task definition: the one its target group registers. */
function appContainerName(state: EcsState, s: ServiceRecord): string {
  const body = state.findTaskDefinition(s.taskDefinitionArn)?.body;
  const containers = (body?.containerDefinitions as JsonObject[] | undefined) ?? [];
  return String((containers.find((c) => c.essential !== false) ?? containers[0])?.name ?? '');
}

export function renderTask(t: TaskRecord): JsonObject {
  return {
    attachments: [],
    attributes: [{ name: 'ecs.cpu-architecture', value: 'x86_64' }],
    availabilityZone: 'zone-a',
    clusterArn: t.clusterArn,
    connectivity: t.lastStatus === 'PROVISIONING' ? 'DISCONNECTED' : 'CONNECTED',
    containers: t.containers.map((c) => ({
      containerArn: t.arn.replace(':task/', ':container/') + `/${c.name}`,
      taskArn: t.arn,
      name: c.name,
      image: c.image,
      lastStatus: c.lastStatus,
      ...(c.exitCode !== undefined ? { exitCode: c.exitCode } : {}),
      ...(c.reason !== undefined ? { reason: c.reason } : {}),
      networkInterfaces: [],
      healthStatus: c.healthStatus,
      cpu: '0',
    })),
    ...(t.cpu ? { cpu: t.cpu } : {}),
    ...(t.memory ? { memory: t.memory } : {}),
    createdAt: seconds(t.createdAt),
    desiredStatus: t.desiredStatus,
    enableExecuteCommand: false,
    group: t.group ?? `service:${t.serviceName}`,
    ...(t.overrides ? { overrides: { ...t.overrides, inferenceAcceleratorOverrides: [] } } : {}),
    healthStatus: t.healthStatus,
    lastStatus: t.lastStatus,
    launchType: 'FARGATE',
    platformVersion: '1.4.0',
    platformFamily: 'Linux',
    pullStartedAt: seconds(t.pullStartedAt),
    pullStoppedAt: seconds(t.pullStoppedAt),
    startedAt: seconds(t.startedAt),
    startedBy: t.startedBy,
    stopCode: t.stopCode,
    stoppedAt: seconds(t.stoppedAt),
    stoppedReason: t.stoppedReason,
    stoppingAt: seconds(t.stoppingAt),
    executionStoppedAt: seconds(t.executionStoppedAt),
    tags: [],
    taskArn: t.arn,
    taskDefinitionArn: t.taskDefinitionArn,
    version: 1,
  };
}

/** The resource keeps its own copy: the recorded request must not change when tags are added later. */
function copyTags(tags: Array<{ key: string; value: string }>): Array<{ key: string; value: string }> {
  return tags.map((t) => ({ ...t }));
}
