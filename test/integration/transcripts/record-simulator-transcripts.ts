/**
 * Writes the checked-in transcripts under ./recorded from runs of deploy-service against the rollout
 * simulator at realistic timings (every real-ECS behaviour on but DescribeServices' assumed lag).
 * Their responses are the simulator's, not a real account's: each file's `source` says so.
 *
 *   npx tsx test/integration/transcripts/record-simulator-transcripts.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_REALISM, startSimulator, type TaskBehaviour } from '../../../sim';
import { TranscriptRecorder } from '../../../src/transcript';
import { recordingClients, runDeployService } from './replay-transcript';

const REPO = '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi';

interface Recording {
  file: string;
  description: string;
  behaviour: TaskBehaviour;
  inputs?: Record<string, string>;
}

const RECORDINGS: Recording[] = [
  {
    file: 'healthy-rollout.json',
    description: 'A healthy rollout of a one-task Fargate service with the circuit breaker on.',
    behaviour: { kind: 'healthy' },
  },
  {
    file: 'crash-loop-rolled-back.json',
    description:
      'A crash loop (exit 1, "Missing APP_KEYS"): deploy-service fails it at the second stopped task and puts the previous revision back.',
    behaviour: { kind: 'crash', exitCode: 1, logLines: ['error: Missing APP_KEYS'] },
  },
  {
    file: 'circuit-breaker-rollback.json',
    description:
      "A crash loop left to ECS (max-task-failures 0): the circuit breaker fails the deployment at the third failed task and rolls back; issue 13's drill timings.",
    behaviour: { kind: 'crash', exitCode: 1, logLines: ['error: Missing APP_KEYS'] },
    inputs: { 'max-task-failures': '0' },
  },
];

async function record(recording: Recording): Promise<void> {
  const sim = await startSimulator({
    time: 'manual',
    timing: 'realistic',
    realism: { ...ALL_REALISM, describeServicesLagMs: 0 },
  });
  const saved = { ...process.env };
  Object.assign(process.env, sim.env());
  try {
    const image = `${REPO}:release-2`;
    sim.setImageBehaviour(image, recording.behaviour);
    await sim.seedService({
      cluster: 'strapi',
      service: 'strapi',
      image: `${REPO}:release-1`,
      desiredCount: 1,
      circuitBreaker: { enable: true, rollback: true },
    });
    const recorder = new TranscriptRecorder(
      sim.clock,
      sim.region,
      "strapi-deploy's rollout simulator (sim/), timing 'realistic', realism all but describeServicesLagMs; not a real account's responses",
    );
    const inputs = {
      cluster: 'strapi',
      service: 'strapi',
      'image-uri': image,
      'job-summary': 'false',
      ...recording.inputs,
    };
    const result = await runDeployService(
      inputs,
      sim.clock,
      recordingClients(recorder, sim.region),
      sim.region,
    );
    const transcript = recorder.transcript({
      description: recording.description,
      run: { command: 'deploy-service', inputs },
      result: { verdict: result.verdict, reason: result.reason },
    });
    writeFileSync(join(__dirname, 'recorded', recording.file), `${JSON.stringify(transcript, null, 2)}\n`);
    console.log(`${recording.file}: ${transcript.entries.length} calls, ${result.verdict}: ${result.reason}`);
  } finally {
    process.env = saved;
    await sim.close();
  }
}

async function main(): Promise<void> {
  for (const recording of RECORDINGS) await record(recording);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
