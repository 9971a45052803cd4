import { loadBalancedService, type LoadBalancerSpec } from './load-balancer';
import { startRdsSimulator, type RdsSimulator } from './rds';
import { BehaviourTable, type TaskBehaviour } from './behaviours';
import { ecrHandlers, EcrState, type RegistryOptions, type RepositoryRecord } from './ecr-handlers';
import { ecsHandlers, registerTaskDefinition, renderTask } from './ecs-handlers';
import {
  EcsState,
  type DeploymentRecord,
  type JsonObject,
  type ServiceDeploymentRecord,
  type ServiceRecord,
} from './ecs-state';
import { LogStore } from './log-store';
import { logsHandlers } from './logs-handlers';
import { timingProfile, type RealismOptions, type TimingOption } from './realism';
import { addEvent, deployRevision, stepCluster, type RolloutContext } from './rollout';
import { AlarmBoard, readStrategyConfig, type LifecycleStage, type StrategyConfigRecord } from './strategies';
import { SimServer, type Faults, type RecordedRequest } from './server';
import { CommandBehaviourTable, standaloneTaskHandlers, type CommandBehaviour } from './standalone-tasks';
import { STEP_MS, VirtualClock, type TimeMode } from './virtual-clock';

export type { TaskBehaviour } from './behaviours';
export type { CommandBehaviour } from './standalone-tasks';
export { ELB_DEFAULTS, type LoadBalancerSpec } from './load-balancer';
export type { Faults, RecordedRequest } from './server';
export type { RegistryOptions } from './ecr-handlers';
export type { RealismOptions, TimingOption, TimingProfile } from './realism';
export type { LifecycleStage, Strategy, StrategyConfigRecord } from './strategies';
export { ALL_REALISM, FAST_TIMING, REALISTIC_TIMING } from './realism';
export { checkShape, checkRequest, checkResponse, inputShape, outputShape } from './schema-check';

export interface SimulatorOptions {
  region?: string;
  accountId?: string;
  /** Virtual epoch ms at start; default 2026-01-15T10:00:00Z so logs and events read alike. */
  startTime?: number;
  time?: TimeMode;
  /** A real Docker registry that DescribeImages consults live, and whose address GetAuthorizationToken returns. */
  registry?: RegistryOptions;
  /** Failed tasks that trip the circuit breaker; default ECS's rule max(3, min(200, ceil(desired/2))). */
  circuitBreakerThreshold?: number;
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Real-ECS behaviours the engine must cope with; all off by default (sim/realism.ts, README). */
  realism?: RealismOptions;
  /** 'fast' (default) or 'realistic' task and circuit-breaker timings (sim/realism.ts). */
  timing?: TimingOption;
}

export interface SeedServiceSpec {
  cluster: string;
  service: string;
  family?: string;
  image: string;
  containerName?: string;
  desiredCount?: number;
  circuitBreaker?: { enable: boolean; rollback: boolean; resetOnHealthyTask?: boolean };
  minimumHealthyPercent?: number;
  maximumPercent?: number;
  logGroup?: string;
  /**
   * deploymentConfiguration strategy fields as UpdateService takes them (strategy, bakeTimeInMinutes,
   * canaryConfiguration, linearConfiguration, alarms), set once the seeded rollout is steady.
   */
  deploymentConfiguration?: Partial<StrategyConfigRecord>;
  /** A target group in front of the service (sim/load-balancer.ts); unset settings take the ELB defaults. */
  loadBalancer?: LoadBalancerSpec;
}

/** A read-only view of a service for assertions. */
export interface ServiceView {
  serviceName: string;
  taskDefinition: string;
  desiredCount: number;
  deployments: ReadonlyArray<Readonly<DeploymentRecord>>;
  /** Messages, newest first, as DescribeServices shows them. */
  events: string[];
  /** ECS's records of its rollouts (ListServiceDeployments), oldest first. */
  serviceDeployments: ReadonlyArray<Readonly<ServiceDeploymentRecord>>;
}

