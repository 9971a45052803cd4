import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator } from '../../../sim';
import { parseTranscript, TranscriptRecorder } from '../../../src/transcript';
import { recordingClients, replayTranscript, runDeployService } from './replay-transcript';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

const REPO = '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi';
const recorded = join(__dirname, 'recorded');

describe('transcripts', () => {
  test.each(readdirSync(recorded).filter((f) => f.endsWith('.json')))(
    '%s replays to the verdict it was recorded with, every call answered',
    async (file) => {
      const { transcript, result, replayer } = await replayTranscript(join(recorded, file));
      expect(replayer.divergences).toEqual([]);
      expect(result.verdict).toBe(transcript.result?.verdict);
      expect(result.reason).toBe(transcript.result?.reason);
      expect(replayer.served).toHaveLength(transcript.entries.length);
    },
  );

  test('the capture from hackforla/CivicTechJobs#436: the real events are streamed, the old ones are no evidence, the verdict names the ELB stop', async () => {
    const { transcript, result } = await replayTranscript(join(recorded, 'civictechjobs-elb-unhealthy.json'));
    expect(transcript.source).toBe('https://github.com/hackforla/CivicTechJobs/issues/436');
    const tg =
      'arn:aws:elasticloadbalancing:us-west-2:035866691871:targetgroup/civictechjobs-fullstack-stage/555a47e25c5a1850';
    expect(result.verdict).toBe('failed');
    expect(result.reason).toContain(`"Task failed ELB health checks in (target-group ${tg})"`);
    const streamed = result.rollout?.events.map((e) => e.message) ?? [];
    // The published events after the update, in their order; the draining of 21:07 predates it.
    expect(streamed.slice(0, 3)).toEqual([
      '(service civictechjobs-fullstack-stage) has started 1 tasks: (task ca675154981d4ebd81b7a97747141a2e).',
      `(service civictechjobs-fullstack-stage) registered 1 targets in (target-group ${tg})`,
      `(service civictechjobs-fullstack-stage) (port 8000) is unhealthy in (target-group ${tg}) due to (reason Health checks failed).`,
    ]);
    expect(streamed.join('\n')).not.toMatch(/draining|deregistered/);
  });

  test('a run recorded on the simulator replays to the same verdict and the same calls', async () => {
    const sim = await startSimulator({ time: 'manual' });
    const saved = { ...process.env };
    Object.assign(process.env, sim.env());
    const image = `${REPO}:broken`;
    sim.setImageBehaviour(image, { kind: 'pull-error' });
    await sim.seedService({ cluster: 'c', service: 's', image: `${REPO}:good`, desiredCount: 1 });
    const recorder = new TranscriptRecorder(sim.clock, sim.region, 'the rollout simulator, in this test');
    const inputs = { cluster: 'c', service: 's', 'image-uri': image, 'job-summary': 'false' };
    let live;
    try {
      live = await runDeployService(inputs, sim.clock, recordingClients(recorder, sim.region), sim.region);
    } finally {
      process.env = saved;
      await sim.close();
    }
    const transcript = recorder.transcript({
      run: { command: 'deploy-service', inputs },
      result: { verdict: live.verdict, reason: live.reason },
    });
    const file = join(mkdtempSync(join(tmpdir(), 'transcript-')), 'run.json');
    writeFileSync(file, JSON.stringify(transcript));

    const replayed = await replayTranscript(file);

    expect(live.verdict).toBe('rolled-back');
    expect(replayed.result.verdict).toBe(live.verdict);
    expect(replayed.result.reason).toBe(live.reason);
    expect(replayed.replayer.divergences).toEqual([]);
    expect(replayed.replayer.served.map((e) => e.operation)).toEqual(
      transcript.entries.map((e) => e.operation),
    );
  });

  test('a replay that asks what was never recorded says so instead of inventing an answer', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'transcript-')), 'empty.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'strapi-deploy-transcript/1',
        source: 'written by hand for this test',
        startedAt: '2026-01-15T10:00:00.000Z',
        region: 'ap-south-1',
        run: { command: 'deploy-service', inputs: { cluster: 'c', service: 's', 'image-uri': `${REPO}:x` } },
        entries: [],
      }),
    );
    await expect(replayTranscript(file)).rejects.toThrow(
      /replay: no recorded answer for ecs:DescribeServices/,
    );
  });

  test.each([
    [{ format: 'other' }, /not a transcript/],
    [
      { format: 'strapi-deploy-transcript/1', startedAt: '2026-01-15T10:00:00Z', entries: [] },
      /where its responses came from/,
    ],
    [
      {
        format: 'strapi-deploy-transcript/1',
        source: 's',
        startedAt: '2026-01-15T10:00:00Z',
        entries: [{ service: 'ecs', operation: 'DescribeServices', input: {}, at: 0 }],
      },
      /exactly one of output and error/,
    ],
  ])('parseTranscript refuses %j', (value, message) => {
    expect(() => parseTranscript(JSON.stringify(value))).toThrow(message);
  });
});
