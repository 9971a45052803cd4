import * as path from 'node:path';
import { DEPLOY_SERVICE_INTEGER_INPUTS, readDeployServiceInputs } from '../../deploy/inputs';
import type { InputReader } from '../../core/inputs';
import type { DeployServiceInputs } from '../../deploy/inputs';
import { CLUSTER, SERVICE, SUMMARY_FILE, type CliIo, type CommandSpec } from '../command';
import type { OptionSpec } from '../options';
import {
  SCHEMA_GUARD_OPTIONS,
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

const {
  'desired-count': DESIRED,
  'run-before-minutes': RUN_BEFORE_MINUTES,
  'smoke-test-seconds': SMOKE_SECONDS,
} = DEPLOY_SERVICE_INTEGER_INPUTS;

/** The release checks around the rollout: a one-off task before it, a smoke test after it. */
const RELEASE_CHECK_OPTIONS: OptionSpec[] = [
  {
    flag: 'run-before',
    input: 'run-before',
    type: 'string',
    value: 'COMMAND',
    description:
      'run COMMAND once on the new revision (RunTask) before the rollout; the rollout is skipped unless it exits 0',
  },
  {
    flag: 'run-before-minutes',
    input: 'run-before-minutes',
    type: 'string',
    value: 'N',
    description: `stop the run-before task and fail after N minutes, ${RUN_BEFORE_MINUTES.min}-${RUN_BEFORE_MINUTES.max} (default ${RUN_BEFORE_MINUTES.fallback})`,
  },
  {
    flag: 'smoke-path',
    input: 'smoke-path',
    type: 'string',
    value: 'PATH',
    description:
      'content API path the smoke test expects 2xx from, e.g. /api/articles (token from STRAPI_SMOKE_TOKEN)',
  },
  {
    flag: 'smoke-test-seconds',
    input: 'smoke-test-seconds',
    type: 'string',
    value: 'N',
    description: `retry the smoke test for N seconds before failing and rolling back, ${SMOKE_SECONDS.min}-${SMOKE_SECONDS.max} (default ${SMOKE_SECONDS.fallback})`,
  },
  {
    flag: 'no-smoke-test',
    input: 'smoke-test',
    type: 'boolean',
    sets: 'false',
    description: 'do not smoke-test --service-url after the rollout',
  },
];

/** deploy's flags: the deploy-service action's reader, plus the GitHub recording flags. */
function readDeployFlags(
  reader: InputReader,
  io: Pick<CliIo, 'env'>,
): { inputs: DeployServiceInputs; serviceUrl: string | undefined } {
  const inputs = readDeployServiceInputs(reader);
  readGitHubRepository(reader, io.env);
  // A token in argv would land in the shell history and the process list: the environment holds it.
  const token = io.env.STRAPI_SMOKE_TOKEN;
  if (token && inputs.smokeTest) inputs.smokeTest.bearerToken = token;
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
    ...SCHEMA_GUARD_OPTIONS,
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
      description: 'where the app answers: recorded as the GitHub deployment URL, and smoke-tested',
    },
    ...RELEASE_CHECK_OPTIONS,
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
    // The use case is loaded when the command runs (its own chunk in the bundle): `status` never pays for it.
    const { runDeploy } = await import('../../use-cases/deploy');
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