export interface SimulatorState {
  service(cluster: string, name: string): ServiceView | undefined;
  /** Tasks of a service (all states, oldest first) rendered like DescribeTasks. */
  tasks(cluster: string, service?: string): JsonObject[];
  /** A task definition body as DescribeTaskDefinition returns it, by family, family:rev or ARN. */
  taskDefinition(ref: string): JsonObject | undefined;
  repository(name: string): Readonly<RepositoryRecord> | undefined;
  /** For a registry proxy: true when `repository` was created with imageTagMutability IMMUTABLE. */
  isTagImmutable(repository: string): boolean;
  /** Lines of one CloudWatch Logs stream, oldest first. */
  logLines(group: string, stream: string): string[];
}

export interface Simulator {
  url: string;
  region: string;
  now(): number;
  advance(ms: number): void;
  clock: { now(): number; sleep(ms: number): Promise<void> };
  setImageBehaviour(image: string | RegExp, behaviour: TaskBehaviour): void;
  /** What a RunTask command override does (argv joined by spaces, exact or RegExp); default exit 0 after 10 s. */
  setCommandBehaviour(command: string | RegExp, behaviour: CommandBehaviour): void;
  seedService(spec: SeedServiceSpec): Promise<{ taskDefinitionArn: string; serviceArn: string }>;
  /** `labels`: what BatchGetImage's manifest and config show for it (images without a real registry). */
  putImage(
    repository: string,
    tag: string,
    digest?: string,
    sizeInBytes?: number,
    labels?: Record<string, string>,
  ): void;
  /**
   * Adds a service event (the "(service name) " prefix is added when missing) at virtual time `at`
   * (default now), e.g. a circuit-breaker message from an earlier rollout. ECS keeps the latest 100.
   */
  addServiceEvent(cluster: string, service: string, message: string, at?: number): void;
  /** Sets a CloudWatch alarm's state, as blue/green, linear and canary deployments watch it. */
  setAlarmState(name: string, state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA'): void;
  /** Puts `name` into ALARM `afterSeconds` (default 0) after a deployment of this simulator enters `stage`. */
  armAlarm(name: string, when: { stage: LifecycleStage; afterSeconds?: number }): void;
  injectFaults(faults: Faults): void;
  /** RDS for the snapshot before a risky release: DB instances and their snapshots (sim/rds.ts). */
  rds: RdsSimulator;
  requests: RecordedRequest[];
  schemaViolations: string[];
  state: SimulatorState;
  env(): Record<string, string>;
  close(): Promise<void>;
}

export const DEFAULT_START_TIME = Date.UTC(2026, 0, 15, 10, 0, 0);
const DEFAULT_PASSWORD = 'simulator-password';

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const region = options.region ?? 'ap-south-1';
  const accountId = options.accountId ?? '123456789012';
  const ecs = new EcsState(region, accountId);
  const logs = new LogStore();
  const registryHost = options.registry
    ? new URL(options.registry.url).host
    : `${accountId}.dkr.ecr.${region}.amazonaws.com`;
  const ecr = new EcrState(region, accountId, registryHost, options.registry);
  const behaviours = new BehaviourTable();
  const alarms = new AlarmBoard();
  const commands = new CommandBehaviourTable();
  const ctx: RolloutContext = {
    alarms,
    state: ecs,
    behaviours,
    logs,
    ...(options.circuitBreakerThreshold !== undefined
      ? { circuitBreakerThreshold: options.circuitBreakerThreshold }
      : {}),
    timing: timingProfile(options.timing),
    realism: { ...options.realism },
  };
  const clock = new VirtualClock(options.startTime ?? DEFAULT_START_TIME, options.time ?? 'manual', (at) => {
    for (const cluster of ecs.clusters.values()) stepCluster(ctx, cluster, at);
  });
  const now = (): number => clock.now();
  const server = new SimServer({
    handlers: {
      ecs: { ...ecsHandlers(ctx, now), ...standaloneTaskHandlers(ctx, commands, now) },
      ecr: ecrHandlers(ecr, now, options.registry?.password ?? DEFAULT_PASSWORD),
      logs: logsHandlers(logs, region, accountId, now),
    },
    now,
    beforeRequest: () => clock.catchUp(),
  });
  const url = await server.listen(options.port ?? 0);
  const rds = await startRdsSimulator({ region, accountId, now });

