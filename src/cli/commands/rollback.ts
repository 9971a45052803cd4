import { createGitHubDeploymentRecorder, shortTaskDefinitionName } from '../../history';
import { readRollbackInputs, renderRollbackSummary, runRollback, type RollbackResult } from '../../rollback';
import { CLUSTER, SERVICE, SUMMARY_FILE, type CommandSpec } from '../command';
import type { OptionSpec } from '../options';
import { GITHUB_REPO_OPTION, githubTarget } from './github';
import { WAIT_OPTIONS, formatDuration } from './shared';

export const GITHUB_OPTIONS: OptionSpec[] = [
  {
    flag: 'environment',
    input: 'environment',
    type: 'string',
    value: 'NAME',
    description:
      'GitHub deployment environment whose history is read and where the rollback is recorded (default production)',
  },
  GITHUB_REPO_OPTION,
];

export const rollbackCommand: CommandSpec = {
  name: 'rollback',
  summary: 'put the service back on an earlier release and wait for it',
  description:
    'Resolves --to (previous, a revision number, a task definition ARN, a git SHA or an image tag/digest) from\n' +
    "the GitHub deployment history when GITHUB_TOKEN and a repository are given, else from the revisions' ECS\n" +
    "tags and the family's revisions; then rolls the service to it and waits, with the same diagnosis as a\n" +
    'deploy. Never builds. The same engine and input validation as the rollback action.',
  examples: [
    'strapi-deploy rollback --cluster strapi --service strapi --to previous',
    'strapi-deploy rollback --cluster strapi --service strapi --to 41 --dry-run',
  ],
  options: [
    CLUSTER,
    SERVICE,
    {
      flag: 'to',
      input: 'to',
      type: 'string',
      value: 'TARGET',
      description:
        'previous | <revision> | <task definition ARN> | <git SHA> | <image tag or digest> (default previous)',
    },
    {
      flag: 'dry-run',
      input: 'dry-run',
      type: 'boolean',
      description: 'say what would be done, change nothing',
    },
    {
      flag: 'wait-for-idle',
      input: 'wait-for-idle',
      type: 'boolean',
      description: 'wait for a deployment in progress to end instead of refusing',
    },
    ...WAIT_OPTIONS,
    ...GITHUB_OPTIONS,
    SUMMARY_FILE,
  ],
  async run(ctx) {
    const inputs = readRollbackInputs(ctx.inputs);
    const github = githubTarget(ctx, inputs.environment);
    // As in the action: the rollback deploys the target's commit when its SHA is known (rollbackService
    // passes it as the ref); otherwise the checkout's commit.
    const recorder = github
      ? createGitHubDeploymentRecorder({
          ...github,
          ref: ctx.io.env.GITHUB_SHA || 'HEAD',
          reporter: ctx.reporter,
        })
      : undefined;
    const aws = ctx.aws();
    const { result, failure } = await runRollback(
      { ecs: aws.ecs, logs: aws.logs, clock: ctx.clock, reporter: ctx.reporter, github, recorder },
      inputs,
    );
    // A rollback that ran and failed is reported like a finished command, with exit code 1.
    const exitCode = failure ? 1 : 0;
    return {
      exitCode,
      data: result,
      text: renderRollbackVerdict(result),
      summary: renderRollbackSummary(result),
    };
  },
};

function renderRollbackVerdict(result: RollbackResult): string {
  const from = shortTaskDefinitionName(result.from.taskDefinitionArn);
  const to = shortTaskDefinitionName(result.taskDefinitionArn);
  if (result.dryRun)
    return `Dry run: would roll ${result.service} from ${from} back to ${to} (resolved by ${result.resolvedBy}); nothing changed.`;
  const outcome = result.outcome;
  if (!outcome) return `Rolled ${result.service} from ${from} to ${to}.`;
  const took = formatDuration(outcome.endedAt - outcome.startedAt);
  return outcome.verdict === 'succeeded'
    ? `✔ Rolled ${result.service} back from ${from} to ${to} (resolved by ${result.resolvedBy}) in ${took}`
    : `✖ Rollback of ${result.service} to ${to} ${outcome.verdict} after ${took}: ${outcome.reason}`;
}
