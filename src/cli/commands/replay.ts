import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigurationError, errorMessage } from '../../core/errors';
import { parseTranscript, type Transcript } from '../../transcript';
import { REPLAYABLE_COMMANDS, runReplay, type ReplayOutcome } from '../../use-cases/replay';
import type { CommandSpec } from '../command';
import { renderVerdictText } from './shared';

function readTranscriptFile(file: string, cwd: string): Transcript {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    // fs errors can come from another realm (jest, the demo's VM): read the message, not instanceof.
    const message = (error as { message?: unknown }).message;
    throw new ConfigurationError(
      ` cannot be read: ${typeof message === 'string' ? message : String(error)}.`,
      'FILE',
    );
  }
  try {
    return parseTranscript(text);
  } catch (error) {
    throw new ConfigurationError(` (${file}) is not a transcript: ${errorMessage(error)}.`, 'FILE');
  }
}

/** "recorded rolled-back (reason), replayed rolled-back (reason)": the comparison a person reads. */
function comparison(outcome: ReplayOutcome): string[] {
  const replayed = outcome.result
    ? `${outcome.result.verdict}: ${outcome.result.reason}`
    : `stopped before any change: ${outcome.error ?? 'no result'}`;
  const recorded = outcome.recorded
    ? `${outcome.recorded.verdict}${outcome.recorded.reason ? `: ${outcome.recorded.reason}` : ''}`
    : '(the transcript holds no result)';
  const lines = outcome.result ? [renderVerdictText(outcome.result)] : [];
  lines.push(
    outcome.matches
      ? `Replay matches the recording: ${replayed}`
      : `Replay differs from the recording.\n  recorded: ${recorded}\n  replayed: ${replayed}`,
  );
  if (outcome.divergences.length) {
    lines.push(`The engine left the transcript (${outcome.divergences.length}):`);
    lines.push(...outcome.divergences.map((d) => `  ${d}`));
  }
  lines.push(`  ${outcome.replayer.served.length} AWS answers served from the transcript`);
  return lines;
}

export const replayCommand: CommandSpec = {
  name: 'replay',
  summary: 'run a recorded deploy or rollback again from its transcript and compare the verdicts',
  description:
    `Runs the engine again on a transcript written by --record (${REPLAYABLE_COMMANDS.join(' or ')}, with the\n` +
    'recorded inputs) against a local server that answers every AWS call from the file, on a clock that jumps\n' +
    'over the waits: a 15-minute rollout replays in a second, and no AWS account, credentials or GitHub are\n' +
    'used. Prints the verdict next to the recorded one. Exit 0 when it reaches the recorded verdict and reason\n' +
    'with every call answered from the file; 1 when the verdict differs or the engine made a call the\n' +
    'transcript does not have (named, with its position); 2 when FILE is not a replayable transcript.',
  examples: [
    'strapi-deploy deploy --cluster strapi --service strapi --image repo/strapi:v42 --record failed-deploy.json',
    'strapi-deploy replay failed-deploy.json',
    'strapi-deploy replay failed-deploy.json --json',
  ],
  arguments: [{ name: 'FILE', description: 'a transcript written by --record' }],
  options: [],
  async run(ctx) {
    const file = ctx.parsed.args[0] ?? '';
    const transcript = readTranscriptFile(file, ctx.io.cwd);
    ctx.reporter.info(
      `Replaying ${transcript.run?.command ?? 'a run'} of ${transcript.startedAt} from ${file}: ${transcript.entries.length} recorded AWS answers (source: ${transcript.source})`,
    );
    const outcome = await runReplay(transcript, {
      reporter: ctx.reporter,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    return {
      exitCode: outcome.matches ? 0 : 1,
      data: {
        file,
        matches: outcome.matches,
        recorded: outcome.recorded ?? null,
        replayed: outcome.result
          ? { verdict: outcome.result.verdict, reason: outcome.result.reason }
          : { verdict: 'error', reason: outcome.error ?? '' },
        divergences: outcome.divergences,
        served: outcome.replayer.served.length,
        entries: transcript.entries.length,
      },
      text: comparison(outcome).join('\n'),
    };
  },
};
