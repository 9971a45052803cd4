import type {
  ContainerDefinition,
  KeyValuePair,
  RegisterTaskDefinitionCommandInput,
  Secret,
  Tag,
  TaskDefinition,
} from '@aws-sdk/client-ecs';
import { ConfigurationError } from '../core/errors';
import { isReleaseTag } from '../ecs/revision-tags';

/** Default container to update: the Strapi app container of the starter's task definition. */
const DEFAULT_CONTAINER_NAME = 'strapi';

/** What RegisterTaskDefinition accepts. Everything else DescribeTaskDefinition returns is read-only. */
const REGISTER_FIELDS = [
  'family',
  'taskRoleArn',
  'executionRoleArn',
  'networkMode',
  'containerDefinitions',
  'volumes',
  'placementConstraints',
  'requiresCompatibilities',
  'cpu',
  'memory',
  'pidMode',
  'ipcMode',
  'proxyConfiguration',
  'inferenceAccelerators',
  'ephemeralStorage',
  'runtimePlatform',
  'enableFaultInjection',
] as const satisfies readonly (keyof RegisterTaskDefinitionCommandInput)[];

/** Returned by DescribeTaskDefinition, rejected by RegisterTaskDefinition: dropped silently. */
export const READ_ONLY_FIELDS = [
  'taskDefinitionArn',
  'revision',
  'status',
  'requiresAttributes',
  'compatibilities',
  'registeredAt',
  'registeredBy',
  'deregisteredAt',
  'deleteRequestedAt',
] as const;

export interface RenderOptions {
  image: string;
  containerName?: string | undefined;
  environment?: Record<string, string> | undefined;
  secrets?: Record<string, string> | undefined;
  revisionTags?: Record<string, string> | undefined;
}

export interface RenderedTaskDefinition {
  input: RegisterTaskDefinitionCommandInput;
  containerName: string;
  previousImage?: string | undefined;
  /** Fields present in the source that RegisterTaskDefinition does not know (dropped, worth a warning). */
  droppedFields: string[];
}

/** A task definition source: a DescribeTaskDefinition response, or a file in either of its two shapes. */
export interface TaskDefinitionSource {
  taskDefinition: TaskDefinition;
  tags: Tag[];
}

/**
 * Parses a task definition file: the RegisterTaskDefinition shape that `aws ecs
 * register-task-definition --cli-input-json` takes, or a saved DescribeTaskDefinition response.
 */
export function parseTaskDefinitionFile(text: string, path: string): TaskDefinitionSource {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(
      `: ${path} is not valid JSON (${(error as Error).message}).`,
      'task-definition',
    );
  }
  if (!isObject(json)) throw new ConfigurationError(`: ${path} must hold a JSON object.`, 'task-definition');
  const body = isObject(json.taskDefinition) ? json.taskDefinition : json;
  const tags = Array.isArray(json.tags) ? json.tags : Array.isArray(body.tags) ? body.tags : [];
  if (!Array.isArray(body.containerDefinitions) || body.containerDefinitions.length === 0) {
    throw new ConfigurationError(`: ${path} has no containerDefinitions.`, 'task-definition');
  }
  if (typeof body.family !== 'string' || !body.family) {
    throw new ConfigurationError(`: ${path} has no family.`, 'task-definition');
  }
  const taskDefinition = { ...body };
  delete taskDefinition.tags;
  return { taskDefinition: taskDefinition as TaskDefinition, tags: tags as Tag[] };
}

/** The container whose image is replaced: the one named, else `strapi`, else the only essential one. */
export function selectContainer(
  containers: readonly ContainerDefinition[],
  requested?: string,
): ContainerDefinition {
  const names = containers.map((c) => c.name ?? '?');
  if (requested) {
    const found = containers.find((c) => c.name === requested);
    if (!found) {
      throw new ConfigurationError(
        `: no container "${requested}" in the task definition; it has ${names.join(', ')}.`,
        'container-name',
      );
    }
    return found;
  }
  const strapi = containers.find((c) => c.name === DEFAULT_CONTAINER_NAME);
  if (strapi) return strapi;
  // `essential` defaults to true in ECS when it is not set.
  const essential = containers.filter((c) => c.essential !== false);
  if (essential.length === 1 && essential[0]) return essential[0];
  throw new ConfigurationError(
    ` is required: no container is named "${DEFAULT_CONTAINER_NAME}" and ` +
      `${essential.length} containers are essential (${names.join(', ')}).`,
    'container-name',
  );
}

