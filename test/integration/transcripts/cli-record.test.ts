import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSimulator, type Simulator } from '../../../sim';
import { main } from '../../../src/cli/cli';
import { parseTranscript } from '../../../src/transcript';
import { memoryIo } from '../../support/memory-io';
import { replayTranscript } from './replay-transcript';

/**
 * `strapi-deploy deploy --record FILE` on the simulator, then the transcript replayed: a user's failing
 * deploy, recorded where it failed, becomes a test that reaches the same verdict from the same answers.
 */
const REPO = '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi';
let sim: Simulator;
const saved = { ...process.env };

beforeAll(async () => {
  sim = await startSimulator({ time: 'manual' });
  Object.assign(process.env, sim.env());
  delete process.env.GITHUB_TOKEN;
});

afterAll(async () => {
  await sim.close();
  process.env = saved;
});

test('a crash-looping deploy recorded with --record replays to the same verdict, every call answered', async () => {
  await sim.seedService({ cluster: 'strapi', service: 'strapi', image: `${REPO}:1.0.0` });
  sim.setImageBehaviour(`${REPO}:1.1.0`, { kind: 'crash', exitCode: 1, afterSeconds: 5 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'record-'));
  const file = path.join(dir, 'deploy.json');
  const io = memoryIo({ clock: sim.clock, env: process.env, cwd: dir });
  const argv = [
    'deploy',
    '--cluster',
    'strapi',
    '--service',
    'strapi',
    '--image',
    `${REPO}:1.1.0`,
    '--record',
    'deploy.json',
  ];
  const code = await main(argv, io);

  expect(code).toBe(1);
  expect(io.stderr.text).toMatch(/Transcript of \d+ AWS calls written to deploy\.json/);
  const transcript = parseTranscript(fs.readFileSync(file, 'utf8'));
  expect(transcript.run).toEqual({
    command: 'deploy-service',
    inputs: { cluster: 'strapi', service: 'strapi', 'image-uri': `${REPO}:1.1.0` },
  });
  expect(transcript.result?.verdict).toBe('rolled-back');
  expect(transcript.entries.map((e) => e.operation)).toEqual(
    expect.arrayContaining(['RegisterTaskDefinition', 'UpdateService', 'ListTasks', 'GetLogEvents']),
  );

  const replayed = await replayTranscript(file);
  expect(replayed.result.verdict).toBe('rolled-back');
  expect(replayed.result.reason).toBe(transcript.result?.reason);
  expect(replayed.replayer.divergences).toEqual([]);
});
