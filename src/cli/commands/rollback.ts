import { readRollbackInputs } from '../../rollback/inputs';
import { CLUSTER, SERVICE, SUMMARY_FILE, type CommandSpec } from '../command';
import type { OptionSpec, ParsedOptions, UsageProblem } from '../options';
import {
  GITHUB_REPO_OPTION,
  WAIT_OPTIONS,
  githubSettings,
  jobEnvironment,
  readGitHubRepository,
  releaseCommandResult,
} from './shared';

/**
 * `--to strapi --revision 3` is `--to strapi:3` (the family and revision as the console shows them
 * side by side); `--revision 3` alone is `--to 3`. The rollback reader then sees one `to`.
 */
export function combineRevisionFlag(parsed: ParsedOptions): UsageProblem[] {
  const revision = parsed.flags.revision;
  if (typeof revision !== 'string') return [];
  if (!/^\d{1,6}$/.test(revision) || Number(revision) < 1) {
    return [
      {
        message: `Option --revision must be a revision number (1 or more), got "${revision}".`,
        input: 'revision',
      },
    ];
  }
  const to = parsed.inputs.to?.trim();
  if (to && !/^[A-Za-z0-9_-]{1,255}$/.test(to)) {
    return [
      {
        message: `Option --revision goes with --to FAMILY (a task definition family name), got --to "${to}".`,
        input: 'revision',
      },
    ];
  }
  parsed.inputs.to = to ? `${to}:${Number(revision)}` : String(Number(revision));
  return [];
}

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
    'Resolves --to (previous, a revision number, family:revision or --to FAMILY --revision N, a task definition\n' +
    'ARN, a git SHA or an image tag/digest) from\n' +
    "the GitHub deployment history when GITHUB_TOKEN and a repository are given, else from the revisions' ECS\n" +
    "tags and the family's revisions; then rolls the service to it and waits, with the same diagnosis as a\n" +
    'deploy. Never builds. The same engine and input validation as the rollback action.',
  examples: [
    'strapi-deploy rollback --cluster strapi --service strapi --to previous',
    'strapi-deploy rollback --cluster strapi --service strapi --to 41 --dry-run',
    'strapi-deploy rollback --cluster strapi --service strapi --to strapi:3',
    'strapi-deploy rollback --cluster strapi --service strapi --to strapi --revision 3',
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
        'previous | <revision> | <family>:<revision> | <task definition ARN> | <git SHA> | <image tag or digest> (default previous)',
    },
    {
      flag: 'revision',
      type: 'string',
      value: 'N',
      description:
        "with --to FAMILY: revision N of that task definition family (the same as --to FAMILY:N); alone: revision N of the service's family",
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
  usesAws: true,
  combineFlags: combineRevisionFlag,
  readInputs(reader, io) {
    readGitHubRepository(reader, io.env);
    return readRollbackInputs(reader);
  },
  async run(ctx) {
    const inputs = readRollbackInputs(ctx.inputs);
    // The rollback deploys the target's commit when its SHA is known; otherwise the checkout's commit.
    const github = githubSettings(ctx, ctx.inputs.optional('environment', 'production'));
    // The use case is loaded when the command runs (its own chunk in the bundle): `status` never pays for it.
    const { runRollback } = await import('../../use-cases/rollback');
    const result = await runRollback(jobEnvironment(ctx, github), { ...inputs, region: ctx.region() });
    return releaseCommandResult(result);
  },
};