/**
 * The container whose logs explain a failure: the one a deploy would update, else the first. A revision
 * with no obvious app container (a rollback target registered elsewhere) can still be watched.
 */
export function appContainerName(containers: readonly ContainerDefinition[]): string {
  try {
    return selectContainer(containers).name ?? '';
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    return containers[0]?.name ?? '';
  }
}

/** Replaces by name, appends new names in the order given; a name moved between lists leaves the other. */
function mergeByName<T extends { name?: string | undefined }>(
  existing: readonly T[] | undefined,
  updates: T[],
): T[] | undefined {
  if (!updates.length) return existing ? [...existing] : undefined;
  const out = [...(existing ?? [])];
  for (const update of updates) {
    const at = out.findIndex((e) => e.name === update.name);
    if (at >= 0) out[at] = update;
    else out.push(update);
  }
  return out;
}

function withoutNames<T extends { name?: string | undefined }>(
  list: T[] | undefined,
  names: Set<string>,
): T[] | undefined {
  if (!list) return list;
  const kept = list.filter((e) => !e.name || !names.has(e.name));
  return kept.length || list.length === 0 ? kept : undefined;
}

/**
 * Tags for the new revision: the source's, minus the reserved `aws:` ones and minus the tags that
 * describe the source's own release (its commit, run and result: inherited, they would call this
 * unverified revision a success), plus this revision's own.
 */
function mergeTags(source: readonly Tag[], revisionTags: Record<string, string> = {}): Tag[] {
  const out = source
    .filter((t) => t.key && !t.key.toLowerCase().startsWith('aws:') && !isReleaseTag(t.key))
    .map((t) => ({ ...t }));
  for (const [key, value] of Object.entries(revisionTags)) {
    if (!value) continue;
    const existing = out.find((t) => t.key === key);
    if (existing) existing.value = value;
    else out.push({ key, value });
  }
  return out;
}

/**
 * The RegisterTaskDefinition request for a new revision of `source` running `image` in the chosen
 * container, with environment and secrets merged by name. Pure: no AWS call, so a bad input fails
 * before anything changes.
 */
export function renderTaskDefinition(
  source: TaskDefinitionSource,
  options: RenderOptions,
): RenderedTaskDefinition {
  const td = source.taskDefinition as Record<string, unknown>;
  const containers = (source.taskDefinition.containerDefinitions ?? []) as ContainerDefinition[];
  const target = selectContainer(containers, options.containerName);

  const envUpdates: KeyValuePair[] = Object.entries(options.environment ?? {}).map(([name, value]) => ({
    name,
    value,
  }));
  const secretUpdates: Secret[] = Object.entries(options.secrets ?? {}).map(([name, valueFrom]) => ({
    name,
    valueFrom,
  }));
  const envNames = new Set(envUpdates.map((e) => e.name as string));
  const secretNames = new Set(secretUpdates.map((s) => s.name as string));

  const containerDefinitions = containers.map((container) => {
    if (container !== target) return structuredClone(container);
    const copy = structuredClone(container);
    copy.image = options.image;
    const environment = mergeByName(withoutNames(copy.environment, secretNames), envUpdates);
    const secrets = mergeByName(withoutNames(copy.secrets, envNames), secretUpdates);
    if (environment) copy.environment = environment;
    else delete copy.environment;
    if (secrets) copy.secrets = secrets;
    else delete copy.secrets;
    return copy;
  });

  const input: Record<string, unknown> = {};
  const droppedFields: string[] = [];
  for (const [key, value] of Object.entries(td)) {
    if ((READ_ONLY_FIELDS as readonly string[]).includes(key) || key === 'tags') continue;
    if (!(REGISTER_FIELDS as readonly string[]).includes(key)) {
      droppedFields.push(key);
      continue;
    }
    if (value === null || value === undefined) continue;
    // DescribeTaskDefinition returns empty lists RegisterTaskDefinition rejects or that only add noise.
    if (Array.isArray(value) && value.length === 0 && key !== 'containerDefinitions') continue;
    input[key] = structuredClone(value);
  }
  input.containerDefinitions = containerDefinitions;
  const tags = mergeTags(source.tags, options.revisionTags);
  if (tags.length) input.tags = tags;

  return {
    input: input as unknown as RegisterTaskDefinitionCommandInput,
    containerName: target.name ?? '',
    previousImage: target.image,
    droppedFields,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
