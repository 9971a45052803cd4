import { NormalizedSchema } from '@smithy/core/schema';
import * as ecsModel from '@aws-sdk/client-ecs';
import * as ecrModel from '@aws-sdk/client-ecr';
import * as logsModel from '@aws-sdk/client-cloudwatch-logs';

/**
 * Checks the simulator's requests and responses against the operation schemas that the SDK
 * clients themselves use to (de)serialize (`<Operation>$` exports of `@aws-sdk/client-*`), so the
 * simulator cannot drift into a private dialect that only our own code understands.
 *
 * What is checked: every member name is a member of the shape (unknown names are violations),
 * required members are present (a struct schema's 7th slot is its count of leading required
 * members), and values have the JSON 1.1 wire type of their schema (strings, numbers, booleans,
 * epoch-second timestamps, lists, maps, nested structures). Enum values are not in these
 * schemas; the members the simulator's verdicts hinge on are checked against the SDK's exported
 * enum objects instead (ENUM_MEMBERS).
 */
export type SimService = 'ecs' | 'ecr' | 'logs';

const models: Record<SimService, Record<string, unknown>> = {
  ecs: ecsModel as unknown as Record<string, unknown>,
  ecr: ecrModel as unknown as Record<string, unknown>,
  logs: logsModel as unknown as Record<string, unknown>,
};

/** The static operation schema: [9, namespace, name, traits, () => input, () => output]. */
type OperationSchema = [number, string, string, unknown, unknown, unknown];

export function hasOperation(service: SimService, operation: string): boolean {
  return Array.isArray(models[service][`${operation}$`]);
}

function operationSchema(service: SimService, operation: string): OperationSchema {
  const op = models[service][`${operation}$`];
  if (!Array.isArray(op) || op[0] !== 9) {
    throw new Error(`No SDK operation schema for ${service}:${operation}`);
  }
  return op as OperationSchema;
}

function shapeOf(ref: unknown): NormalizedSchema {
  return NormalizedSchema.of(ref as Parameters<typeof NormalizedSchema.of>[0]);
}

export function inputShape(service: SimService, operation: string): NormalizedSchema {
  return shapeOf(operationSchema(service, operation)[4]);
}

export function outputShape(service: SimService, operation: string): NormalizedSchema {
  return shapeOf(operationSchema(service, operation)[5]);
}

/** The error shape when the SDK models it for this service (ThrottlingException is not modelled). */
export function errorShape(service: SimService, errorName: string): NormalizedSchema | undefined {
  const schema = models[service][`${errorName}$`];
  return Array.isArray(schema) ? shapeOf(schema) : undefined;
}

/** "Structure.member" -> the SDK enum object its values must come from. */
const ENUM_MEMBERS: Record<string, Record<string, string>> = {
  'Deployment.rolloutState': ecsModel.DeploymentRolloutState,
  'Deployment.launchType': ecsModel.LaunchType,
  'Task.healthStatus': ecsModel.HealthStatus,
  'Container.healthStatus': ecsModel.HealthStatus,
  'Task.stopCode': ecsModel.TaskStopCode,
  'Task.launchType': ecsModel.LaunchType,
  'Service.launchType': ecsModel.LaunchType,
  'Service.schedulingStrategy': ecsModel.SchedulingStrategy,
  'Service.propagateTags': ecsModel.PropagateTags,
  'TaskDefinition.status': ecsModel.TaskDefinitionStatus,
  'TaskDefinition.networkMode': ecsModel.NetworkMode,
  'PortMapping.protocol': ecsModel.TransportProtocol,
  'LogConfiguration.logDriver': ecsModel.LogDriver,
  'ListTasksRequest.desiredStatus': ecsModel.DesiredStatus,
  'Repository.imageTagMutability': ecrModel.ImageTagMutability,
  'ServiceDeployment.status': ecsModel.ServiceDeploymentStatus,
  'ServiceDeploymentBrief.status': ecsModel.ServiceDeploymentStatus,
  'ServiceDeploymentCircuitBreaker.status': ecsModel.ServiceDeploymentRollbackMonitorsStatus,
  'ServiceDeploymentAlarms.status': ecsModel.ServiceDeploymentRollbackMonitorsStatus,
  'StopServiceDeploymentRequest.stopType': ecsModel.StopServiceDeploymentStopType,
  'ServiceDeployment.lifecycleStage': ecsModel.ServiceDeploymentLifecycleStage,
  'DeploymentConfiguration.strategy': ecsModel.DeploymentStrategy,
};