  const state: SimulatorState = {
    service(clusterName, name) {
      const cluster = ecs.findCluster(clusterName);
      const record = cluster && ecs.findService(cluster, name);
      if (!record) return undefined;
      return {
        serviceName: record.name,
        taskDefinition: record.taskDefinitionArn,
        desiredCount: record.desiredCount,
        deployments: record.deployments.map((d) => ({ ...d })),
        events: [...record.events].reverse().map((e) => e.message),
        serviceDeployments: record.serviceDeployments.map((sd) => ({ ...sd })),
      };
    },
    tasks(clusterName, serviceName) {
      const cluster = ecs.findCluster(clusterName);
      return (cluster?.tasks ?? [])
        .filter((t) => serviceName === undefined || t.serviceName === serviceName)
        .map(renderTask);
    },
    taskDefinition: (ref) => ecs.findTaskDefinition(ref)?.body,
    repository: (name) => ecr.repositories.get(name),
    isTagImmutable: (repository) => ecr.isTagImmutable(repository),
    logLines: (group, stream) => logs.lines(group, stream),
  };

  return {
    url,
    region,
    now,
    advance: (ms) => clock.advance(ms),
    clock: clock.asClock(),
    setImageBehaviour: (image, behaviour) => behaviours.set(image, behaviour),
    setCommandBehaviour: (command, behaviour) => commands.set(command, behaviour),
    seedService: async (spec) => seedService(ctx, spec, now()),
    putImage: (repository, tag, digest, sizeInBytes = 187_000_000, labels) => {
      ecr.putImage(repository, tag, digest, sizeInBytes, now(), labels);
    },
    addServiceEvent: (clusterName, serviceName, message, at) => {
      const cluster = ecs.findCluster(clusterName);
      const record = cluster && ecs.findService(cluster, serviceName);
      if (!record) throw new Error(`addServiceEvent: no service ${serviceName} in cluster ${clusterName}`);
      addEvent(record, at ?? now(), message);
    },
    setAlarmState: (name, alarmState) => alarms.states.set(name, alarmState),
    armAlarm: (name, when) => {
      alarms.armed.push({ name, stage: when.stage, afterMs: (when.afterSeconds ?? 0) * 1000 });
    },
    injectFaults: (faults) => server.injectFaults(faults),
    rds,
    requests: server.requests,
    schemaViolations: server.schemaViolations,
    state,
    env: () => ({
      AWS_ENDPOINT_URL_ECS: url,
      AWS_ENDPOINT_URL_ECR: url,
      AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: url,
      AWS_ENDPOINT_URL_RDS: rds.url,
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: 'simulator',
      AWS_SECRET_ACCESS_KEY: 'simulator',
    }),
    close: async () => {
      clock.stop();
      await server.close();
      await rds.close();
    },
  };
}

/**
 * A service that has been steady for a while: the rollout runs over the ten virtual minutes
 * before `at`, so its events, task times and log lines lie in the past and the clock is untouched.
 */
