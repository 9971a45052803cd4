import {
  ReplayClock,
  TRANSCRIPT_FORMAT,
  TranscriptRecorder,
  TranscriptReplayer,
  type Transcript,
  type TranscriptEntry,
} from '../../../src/transcript';

const describeAt = (at: number, runningCount: number) => ({
  service: 'ecs',
  operation: 'DescribeServices',
  input: { cluster: 'c', services: ['s'] },
  output: { services: [{ runningCount }] },
  at,
});

const transcript: Transcript = {
  format: TRANSCRIPT_FORMAT,
  source: 'written by hand for this test',
  startedAt: '2026-01-15T10:00:00.000Z',
  region: 'ap-south-1',
  entries: [
    describeAt(0, 0),
    { service: 'ecs', operation: 'UpdateService', input: { n: 1 }, output: { n: 1 }, at: 0 },
    {
      service: 'ecs',
      operation: 'DescribeServices',
      input: { cluster: 'c', services: ['s'] },
      error: { status: 400, code: 'ThrottlingException', message: 'Rate exceeded' },
      at: 10_000,
    },
    describeAt(10_000, 1),
    { service: 'ecs', operation: 'UpdateService', input: { n: 2 }, output: { n: 2 }, at: 20_000 },
    describeAt(30_000, 2),
  ],
};

function replay() {
  const clock = new ReplayClock(transcript);
  return { clock, replayer: new TranscriptReplayer(transcript, clock) };
}

const read = { cluster: 'c', services: ['s'] };

describe('TranscriptReplayer', () => {
  test('a read answers with the world as recorded at or before the replay clock', async () => {
    const { clock, replayer } = replay();
    expect(replayer.answer('ecs', 'DescribeServices', read).body).toEqual({
      services: [{ runningCount: 0 }],
    });
    await clock.sleep(12_000);
    expect(replayer.answer('ecs', 'DescribeServices', read)).toMatchObject({
      status: 200,
      body: { services: [{ runningCount: 1 }] },
    });
    await clock.sleep(60_000);
    expect(replayer.answer('ecs', 'DescribeServices', read).body).toEqual({
      services: [{ runningCount: 2 }],
    });
    expect(replayer.answer('ecs', 'DescribeServices', read).body).toEqual({
      services: [{ runningCount: 2 }],
    });
    expect(replayer.divergences).toEqual([]);
  });

  test('a recorded error is served once, when it is the latest answer at that time', async () => {
    const only = { ...transcript, entries: transcript.entries.filter((e) => e.at === 10_000) };
    const clock = new ReplayClock(only);
    const replayer = new TranscriptReplayer(only, clock);
    await clock.sleep(10_000);
    expect(replayer.answer('ecs', 'DescribeServices', read)).toMatchObject({
      status: 200,
      body: { services: [{ runningCount: 1 }] },
    });
    const throttledFirst = new TranscriptReplayer({ ...only, entries: [only.entries[0]!] }, clock);
    expect(throttledFirst.answer('ecs', 'DescribeServices', read)).toMatchObject({
      status: 400,
      body: { __type: 'ThrottlingException' },
    });
    expect(throttledFirst.answer('ecs', 'DescribeServices', read).body).toMatchObject({
      __type: 'ClientException',
    });
  });

  test('writes answer in recorded order, and one too many is a divergence, not an invented answer', () => {
    const { replayer } = replay();
    expect(replayer.answer('ecs', 'UpdateService', { n: 1 }).body).toEqual({ n: 1 });
    expect(replayer.answer('ecs', 'UpdateService', { n: 2 }).body).toEqual({ n: 2 });
    expect(replayer.answer('ecs', 'UpdateService', { n: 2 })).toMatchObject({
      status: 400,
      body: { __type: 'ClientException' },
    });
    expect(replayer.divergences).toEqual([
      'replay: no recorded answer left for ecs:UpdateService (call 3, at 0 ms): the transcript has 2 and every one was used',
    ]);
  });

  test('an input never recorded is answered from the same operation and listed', () => {
    const { replayer } = replay();
    expect(replayer.answer('ecs', 'UpdateService', { n: 9 }).body).toEqual({ n: 1 });
    expect(replayer.divergences).toEqual([
      'replay: ecs:UpdateService (call 1, at 0 ms) with input {"n":9} was never recorded; answered from a recorded UpdateService with another input',
    ]);
  });
});

describe('TranscriptRecorder', () => {
  test('masks the values the run read as secret wherever they appear', () => {
    const recorder = new TranscriptRecorder({ now: () => 0, sleep: async () => {} }, 'ap-south-1', 'a test');
    (recorder as unknown as { entries: TranscriptEntry[] }).entries.push({
      service: 'ecs',
      operation: 'RegisterTaskDefinition',
      input: { containerDefinitions: [{ environment: [{ name: 'APP_KEYS', value: 'k3y"one,k3y-two' }] }] },
      output: { echoed: 'k3y"one,k3y-two' },
      at: 0,
    });
    const text = JSON.stringify(recorder.transcript({}, ['k3y"one,k3y-two']));
    expect(text).not.toContain('k3y');
    expect(text.match(/\*\*\*/g)).toHaveLength(2);
  });
});