function requiredCount(shape: NormalizedSchema): number {
  const raw = shape.getSchema() as unknown as unknown[];
  return typeof raw[6] === 'number' ? raw[6] : 0;
}

/** Returns a list of human-readable violations; empty when `value` conforms to `shape`. */
export function checkShape(shape: NormalizedSchema, value: unknown, path: string): string[] {
  const violations: string[] = [];
  const fail = (message: string): void => {
    violations.push(`${path}: ${message}`);
  };
  if (value === undefined || value === null) return violations;
  if (shape.isStructSchema()) {
    if (typeof value !== 'object' || Array.isArray(value)) {
      fail(`expected a ${shape.getName() ?? 'structure'} object, got ${JSON.stringify(value)}`);
      return violations;
    }
    const record = value as Record<string, unknown>;
    const members = [...shape.structIterator()];
    const known = new Set(members.map(([name]) => name));
    for (const name of Object.keys(record)) {
      if (!known.has(name)) fail(`unknown member "${name}" of ${shape.getName() ?? 'structure'}`);
    }
    members.slice(0, requiredCount(shape)).forEach(([name]) => {
      if (record[name] === undefined || record[name] === null) {
        fail(`missing required member "${name}" of ${shape.getName() ?? 'structure'}`);
      }
    });
    for (const [name, member] of members) {
      violations.push(...checkShape(member, record[name], `${path}.${name}`));
      const allowed = ENUM_MEMBERS[`${shape.getName() ?? ''}.${name}`];
      const value = record[name];
      if (allowed && typeof value === 'string' && !Object.values(allowed).includes(value)) {
        fail(
          `"${value}" is not a valid ${shape.getName() ?? ''}.${name} (${Object.values(allowed).join(', ')})`,
        );
      }
    }
  } else if (shape.isListSchema()) {
    if (!Array.isArray(value)) return [`${path}: expected a list, got ${JSON.stringify(value)}`];
    value.forEach((item, i) => violations.push(...checkShape(shape.getValueSchema(), item, `${path}[${i}]`)));
  } else if (shape.isMapSchema()) {
    if (typeof value !== 'object' || Array.isArray(value)) return [`${path}: expected a map`];
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      violations.push(...checkShape(shape.getValueSchema(), item, `${path}.${key}`));
    }
  } else if (shape.isTimestampSchema()) {
    // JSON 1.1 timestamps are epoch seconds; an ISO string or epoch milliseconds would parse wrongly.
    if (typeof value !== 'number') fail(`expected epoch seconds, got ${JSON.stringify(value)}`);
    else if (value > 1e11) fail(`timestamp ${value} looks like milliseconds, expected epoch seconds`);
  } else if (shape.isBlobSchema()) {
    if (typeof value !== 'string') fail('expected a base64 string');
  } else if (shape.isStringSchema()) {
    if (typeof value !== 'string') fail(`expected a string, got ${JSON.stringify(value)}`);
  } else if (shape.isBooleanSchema()) {
    if (typeof value !== 'boolean') fail(`expected a boolean, got ${JSON.stringify(value)}`);
  } else if (shape.isNumericSchema()) {
    if (typeof value !== 'number') fail(`expected a number, got ${JSON.stringify(value)}`);
  }
  return violations;
}

export function checkRequest(service: SimService, operation: string, input: unknown): string[] {
  return checkShape(inputShape(service, operation), input, `${service}:${operation} request`);
}

export function checkResponse(service: SimService, operation: string, output: unknown): string[] {
  return checkShape(outputShape(service, operation), output, `${service}:${operation} response`);
}
