import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  DescribeServicesCommandOutput,
  DescribeTasksCommandOutput,
  Service,
  Task,
} from '@aws-sdk/client-ecs';
import type { TaskDefinitionSource } from '../../../src/deploy';

const dir = join(__dirname, '..', '..', 'fixtures', 'ecs');

export function fixturePath(name: string): string {
  return join(dir, `${name}.json`);
}

/**
 * A hand-written API response (test/fixtures/provenance.json says what each models) as the SDK hands it over: the wire's epoch-seconds timestamps (`createdAt`,
 * `stoppedAt`...) become Dates. Parsed fresh each time so a test cannot leak changes into another.
 */
export function fixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(fixturePath(name), 'utf8'), (key, value: unknown) =>
    /At$/.test(key) && typeof value === 'number' ? new Date(value * 1000) : value,
  ) as T;
}

export function taskDefinitionFixture(name: string): TaskDefinitionSource {
  const json = fixture<TaskDefinitionSource>(name);
  return { taskDefinition: json.taskDefinition, tags: json.tags ?? [] };
}

export function serviceFixture(name: string): Service {
  const service = fixture<DescribeServicesCommandOutput>(name).services?.[0];
  if (!service) throw new Error(`fixture ${name} has no service`);
  return service;
}

export function taskFixture(name: string): Task {
  const task = fixture<DescribeTasksCommandOutput>(name).tasks?.[0];
  if (!task) throw new Error(`fixture ${name} has no task`);
  return task;
}
