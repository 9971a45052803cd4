import { ConfigurationError } from '../../core/errors';
import type { InputReader } from '../../core/inputs';
import { WAIT_LIMITS } from '../../deploy/inputs';
import { shortTaskDefinitionName } from '../../ecs/names';
import { parseRepository } from '../../release-history';
import type { GitHubSettings, JobEnvironment } from '../../use-cases/job-context';
import type { ReleaseResult } from '../../use-cases/release-result';
import type { CommandContext, CommandResult } from '../command';
import type { OptionSpec } from '../options';
import { renderReleaseSummary } from '../../use-cases/summary';

/** A revision registered from a laptop has no run id; its commit can still be recorded. */
export const revisionTagOptions: OptionSpec[] = [
  {
    flag: 'git-sha',
    type: 'string',
    value: 'SHA',
    description:
      'the commit this image was built from (default GITHUB_SHA): tagged on the revision for history and rollback --to <sha>',
  },
];

/** --git-sha, else GITHUB_SHA when the CLI runs inside a workflow (as the action would tag it). */
export function gitShaFrom(ctx: CommandContext): string | undefined {
  return ctx.inputs.optional('git-sha') ?? (ctx.io.env.GITHUB_SHA || undefined);
}

/**
 * GitHub deployments from a terminal: the token is read from GITHUB_TOKEN only (a flag would leave
 * it in the shell history and the process list), the repository from --github-repo or
 * GITHUB_REPOSITORY. Without both, the ECS revision tags are the history, as in the action.
 */
export const GITHUB_REPO_OPTION: OptionSpec = {
  flag: 'github-repo',
  type: 'string',
  value: 'OWNER/NAME',
  description:
    'repository whose GitHub deployments hold the history (default GITHUB_REPOSITORY; token from GITHUB_TOKEN)',
};

/** --github-repo, else GITHUB_REPOSITORY; a malformed flag is a configuration error naming it. */
export function readGitHubRepository(
  reader: InputReader,
  env: NodeJS.ProcessEnv,
): ReturnType<typeof parseRepository> {
  const repoFlag = reader.optional('github-repo');
  const repository = parseRepository(repoFlag ?? env.GITHUB_REPOSITORY);
  if (repoFlag && !repository)
    throw new ConfigurationError(` must be OWNER/NAME, got "${repoFlag}".`, 'github-repo');
  return repository;
}

export function githubSettings(
  ctx: CommandContext,
  environment: string,
  options: { ref?: string; environmentUrl?: string } = {},
): GitHubSettings {
  const repository = readGitHubRepository(ctx.inputs, ctx.io.env);
  const token = ctx.io.env.GITHUB_TOKEN;
  return {
    environment,
    ...(token ? { token } : {}),
    ...(repository ? { repository } : {}),
    ref: options.ref ?? (ctx.io.env.GITHUB_SHA || 'HEAD'),
    ...(options.environmentUrl ? { environmentUrl: options.environmentUrl } : {}),
    env: ctx.io.env,
  };
}

export function jobEnvironment(ctx: CommandContext, github: GitHubSettings): JobEnvironment {
  return {
    clock: ctx.clock,
    reporter: ctx.reporter,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    github,
    awsClients: () => ctx.aws(),
  };
}

/** `42s`, `3m 05s`: durations as people read them in a terminal. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
}

/** The wait flags of deploy and rollback; bounds and defaults are the engine's (WAIT_LIMITS). */
/** The content guard: deploy and promote (each puts a release on a database). */
export const SCHEMA_GUARD_OPTIONS: OptionSpec[] = [
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
];

export const WAIT_OPTIONS: OptionSpec[] = [
  {
    flag: 'wait-minutes',
    input: 'wait-minutes',
    type: 'string',
    value: 'N',
    description: `give up waiting after N minutes, ${WAIT_LIMITS.waitMinutes.min}-${WAIT_LIMITS.waitMinutes.max} (default ${WAIT_LIMITS.waitMinutes.fallback})`,
  },
  {
    flag: 'poll-seconds',
    input: 'poll-seconds',
    type: 'string',
    value: 'N',
    description: `seconds between polls, ${WAIT_LIMITS.pollSeconds.min}-${WAIT_LIMITS.pollSeconds.max} (default ${WAIT_LIMITS.pollSeconds.fallback})`,
  },
  {
    flag: 'max-task-failures',
    input: 'max-task-failures',
    type: 'string',
    value: 'N',
    description: `fail after N stopped tasks while none is healthy, ${WAIT_LIMITS.maxTaskFailures.min}-${WAIT_LIMITS.maxTaskFailures.max}; 0 = never (default ${WAIT_LIMITS.maxTaskFailures.fallback})`,
  },
  {
    flag: 'wait-for-idle',
    input: 'wait-for-idle',
    type: 'boolean',
    description: 'wait for a deployment in flight to end instead of refusing to start',
  },
];

/** The lines a person reads at the end: the verdict word, from -> to, and where the service ended. */
export function renderVerdictText(result: ReleaseResult): string {
  const mark = result.verdict === 'succeeded' || result.verdict === 'dry-run' ? '✔' : '✖';
  const head = `${mark} ${result.kind} ${result.verdict}: ${result.service} ${result.from.revision || '(none)'} -> ${result.to.revision || '(not registered)'}`;
  const lines = [head, `  ${result.reason}`];
  const took = (span: { startedAt: number; endedAt: number }): string =>
    formatDuration(span.endedAt - span.startedAt);
  if (result.oneOff) lines.push(`  run-before ${result.oneOff.verdict} after ${took(result.oneOff)}`);
  if (result.rollout) {
    lines.push(
      `  rollout ${result.rollout.verdict} after ${formatDuration(result.rollout.endedAt - result.rollout.startedAt)}`,
    );
  }
  if (result.smokeTest)
    lines.push(`  smoke test ${result.smokeTest.verdict} after ${took(result.smokeTest)}`);
  if (result.endedOn) lines.push(`  the service runs ${shortTaskDefinitionName(result.endedOn)}`);
  return lines.join('\n');
}

/** A deploy or rollback result as the CLI presents it: exit 1 unless healthy, the summary for --summary-file. */
export function releaseCommandResult(result: ReleaseResult): CommandResult {
  return {
    exitCode: result.verdict === 'succeeded' || result.verdict === 'dry-run' ? 0 : 1,
    data: result,
    text: renderVerdictText(result),
    summary: renderReleaseSummary(result),
  };
}