function seedService(
  ctx: RolloutContext,
  spec: SeedServiceSpec,
  at: number,
): { taskDefinitionArn: string; serviceArn: string } {
  const { state } = ctx;
  let cluster = state.findCluster(spec.cluster);
  if (!cluster) {
    cluster = {
      name: spec.cluster,
      arn: state.arn(`cluster/${spec.cluster}`),
      services: new Map(),
      tasks: [],
    };
    state.clusters.set(spec.cluster, cluster);
  }
  if (state.findService(cluster, spec.service))
    throw new Error(`seedService: service ${spec.service} already exists`);
  const family = spec.family ?? spec.service;
  const containerName = spec.containerName ?? 'strapi';
  const logGroup = spec.logGroup ?? `/ecs/${family}`;
  // Ten minutes of history, longer with slow (realistic) timings.
  const start = at - Math.max(600_000, 4 * (ctx.timing.provisioningMs + ctx.timing.pullAndStartMs));
  const taskDefinition = registerTaskDefinition(
    state,
    strapiTaskDefinition(state.accountId, state.region, family, containerName, spec.image, logGroup),
    start,
  );
  state.tags.set(taskDefinition.arn, [{ key: 'app', value: 'strapi' }]);
  const service: ServiceRecord = {
    name: spec.service,
    arn: state.arn(`service/${cluster.name}/${spec.service}`),
    clusterArn: cluster.arn,
    taskDefinitionArn: taskDefinition.arn,
    desiredCount: spec.desiredCount ?? 2,
    launchType: 'FARGATE',
    deploymentConfiguration: {
      deploymentCircuitBreaker: spec.circuitBreaker ?? { enable: false, rollback: false },
      minimumHealthyPercent: spec.minimumHealthyPercent ?? 100,
      maximumPercent: spec.maximumPercent ?? 200,
    },
    networkConfiguration: {
      awsvpcConfiguration: {
        subnets: ['subnet-0a1b2c3d4e5f60001'],
        securityGroups: ['sg-0a1b2c3d4e5f60001'],
        assignPublicIp: 'DISABLED',
      },
    },
    ...(spec.loadBalancer
      ? {
          loadBalanced: loadBalancedService(
            spec.loadBalancer,
            `arn:aws:elasticloadbalancing:${state.region}:${state.accountId}:targetgroup/${spec.service}/0123456789abcdef`,
          ),
        }
      : {}),
    deployments: [],
    events: [],
    serviceDeployments: [],
    createdAt: start,
  };
  deployRevision(ctx, service, taskDefinition.arn, start);
  cluster.services.set(service.name, service);
  for (let t = start; t <= at; t += STEP_MS) stepCluster(ctx, cluster, t, service);
  if (service.deployments[0]?.rolloutState !== 'COMPLETED') {
    throw new Error(
      `seedService: ${spec.image} did not become steady in 10 minutes; seed with a healthy image`,
    );
  }
  if (spec.deploymentConfiguration) {
    Object.assign(
      service.deploymentConfiguration,
      readStrategyConfig(spec.deploymentConfiguration, service.deploymentConfiguration),
    );
  }
  return { taskDefinitionArn: taskDefinition.arn, serviceArn: service.arn };
}

/** What a Strapi service's task definition looks like in the reference architecture. */
export function strapiTaskDefinition(
  accountId: string,
  region: string,
  family: string,
  containerName: string,
  image: string,
  logGroup: string,
): JsonObject {
  return {
    family,
    taskRoleArn: `arn:aws:iam::${accountId}:role/${family}-task`,
    executionRoleArn: `arn:aws:iam::${accountId}:role/${family}-execution`,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '512',
    memory: '1024',
    containerDefinitions: [
      {
        name: containerName,
        image,
        essential: true,
        portMappings: [{ containerPort: 1337, protocol: 'tcp' }],
        environment: [
          { name: 'NODE_ENV', value: 'production' },
          { name: 'DATABASE_CLIENT', value: 'postgres' },
        ],
        secrets: [
          {
            name: 'DATABASE_PASSWORD',
            valueFrom: `arn:aws:secretsmanager:${region}:${accountId}:secret:strapi/db-AbCdEf`,
          },
        ],
        healthCheck: {
          command: ['CMD-SHELL', 'wget -qO- http://localhost:1337/_health || exit 1'],
          interval: 30,
          timeout: 5,
          retries: 3,
          startPeriod: 60,
        },
        logConfiguration: {
          logDriver: 'awslogs',
          options: { 'awslogs-group': logGroup, 'awslogs-region': region, 'awslogs-stream-prefix': 'ecs' },
        },
      },
    ],
  };
}
