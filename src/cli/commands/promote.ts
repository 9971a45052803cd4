import { readPromoteInputs } from '../../promote/inputs';
import { runPromote } from '../../use-cases/promote';
import { CLUSTER, SERVICE, SUMMARY_FILE, type CommandSpec } from '../command';
import {
  GITHUB_REPO_OPTION,
  SCHEMA_GUARD_OPTIONS,
  WAIT_OPTIONS,
  githubSettings,
  jobEnvironment,
  readGitHubRepository,
  releaseCommandResult,
} from './shared';

export const promoteCommand: CommandSpec = {
  name: 'promote',
  summary: 'deploy to production exactly the image (digest) staging runs, without building',
  description:
    "Reads the image digest the --source-service's running revision holds (a tag is resolved through ECR),\n" +
    'refuses when that service is mid-deployment or its history (the GitHub deployments of\n' +
    "--source-environment, else the revision's deploy-result tag) does not record that release as a success,\n" +
    'then deploys repository@sha256:… to --service like `deploy`: same rollout, rollback, summary and history.',
  examples: [
    'strapi-deploy promote --source-cluster strapi-staging --source-service strapi --cluster strapi-production --service strapi',
  ],
  options: [
    {
      flag: 'source-cluster',
      input: 'source-cluster',
      type: 'string',
      value: 'NAME',
      required: true,
      description: 'ECS cluster of the environment the release is proven in (staging)',
    },
    {
      flag: 'source-service',
      input: 'source-service',
      type: 'string',
      value: 'NAME',
      required: true,
      description: 'ECS service whose running image is promoted',
    },
    {
      flag: 'source-environment',
      input: 'source-environment',
      type: 'string',
      value: 'NAME',
      description:
        'GitHub deployment environment of the source, whose history must say success (default staging)',
    },
    { ...CLUSTER, description: 'ECS cluster promoted to (production), name or ARN' },
    { ...SERVICE, description: 'ECS service promoted to, name or ARN' },
    {
      flag: 'container-name',
      input: 'container-name',
      type: 'string',
      value: 'NAME',
      description:
        'container whose image is read and replaced (default: "strapi", else the only essential container)',
    },
    {
      flag: 'no-rollback',
      input: 'rollback-on-failure',
      type: 'boolean',
      sets: 'false',
      description: 'leave production as it is when the rollout fails',
    },
    ...SCHEMA_GUARD_OPTIONS,
    ...WAIT_OPTIONS,
    {
      flag: 'environment',
      input: 'environment',
      type: 'string',
      value: 'NAME',
      description:
        'GitHub deployment environment promoted to, where the release is recorded (default production)',
    },
    {
      flag: 'service-url',
      input: 'service-url',
      type: 'string',
      value: 'URL',
      description: 'where the production app answers, recorded as the GitHub deployment URL',
    },
    GITHUB_REPO_OPTION,
    SUMMARY_FILE,
  ],
  usesAws: true,
  readInputs(reader, io) {
    readGitHubRepository(reader, io.env);
    reader.optional('service-url');
    return readPromoteInputs(reader);
  },
  async run(ctx) {
    const inputs = readPromoteInputs(ctx.inputs);
    const serviceUrl = ctx.inputs.optional('service-url');
    const github = githubSettings(ctx, inputs.environment, serviceUrl ? { environmentUrl: serviceUrl } : {});
    const result = await runPromote(jobEnvironment(ctx, github), {
      inputs: { ...inputs, region: ctx.region() },
      ...(ctx.io.env.GITHUB_RUN_ID ? { runId: ctx.io.env.GITHUB_RUN_ID } : {}),
    });
    const shown = releaseCommandResult(result);
    return {
      ...shown,
      text: `promoted ${result.promoted.image} from ${result.promoted.from.environment} (${result.promoted.from.service})\n${shown.text ?? ''}`,
    };
  },
};
