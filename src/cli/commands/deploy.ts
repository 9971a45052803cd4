import * as path from 'node:path';
import { DEPLOY_SERVICE_INTEGER_INPUTS, readDeployServiceInputs } from '../../deploy/inputs';
import { runDeploy } from '../../use-cases/deploy';
import type { InputReader } from '../../core/inputs';
import type { DeployServiceInputs } from '../../deploy/inputs';
import { CLUSTER, SERVICE, SUMMARY_FILE, type CliIo, type CommandSpec } from '../command';
import type { OptionSpec } from '../options';
import {
  GITHUB_REPO_OPTION,
  WAIT_OPTIONS,
  gitShaFrom,
  githubSettings,
  jobEnvironment,
  readGitHubRepository,
  releaseCommandResult,
  revisionTagOptions,
} from './shared';

/** The deploy-service action's inputs as flags (names differ only where a CLI name reads better). */
export const DEPLOY_OPTIONS: OptionSpec[] = [
  CLUSTER,
  SERVICE,
  {
    flag: 'image',
    input: 'image-uri',
    type: 'string',
    value: 'URI',
    required: true,
    description: 'image to deploy (registry/repository:tag or @sha256:digest)',
  },
  {
    flag: 'container-name',
    input: 'container-name',
    type: 'string',
    value: 'NAME',
    description: 'container whose image is replaced (default: "strapi", else the only essential container)',
  },
  {
    flag: 'task-definition',
    input: 'task-definition',
    type: 'string',
    value: 'PATH',
    description: 'start from this task definition JSON file instead of the revision the service runs',
  },
  {
    flag: 'env',
    input: 'environment-variables',
    type: 'string',
    multiple: true,
    value: 'KEY=VALUE',
    description: 'set an environment variable of the container',
  },
  {
    flag: 'secret',
    input: 'secrets',
    type: 'string',
    multiple: true,
    value: 'NAME=ARN',
    description: 'set a secret of the container (Secrets Manager or SSM parameter ARN)',
  },
];

const { 'desired-count': DESIRED } = DEPLOY_SERVICE_INTEGER_INPUTS;

/** deploy's flags: the deploy-service action's reader, plus the GitHub recording flags. */
function readDeployFlags(
  reader: InputReader,
  io: Pick<CliIo, 'env'>,
): { inputs: DeployServiceInputs; serviceUrl: string | undefined } {
  const inputs = readDeployServiceInputs(reader);
  readGitHubRepository(reader, io.env);
  return { inputs, serviceUrl: reader.optional('service-url') };
}

export const deployCommand: CommandSpec = {
  name: 'deploy',
  summary: 'register a revision with an image, roll the service, wait; roll back on failure',
  description:
    "Registers a new revision of the service's task definition running --image, points the service at it and\n" +
    'watches the rollout. When tasks keep failing it stops early, shows why (stop code, reason, exit code, the\n' +
    "container's last log lines) and puts the service back on the revision it ran before, unless --no-rollback.\n" +
    'The same engine and the same input validation as the deploy-service action.',
  examples: [
    'strapi-deploy deploy --cluster strapi --service strapi --image 123456789012.dkr.ecr.eu-west-1.amazonaws.com/strapi:v42',
    'strapi-deploy deploy --cluster strapi --service strapi --image repo/strapi:v42 --env NODE_ENV=production --summary-file summary.md',
  ],
  options: [
    ...DEPLOY_OPTIONS,
    {
      flag: 'desired-count',
      input: 'desired-count',
      type: 'string',
      value: 'N',
      description: `also set the number of tasks, ${DESIRED.min}-${DESIRED.max} (default: unchanged)`,
    },
    {
      flag: 'force-new-deployment',
      input: 'force-new-deployment',
      type: 'boolean',
      description: 'start new tasks even if nothing changed',
    },
    {
      flag: 'no-rollback',
      input: 'rollback-on-failure',
      type: 'boolean',
      sets: 'false',
      description: 'leave the service as it is when the rollout fails',
    },
    {
      flag: 'allow-destructive-schema',
      input: 'allow-destructive-schema',
      type: 'boolean',
      description: 'deploy even when the content schema loses content (removed or retyped fields, types)',
    },
    {
      flag: 'snapshot',
      input: 'snapshot',
      type: 'string',
      value: 'WHEN',
      description:
        'snapshot the RDS database first: auto (schema change not additive), always, never (default auto)',
    },
    {
      flag: 'db-instance',
      input: 'db-instance',
      type: 'string',
      value: 'ID',
      description: "RDS DB instance to snapshot (default: the one the app container's DATABASE_HOST names)",
    },
    ...WAIT_OPTIONS,
    ...revisionTagOptions,
    {
      flag: 'environment',
      input: 'environment',
      type: 'string',
      value: 'NAME',
      description: 'GitHub deployment environment to record the release in (default production)',
    },
    {
      flag: 'service-url',
      input: 'service-url',
      type: 'string',
      value: 'URL',
      description: 'where the app answers, recorded as the GitHub deployment URL',
    },
    GITHUB_REPO_OPTION,
    SUMMARY_FILE,
  ],
  usesAws: true,
  readInputs: readDeployFlags,
  async run(ctx) {
    // Every input is validated before the first AWS call: a typo changes nothing.
    const { inputs, serviceUrl } = readDeployFlags(ctx.inputs, ctx.io);
    const gitSha = gitShaFrom(ctx);
    const github = githubSettings(ctx, ctx.inputs.optional('environment', 'production'), {
      ...(gitSha ? { ref: gitSha } : {}),
      ...(serviceUrl ? { environmentUrl: serviceUrl } : {}),
    });
    if (github.token && !gitSha) {
      ctx.reporter.info(
        'Not recording a GitHub deployment: give --git-sha, the commit this release was built from.',
      );
      delete github.token;
    }
    const result = await runDeploy(jobEnvironment(ctx, github), {
      inputs: {
        ...inputs,
        region: ctx.region(),
        // A relative --task-definition is relative to where the command was typed.
        ...(inputs.taskDefinitionFile
          ? { taskDefinitionFile: path.resolve(ctx.io.cwd, inputs.taskDefinitionFile) }
          : {}),
      },
      ...(gitSha ? { gitSha } : {}),
    });
    return releaseCommandResult(result);
  },
};
