import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSimulator, type Simulator, type TaskBehaviour } from '../../../sim';
import { main } from '../../../src/cli/cli';
import { parseTranscript, type Transcript } from '../../../src/transcript';
import { memoryIo } from '../../support/memory-io';

/**
 * `strapi-deploy replay FILE`: a run recorded with --record against the simulator, replayed by the
 * command from the file alone (the simulator's endpoints are gone from the environment by then), must
 * reach the same verdict and reason; a transcript the engine leaves is named call by call.
 */
const REPO = '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi';
let sim: Simulator;
let dir: string;
const saved = { ...process.env };

beforeAll(async () => {
  sim = await startSimulator({ time: 'manual' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replay-'));
});

afterAll(async () => {
  await sim.close();
  process.env = saved;
});

/** Runs the CLI against the simulator with --record; returns the transcript it wrote. */
async function record(argv: string[], file: string): Promise<Transcript> {
  Object.assign(process.env, sim.env());
  delete process.env.GITHUB_TOKEN;
  try {
    const io = memoryIo({ clock: sim.clock, env: process.env, cwd: dir });
    await main([...argv, '--record', file], io);
    return parseTranscript(fs.readFileSync(path.join(dir, file), 'utf8'));
  } finally {
    process.env = { ...saved };
  }
}

/** `strapi-deploy replay FILE --json` with no AWS endpoint, region or key in the environment. */
async function replay(file: string): Promise<{ code: number; doc: ReplayDoc; stderr: string }> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH };
  const io = memoryIo({ env, cwd: dir });
  const code = await main(['replay', file, '--json'], io);
  return { code, doc: JSON.parse(io.stdout.text) as ReplayDoc, stderr: io.stderr.text };
}

interface ReplayDoc {
  exitCode: number;
  result?: {
    matches: boolean;
    recorded: { verdict: string; reason?: string };
    replayed: { verdict: string; reason: string };
    divergences: string[];
    served: number;
    entries: number;
  };
  error?: { kind: string; message: string };
}

const deploy = (service: string, tag: string): string[] => [
  'deploy',
  '--cluster',
  'strapi',
  '--service',
  service,
  '--image',
  `${REPO}:${tag}`,
];

describe('strapi-deploy replay', () => {
  test.each<[string, TaskBehaviour, string]>([
    ['a healthy deploy', { kind: 'healthy' }, 'succeeded'],
    ['a crash loop', { kind: 'crash', exitCode: 1, afterSeconds: 5 }, 'rolled-back'],
    ['an image that cannot be pulled', { kind: 'pull-error' }, 'rolled-back'],
  ])('%s recorded with --record replays to the same verdict and reason', async (name, behaviour, verdict) => {
    const service = `svc-${name.replace(/\W+/g, '-')}`;
    await sim.seedService({ cluster: 'strapi', service, image: `${REPO}:1.0.0` });
    sim.setImageBehaviour(`${REPO}:${service}`, behaviour);
    const recorded = await record(deploy(service, service), `${service}.json`);
    expect(recorded.result?.verdict).toBe(verdict);

    const { code, doc } = await replay(`${service}.json`);

    expect(doc.result?.replayed).toEqual({ verdict, reason: recorded.result?.reason });
    expect(doc.result?.divergences).toEqual([]);
    expect(doc.result?.served).toBe(recorded.entries.length);
    expect(doc.result?.matches).toBe(true);
    expect(code).toBe(0);
  });

  test('a recorded rollback replays as a rollback', async () => {
    await sim.seedService({ cluster: 'strapi', service: 'rb', image: `${REPO}:1.0.0` });
    await record(deploy('rb', '2.0.0'), 'rb-deploy.json');
    const recorded = await record(
      ['rollback', '--cluster', 'strapi', '--service', 'rb', '--to', 'previous'],
      'rb.json',
    );
    expect(recorded.run?.command).toBe('rollback');
    expect(recorded.result?.verdict).toBe('succeeded');

    const { code, doc } = await replay('rb.json');

    expect(doc.result?.replayed).toEqual({ verdict: 'succeeded', reason: recorded.result?.reason });
    expect(code).toBe(0);
  });

  test('a transcript missing a call the engine makes fails, naming the call and its position', async () => {
    await sim.seedService({ cluster: 'strapi', service: 'gap', image: `${REPO}:1.0.0` });
    sim.setImageBehaviour(`${REPO}:gap`, { kind: 'crash', exitCode: 1, afterSeconds: 5 });
    const recorded = await record(deploy('gap', 'gap'), 'gap.json');
    const first = recorded.entries.findIndex((e) => e.operation === 'DescribeTasks');
    expect(first).toBeGreaterThan(0);
    // The file as a user might hand-trim it: every DescribeTasks answer gone.
    const trimmed = { ...recorded, entries: recorded.entries.filter((e) => e.operation !== 'DescribeTasks') };
    fs.writeFileSync(path.join(dir, 'gap-trimmed.json'), JSON.stringify(trimmed));

    const { code, doc } = await replay('gap-trimmed.json');

    expect(code).toBe(1);
    expect(doc.result?.matches).toBe(false);
    expect(doc.result?.divergences[0]).toMatch(
      new RegExp(
        `^replay: no recorded answer for ecs:DescribeTasks \\(call ${first + 1}, at \\d+ ms\\): the transcript never made this call$`,
      ),
    );
  });

  test('the text output puts the recorded and replayed verdicts side by side', async () => {
    const io = memoryIo({ env: { PATH: process.env.PATH }, cwd: dir });
    const code = await main(['replay', 'gap-trimmed.json'], io);
    expect(code).toBe(1);
    expect(io.stdout.text).toMatch(
      /Replay differs from the recording\.\n {2}recorded: rolled-back: .+\n {2}replayed: /,
    );
    expect(io.stdout.text).toMatch(
      /The engine left the transcript \(\d+\):\n {2}replay: no recorded answer for ecs:DescribeTasks \(call \d+/,
    );
  });

  test.each([
    ['missing.json', /Argument FILE cannot be read: ENOENT/],
    ['not-json.json', /Argument FILE \(not-json\.json\) is not a transcript/],
    [
      'status.json',
      /Argument FILE: replays deploy-service or rollback runs; this transcript's run is "status"/,
    ],
  ])('%s is refused before anything runs, exit 2', async (file, message) => {
    fs.writeFileSync(path.join(dir, 'not-json.json'), '{"format": "x"}');
    fs.writeFileSync(
      path.join(dir, 'status.json'),
      JSON.stringify({
        format: 'strapi-deploy-transcript/1',
        source: 'written by hand for this test',
        startedAt: '2026-01-15T10:00:00.000Z',
        region: 'ap-south-1',
        run: { command: 'status', inputs: {} },
        entries: [],
      }),
    );
    const io = memoryIo({ env: { PATH: process.env.PATH }, cwd: dir });
    const code = await main(['replay', file], io);
    expect(code).toBe(2);
    expect(io.stderr.text).toMatch(message);
  });

  test('replay without FILE is a usage error', async () => {
    const io = memoryIo({ env: {}, cwd: dir });
    expect(await main(['replay'], io)).toBe(2);
    expect(io.stderr.text).toMatch(/Missing FILE: a transcript written by --record/);
  });
});
