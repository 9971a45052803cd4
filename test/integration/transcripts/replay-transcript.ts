import { readFileSync } from 'node:fs';
import { createAwsClients } from '../../support/aws-clients';
import { InputReader, mapInputSource } from '../../../src/core/inputs';
import type { Clock } from '../../../src/core/clock';
import { silentReporter } from '../../../src/core/reporter';
import { readDeployServiceInputs } from '../../../src/deploy/inputs';
import {
  parseTranscript,
  TranscriptRecorder,
  type Transcript,
  type TranscriptReplayer,
} from '../../../src/transcript';
import { runReplay } from '../../../src/use-cases/replay';
import type { EcsClients } from '../../../src/use-cases/job-context';
import { runDeploy } from '../../../src/use-cases/deploy';
import type { ReleaseResult } from '../../../src/use-cases/release-result';

/** deploy-service, as the action runs it, from the inputs a transcript (or a test) names. */
export async function runDeployService(
  inputs: Record<string, string>,
  clock: Clock,
  clients: EcsClients,
  region: string,
): Promise<ReleaseResult> {
  const parsed = readDeployServiceInputs(new InputReader(mapInputSource(inputs)));
  return runDeploy(
    { clock, reporter: silentReporter, awsClients: () => clients },
    { inputs: { ...parsed, region } },
  );
}

/** The real SDK clients of one run, each recording into `recorder`. */
export function recordingClients(recorder: TranscriptRecorder, region: string): EcsClients {
  const clients = createAwsClients({ region });
  return { ecs: recorder.attach(clients.ecs), logs: recorder.attach(clients.logs) };
}

export interface Replayed {
  transcript: Transcript;
  result: ReleaseResult;
  replayer: TranscriptReplayer;
}

/**
 * Runs the transcript's recorded command again (runReplay, what `strapi-deploy replay` runs) with the
 * real SDK clients against a server that answers from the transcript over a loopback socket, on a
 * clock that starts where the recording did. A run that stopped before any change throws its error.
 */
export async function replayTranscript(file: string): Promise<Replayed> {
  const transcript = parseTranscript(readFileSync(file, 'utf8'));
  const outcome = await runReplay(transcript, { reporter: silentReporter });
  if (!outcome.result) throw new Error(outcome.error ?? 'the replay ended without a result');
  return { transcript, result: outcome.result, replayer: outcome.replayer };
}
