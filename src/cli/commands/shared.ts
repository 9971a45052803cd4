import { WAIT_LIMITS } from '../../deploy/inputs';
import { REVISION_TAG_GIT_SHA } from '../../deploy/render';
import type { CommandContext } from '../command';
import type { OptionSpec } from '../options';

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

export function revisionTagsFrom(ctx: CommandContext): Record<string, string> {
  const sha = gitShaFrom(ctx);
  return sha ? { [REVISION_TAG_GIT_SHA]: sha } : {};
}

/** `42s`, `3m 05s`: durations as people read them in a terminal. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
}

/** The wait flags of deploy and rollback; bounds and defaults are the engine's (WAIT_LIMITS). */
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
];
