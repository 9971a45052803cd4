import type { Deployment, Service, ServiceEvent } from '@aws-sdk/client-ecs';
import { shortTaskDefinitionName } from '../../ecs/names';
import { findService } from '../../ecs/service';
import type { InputReader, IntegerInputs } from '../../core/inputs';
import { CLUSTER, SERVICE, type CommandSpec } from '../command';

export interface ServiceStatus {
  cluster: string;
  service: string;
  status: string;
  /** The revision the service is set to run (its PRIMARY deployment's task definition). */
  taskDefinitionArn: string;
  counts: { desired: number; running: number; pending: number };
  /** True when one deployment is left and it has all its tasks running. */
  steady: boolean;
  deployments: {
    id: string;
    status: string;
    taskDefinitionArn: string;
    rolloutState?: string | undefined;
    rolloutStateReason?: string | undefined;
    desired: number;
    running: number;
    pending: number;
    failedTasks: number;
    createdAt?: string | undefined;
    updatedAt?: string | undefined;
  }[];
  /** Newest first, as ECS returns them. */
  events: { at?: string | undefined; message: string }[];
}

const iso = (d: Date | undefined): string | undefined => (d ? new Date(d).toISOString() : undefined);

/** The service as a person on call wants to see it: what runs, what is rolling out, what ECS said lately. */
function toServiceStatus(cluster: string, service: Service, eventLimit: number): ServiceStatus {
  const deployments = (service.deployments ?? []).map((d: Deployment) => ({
    id: d.id ?? '',
    status: d.status ?? '',
    taskDefinitionArn: d.taskDefinition ?? '',
    rolloutState: d.rolloutState,
    rolloutStateReason: d.rolloutStateReason,
    desired: d.desiredCount ?? 0,
    running: d.runningCount ?? 0,
    pending: d.pendingCount ?? 0,
    failedTasks: d.failedTasks ?? 0,
    createdAt: iso(d.createdAt),
    updatedAt: iso(d.updatedAt),
  }));
  const primary = deployments.find((d) => d.status === 'PRIMARY');
  const counts = {
    desired: service.desiredCount ?? 0,
    running: service.runningCount ?? 0,
    pending: service.pendingCount ?? 0,
  };
  return {
    cluster,
    service: service.serviceName ?? '',
    status: service.status ?? '',
    taskDefinitionArn: primary?.taskDefinitionArn ?? service.taskDefinition ?? '',
    counts,
    steady:
      deployments.length === 1 &&
      primary !== undefined &&
      primary.running === primary.desired &&
      primary.pending === 0,
    deployments,
    events: (service.events ?? []).slice(0, eventLimit).map((e: ServiceEvent) => ({
      at: iso(e.createdAt),
      message: e.message ?? '',
    })),
  };
}

function renderServiceStatus(status: ServiceStatus): string {
  const lines = [
    `Service   ${status.service} (cluster ${status.cluster}) ${status.status}`,
    `Running   ${shortTaskDefinitionName(status.taskDefinitionArn)}  ${status.counts.running}/${status.counts.desired} running, ${status.counts.pending} pending${status.steady ? ', steady' : ''}`,
    '',
    'Deployments',
    ...status.deployments.map(
      (d) =>
        `  ${d.status.padEnd(8)} ${shortTaskDefinitionName(d.taskDefinitionArn).padEnd(14)} ${(d.rolloutState ?? '').padEnd(11)} ` +
        `${d.running}/${d.desired} running, ${d.pending} pending${d.failedTasks ? `, ${d.failedTasks} failed` : ''}  ${d.id}`,
    ),
  ];
  if (status.events.length) {
    lines.push('', 'Recent events (newest first)');
    for (const event of status.events) lines.push(`  ${event.at ?? ''}  ${event.message}`);
  }
  return lines.join('\n');
}

/** status's whole-number flags by name. */
export const STATUS_INTEGER_FLAGS = {
  events: { fallback: 10, min: 0, max: 100 },
} as const satisfies IntegerInputs;
const { events: EVENTS } = STATUS_INTEGER_FLAGS;

function readStatusFlags(inputs: InputReader): { cluster: string; service: string; eventLimit: number } {
  return {
    cluster: inputs.required('cluster'),
    service: inputs.required('service'),
    eventLimit: inputs.integer('events', EVENTS),
  };
}

export const statusCommand: CommandSpec = {
  name: 'status',
  summary: 'show the service: running revision, deployments, recent events',
  description:
    'Shows what the service runs now (its primary revision and task counts), every deployment ECS still\n' +
    'tracks with its rollout state, and the most recent service events. Reads only.',
  examples: [
    'strapi-deploy status --cluster strapi --service strapi',
    'strapi-deploy status --cluster strapi --service strapi --json',
  ],
  options: [
    CLUSTER,
    SERVICE,
    {
      flag: 'events',
      type: 'string',
      value: 'N',
      description: `how many recent events to show, ${EVENTS.min}-${EVENTS.max} (default ${EVENTS.fallback})`,
    },
  ],
  usesAws: true,
  readInputs: readStatusFlags,
  async run(ctx) {
    const { cluster, service: serviceName, eventLimit } = readStatusFlags(ctx.inputs);
    const service = await findService(ctx.aws().ecs, cluster, serviceName);
    const status = toServiceStatus(cluster, service, eventLimit);
    return { exitCode: 0, data: status, text: renderServiceStatus(status) };
  },
};
