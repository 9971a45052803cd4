import * as path from 'node:path';
import { readDeployServiceInputs } from '../../deploy/inputs';
import { renderTaskDefinition, type TaskDefinitionSource } from '../../deploy/render';
import { loadTaskDefinitionSource, readTaskDefinitionFile } from '../../deploy/source';
import { REVISION_TAGS } from '../../ecs/revision-tags';
import { findService, primaryTaskDefinition } from '../../ecs/service';
import { type CommandContext, type CommandSpec } from '../command';
import { DEPLOY_OPTIONS } from './deploy';
import { gitShaFrom, revisionTagOptions } from './shared';

/** The source deploy would start from: the file given (no AWS needed), else the revision the service runs. */
async function loadSource(
  ctx: CommandContext,
  file: string | undefined,
  cluster: string,
  service: string,
): Promise<TaskDefinitionSource> {
  // A relative --task-definition is relative to where the command was typed.
  if (file) return readTaskDefinitionFile(path.resolve(ctx.io.cwd, file));
  const ecs = ctx.aws().ecs;
  return loadTaskDefinitionSource(
    ecs,
    undefined,
    primaryTaskDefinition(await findService(ecs, cluster, service)),
  );
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
  usesAws: true,
  readInputs: (reader) => readDeployServiceInputs(reader),
  async run(ctx) {
    // The deploy's own reader: render accepts and refuses exactly what deploy would.
    const inputs = readDeployServiceInputs(ctx.inputs);
    const source = await loadSource(ctx, inputs.taskDefinitionFile, inputs.cluster, inputs.service);
    const rendered = renderTaskDefinition(source, {
      image: inputs.image,
      ...(inputs.containerName ? { containerName: inputs.containerName } : {}),
      environment: inputs.environment,
      secrets: inputs.secrets,
      revisionTags: { ...(gitShaFrom(ctx) ? { [REVISION_TAGS.gitSha]: gitShaFrom(ctx) as string } : {}) },
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
