import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ECSClient } from '@aws-sdk/client-ecs';
import { createAwsClient, lazyAwsClients, type LazyAwsClients } from '../aws/client-factory';
import { ConfigurationError, errorMessage } from '../core/errors';
import { InputReader, mapInputSource } from '../core/inputs';
import type { Reporter } from '../core/reporter';
import { readDeployServiceInputs } from '../deploy/inputs';
import { readRollbackInputs } from '../rollback/inputs';
import { ReplayClock, startReplayServer, type Transcript, type TranscriptReplayer } from '../transcript';
import { runDeploy } from './deploy';
import type { EcsClients } from './job-context';
import type { ReleaseResult } from './release-result';
import { runRollback } from './rollback';

function pick(lazy: LazyAwsClients, services: string[]): Partial<LazyAwsClients> {
  return {
    ...(services.includes('ecr') ? { ecr: lazy.ecr } : {}),
    ...(services.includes('rds') ? { rds: lazy.rds } : {}),
  };
}

/** The recorded commands a replay can run again: the CLI's `deploy` records as `deploy-service`. */
export const REPLAYABLE_COMMANDS = ['deploy-service', 'rollback'] as const;

export interface ReplayOutcome {
  /** The engine's result on the transcript's answers; undefined when it stopped before any change. */
  result?: ReleaseResult;
  /** Why the engine stopped before any change (a ConfigurationError, or a call nothing answered). */
  error?: string;
  /** What the transcript says the recorded run ended with. */
  recorded?: Transcript['result'];
  /** Calls that were not answered as recorded, each named with its position (empty: a faithful replay). */
  divergences: string[];
  /** The server's account of what it answered (entries served, in order). */
  replayer: TranscriptReplayer;
  /** True when the replay reached the recorded verdict and reason with every call answered from the file. */
  matches: boolean;
}

/**
 * Runs a transcript's recorded command (deploy-service or rollback, with its recorded inputs) again,
 * with the real SDK clients against a loopback server answering from the transcript, on a clock that
 * starts where the recording did and jumps over every wait. GitHub is never read or written: the
 * transcript holds AWS answers only. `reporter` hears the run as a live one would.
 */
export async function runReplay(
  transcript: Transcript,
  env: { reporter: Reporter; signal?: AbortSignal },
): Promise<ReplayOutcome> {
  const run = transcript.run;
  if (!run || !(REPLAYABLE_COMMANDS as readonly string[]).includes(run.command))
    throw new ConfigurationError(
      `: replays ${REPLAYABLE_COMMANDS.join(' or ')} runs; this transcript's run is ${run ? `"${run.command}"` : 'not recorded (no "run")'}.`,
      'FILE',
    );
  const clock = new ReplayClock(transcript);
  const server = await startReplayServer(transcript, clock);
  const config = { region: transcript.region, replayServer: { endpoint: server.url } };
  const clients: EcsClients = {
    ecs: createAwsClient(ECSClient, config),
    logs: createAwsClient(CloudWatchLogsClient, config),
    // ECR (the schema guard's label reads) and RDS (a snapshot) only where the run had them: a transcript
    // recorded without them replays as that run went, the guard seeing no client.
    ...pick(
      lazyAwsClients(config),
      transcript.entries.map((e) => e.service),
    ),
  };
  const job = {
    clock,
    reporter: env.reporter,
    ...(env.signal ? { signal: env.signal } : {}),
    awsClients: () => clients,
  };
  // The smoke test would send real requests to the recorded service URL: a replay talks only to its file.
  const reader = new InputReader(mapInputSource({ ...run.inputs, 'smoke-test': 'false' }));
  const outcome: Omit<ReplayOutcome, 'matches' | 'divergences' | 'replayer'> = {
    ...(transcript.result ? { recorded: transcript.result } : {}),
  };
  try {
    outcome.result =
      run.command === 'rollback'
        ? await runRollback(job, { ...readRollbackInputs(reader), region: transcript.region })
        : await runDeploy(job, { inputs: { ...readDeployServiceInputs(reader), region: transcript.region } });
  } catch (error) {
    outcome.error = errorMessage(error);
  } finally {
    clients.ecs.destroy();
    clients.logs.destroy();
    await server.close();
  }
  const { divergences } = server.replayer;
  const recorded = transcript.result;
  const sameEnd = outcome.result
    ? recorded?.verdict === outcome.result.verdict && recorded.reason === outcome.result.reason
    : recorded?.verdict === 'error' && recorded.reason === outcome.error;
  return {
    ...outcome,
    divergences: [...divergences],
    replayer: server.replayer,
    matches: sameEnd && !divergences.length,
  };
}
