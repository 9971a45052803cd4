import { readFile } from 'node:fs/promises';
import type { ECSClient } from '@aws-sdk/client-ecs';
import { ConfigurationError, errorMessage } from '../core/errors';
import { resolveDeployStart } from '../ecs/placeholder';
import { describeRevision } from '../ecs/task-definitions';
import { parseTaskDefinitionFile, type TaskDefinitionSource } from './render';

/** A task definition JSON file from the user's repository (the `task-definition` input). */
export async function readTaskDefinitionFile(file: string): Promise<TaskDefinitionSource> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigurationError(`: cannot read ${file} (${errorMessage(error)}).`, 'task-definition');
  }
  return parseTaskDefinitionFile(text, file);
}

/**
 * What a new revision is rendered from: the file given, else the revision the service runs now, and when
 * that is the baseline's placeholder (no secrets, no Strapi environment), the Strapi revision it names.
 */
export async function loadTaskDefinitionSource(
  ecs: ECSClient,
  file: string | undefined,
  runningArn: string,
): Promise<TaskDefinitionSource> {
  return file
    ? readTaskDefinitionFile(file)
    : resolveDeployStart(ecs, await describeRevision(ecs, runningArn));
}
