import { readRollbackInputs } from '../../rollback/inputs';
import { runRollback } from '../../use-cases/rollback';
import { CLUSTER, SERVICE, SUMMARY_FILE, type CommandSpec } from '../command';
import type { OptionSpec } from '../options';
import {
  GITHUB_REPO_OPTION,
  WAIT_OPTIONS,
  githubSettings,
  jobEnvironment,
  releaseCommandResult,
} from './shared';

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
      flag: 'force',
      input: 'force',
      type: 'boolean',
      description: 'roll over a deployment in flight (a stuck, crash-looping rollout) instead of refusing',
    },
    ...WAIT_OPTIONS,
    ...GITHUB_OPTIONS,
    SUMMARY_FILE,
  ],
  async run(ctx) {
    const inputs = readRollbackInputs(ctx.inputs);
    // The rollback deploys the target's commit when its SHA is known; otherwise the checkout's commit.
    const github = githubSettings(ctx, ctx.inputs.optional('environment', 'production'));
    const result = await runRollback(jobEnvironment(ctx, github), { ...inputs, region: ctx.region() });
    return releaseCommandResult(result);
  },
};
