import * as path from 'node:path';
import { deployServiceRecorded, renderDeploySummary } from '../../deploy';
import { DEPLOY_SERVICE_INTEGER_INPUTS, readDeployServiceInputs, toDeployRequest } from '../../deploy/inputs';
import type { DeployOutcome, RolloutOutcome } from '../../deploy/types';
import { combineRecorders, createEcsResultRecorder } from '../../history/ecs-result-tag';
import { shortTaskDefinitionName } from '../../history/release';
import { CLUSTER, SERVICE, SUMMARY_FILE, type CommandSpec } from '../command';
import type { OptionSpec } from '../options';
import { GITHUB_REPO_OPTION, githubRecorder, githubTarget } from './github';
import { WAIT_OPTIONS, formatDuration, gitShaFrom, revisionTagOptions, revisionTagsFrom } from './shared';

/** The deploy-service action's inputs as flags (names differ only where a CLI name reads better). */
export const DEPLOY_OPTIONS: OptionSpec[] = [
  CLUSTER,
  SERVICE,
  {
    flag: 'image',
    input: 'image-uri',
    type: 'string',
    value: 'URI',
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
  async run(ctx) {
    // Every input is validated before the first AWS call: a typo changes nothing.
    const inputs = readDeployServiceInputs(ctx.inputs);
    const tags = revisionTagsFrom(ctx);
    const environment = ctx.inputs.optional('environment', 'production');
    const region = ctx.region();
    const aws = ctx.aws();
    // What the action records around the engine: the result tag on the revision (the ECS-only
    // history) and, with GITHUB_TOKEN and a repository, a GitHub deployment.
    const recorder = combineRecorders(
      githubRecorder(
        ctx,
        githubTarget(ctx, environment),
        gitShaFrom(ctx),
        ctx.inputs.optional('service-url'),
      ),
      createEcsResultRecorder(() => aws.ecs, ctx.reporter),
    );
    const outcome = await deployServiceRecorded(
      { ecs: aws.ecs, logs: aws.logs, clock: ctx.clock, reporter: ctx.reporter },
      // A relative --task-definition is relative to where the command was typed.
      toDeployRequest(
        {
          ...inputs,
          taskDefinitionFile:
            inputs.taskDefinitionFile && path.resolve(ctx.io.cwd, inputs.taskDefinitionFile),
        },
        tags,
      ),
      { recorder, region },
    );
    return {
      exitCode: outcome.status === 'succeeded' ? 0 : 1,
      data: outcome,
      text: renderDeployVerdict(outcome),
      summary: renderDeploySummary(outcome, { consoleRegion: region }),
    };
  },
};

function rolloutLine(rollout: RolloutOutcome): string {
  return `${rollout.verdict} after ${formatDuration(rollout.endedAt - rollout.startedAt)}: ${rollout.reason}`;
}

/** The last lines a person reads: the verdict, from -> to, and what happened to the service after a failure. */
function renderDeployVerdict(outcome: DeployOutcome): string {
  const from = shortTaskDefinitionName(outcome.previousTaskDefinitionArn);
  const to = shortTaskDefinitionName(outcome.taskDefinitionArn);
  const head =
    outcome.status === 'succeeded'
      ? `✔ Deployed ${to} (${outcome.image}) to ${outcome.rollout.service}, replacing ${from}`
      : `✖ Deploy of ${to} (${outcome.image}) ${outcome.status}`;
  const lines = [head, `  rollout: ${rolloutLine(outcome.rollout)}`];
  if (outcome.rollback) {
    const by = outcome.rollbackBy === 'ecs-circuit-breaker' ? 'ECS circuit breaker' : 'strapi-deploy';
    lines.push(
      `  rollback to ${shortTaskDefinitionName(outcome.rollback.taskDefinitionArn)} by ${by}: ${rolloutLine(outcome.rollback)}`,
    );
  } else if (outcome.status !== 'succeeded') {
    lines.push(`  no rollback: the service was left on ${to}`);
  }
  return lines.join('\n');
}
