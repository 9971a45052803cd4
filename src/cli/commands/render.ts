import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { DescribeTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { ConfigurationError, errorMessage } from '../../core/errors';
import {
  findService,
  parseTaskDefinitionFile,
  renderTaskDefinition,
  type TaskDefinitionSource,
} from '../../deploy';
import { readDeployServiceInputs } from '../../deploy/inputs';
import { explainAwsError } from '../../deploy/service-lookup';
import { type CommandContext, type CommandSpec } from '../command';
import { DEPLOY_OPTIONS } from './deploy';
import { revisionTagOptions, revisionTagsFrom } from './shared';

/**
 * The source deploy would start from: the file given, else the revision the service runs now.
 * (The engine's own loader is private to src/deploy/engine.ts; this mirrors it with the same
 * exported pieces: findService, parseTaskDefinitionFile, DescribeTaskDefinition with tags.)
 */
async function loadSource(
  ctx: CommandContext,
  file: string | undefined,
  cluster: string,
  service: string,
): Promise<TaskDefinitionSource> {
  if (file) {
    let text: string;
    try {
      text = await readFile(path.resolve(ctx.io.cwd, file), 'utf8');
    } catch (error) {
      throw new ConfigurationError(
        `Input \`task-definition\`: cannot read ${file} (${errorMessage(error)}).`,
      );
    }
    return parseTaskDefinitionFile(text, file);
  }
  const ecs = ctx.aws().ecs;
  const running = (await findService(ecs, cluster, service)).taskDefinition ?? '';
  try {
    const out = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: running, include: ['TAGS'] }),
    );
    if (!out.taskDefinition) throw new ConfigurationError(`Task definition ${running} not found.`);
    return { taskDefinition: out.taskDefinition, tags: out.tags ?? [] };
  } catch (error) {
    throw explainAwsError(error, 'ecs:DescribeTaskDefinition');
  }
}

export const renderCommand: CommandSpec = {
  name: 'render',
  summary: 'print the task definition deploy would register for an image; change nothing',
  description:
    "Prints the RegisterTaskDefinition request that `deploy` would send for --image: the service's current\n" +
    "revision (or --task-definition) with the container's image, environment and secrets replaced and the\n" +
    'read-only fields removed. Reads only; the output can be fed to `aws ecs register-task-definition\n' +
    '--cli-input-json file://-`.',
  examples: [
    'strapi-deploy render --cluster strapi --service strapi --image repo/strapi:v43',
    'strapi-deploy render --cluster strapi --service strapi --image repo/strapi:v43 --task-definition taskdef.json',
  ],
  options: [...DEPLOY_OPTIONS, ...revisionTagOptions],
  async run(ctx) {
    // The deploy's own reader: render accepts and refuses exactly what deploy would.
    const inputs = readDeployServiceInputs(ctx.inputs);
    const source = await loadSource(ctx, inputs.taskDefinitionFile, inputs.cluster, inputs.service);
    const rendered = renderTaskDefinition(source, {
      image: inputs.image,
      containerName: inputs.containerName,
      environment: inputs.environment,
      secrets: inputs.secrets,
      revisionTags: revisionTagsFrom(ctx),
    });
    ctx.reporter.info(
      `Container ${rendered.containerName}: ${rendered.previousImage ?? '(no image)'} -> ${inputs.image}` +
        (rendered.droppedFields.length ? `; dropped ${rendered.droppedFields.join(', ')}` : ''),
    );
    return {
      exitCode: 0,
      data: {
        containerName: rendered.containerName,
        previousImage: rendered.previousImage,
        droppedFields: rendered.droppedFields,
        taskDefinition: rendered.input,
      },
      text: JSON.stringify(rendered.input, null, 2),
    };
  },
};
