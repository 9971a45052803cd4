import type { Clock } from '../../../src/core/clock';
import { runSmokeTest, type HttpGet } from '../../../src/deploy/smoke-test';
import { RecordingReporter } from '../../support/recording-reporter';

/**
 * The edges of the smoke test around the real-server suite (test/integration/deploy/smoke-test-sim.test.ts):
 * answers that change between looks, errors of the connection, long bodies, a cancelled run. The HTTP answers
 * here are hand-written; time is a stepping clock, so nothing waits.
 */
function steppingClock(): Clock {
  let now = 0;
  return { now: () => now, sleep: async (ms) => void (now += ms) };
}

type Reply = number | { status: number; body: string } | Error;

/** Answers each URL from its list, one entry per request, the last one repeated. */
function scripted(replies: Record<string, Reply[]>): { http: HttpGet; asked: string[] } {
  const asked: string[] = [];
  const http: HttpGet = async (url) => {
    asked.push(url);
    const list = replies[url] ?? [404];
    const reply = list.length > 1 ? list.shift()! : list[0]!;
    if (reply instanceof Error) throw reply;
    const { status, body } = typeof reply === 'number' ? { status: reply, body: '' } : reply;
    return { status, text: async () => body };
  };
  return { http, asked };
}

const BASE = 'https://cms.example.com';
const HEALTH = `${BASE}/_health`;
const ARTICLES = `${BASE}/api/articles`;
const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
const timedOut = Object.assign(new Error('The operation was aborted due to timeout'), {
  name: 'TimeoutError',
});

describe('runSmokeTest', () => {
  test.each([
    [
      'passes at the first look',
      { [HEALTH]: [204], [ARTICLES]: [200] },
      'passed',
      1,
      /^Smoke test passed after 0 s: GET .*\/_health 204, GET .*\/api\/articles 200\.$/,
    ],
    [
      'passes once the new tasks answer (502, then 204)',
      { [HEALTH]: [502, 502, 204], [ARTICLES]: [200] },
      'passed',
      3,
      /passed after 10 s/,
    ],
    [
      "a 200 from /_health is not Strapi's 204",
      { [HEALTH]: [200], [ARTICLES]: [200] },
      'failed',
      7,
      /_health answered 200, expected 204\.$/,
    ],
    [
      'a redirect left unfollowed is not a pass',
      { [HEALTH]: [204], [ARTICLES]: [301] },
      'failed',
      7,
      /api\/articles answered 301, expected 2xx\.$/,
    ],
    [
      'connection refused',
      { [HEALTH]: [refused] },
      'failed',
      7,
      /_health: could not connect \(ECONNREFUSED\)\.$/,
    ],
    ['no answer in time', { [HEALTH]: [timedOut] }, 'failed', 7, /_health: no answer in 10 s\.$/],
    [
      'a long body is cut, blanks collapsed',
      { [HEALTH]: [204], [ARTICLES]: [{ status: 403, body: `{"error":\n  "${'x'.repeat(300)}"}` }] },
      'failed',
      7,
      /answered 403, expected 2xx: \{"error": "x{149}…\.$/,
    ],
  ])('%s', async (_name, replies, verdict, looks, reason) => {
    const { http } = scripted(replies as Record<string, Reply[]>);
    const reporter = new RecordingReporter();
    const outcome = await runSmokeTest(
      { clock: steppingClock(), reporter },
      { baseUrl: BASE, contentPath: '/api/articles', timeoutSeconds: 30 },
      http,
    );
    expect(outcome.verdict).toBe(verdict);
    expect(outcome.looks).toBe(looks);
    expect(outcome.reason).toMatch(reason);
    // Each failed look is a progress line.
    expect(reporter.lines.filter((l) => l.message.startsWith('Smoke test, look'))).toHaveLength(
      verdict === 'passed' ? looks - 1 : looks,
    );
  });

  test('the content path is asked only once /_health passes, with the token; /_health never gets it', async () => {
    const headers: Array<[string, Record<string, string>]> = [];
    const http: HttpGet = async (url, init) => {
      headers.push([url, init.headers]);
      return { status: url === HEALTH ? 204 : 200, text: async () => '' };
    };
    await runSmokeTest(
      { clock: steppingClock(), reporter: new RecordingReporter() },
      { baseUrl: BASE, contentPath: '/api/articles', bearerToken: 'tok', timeoutSeconds: 10 },
      http,
    );
    expect(headers.map(([url, h]) => [url, h.authorization])).toEqual([
      [HEALTH, undefined],
      [ARTICLES, 'Bearer tok'],
    ]);
  });

  test('a cancelled run ends the smoke test at the next look', async () => {
    const controller = new AbortController();
    const { http } = scripted({ [HEALTH]: [503] });
    const clock = steppingClock();
    const aborting: Clock = {
      now: clock.now,
      sleep: async (ms) => {
        await clock.sleep(ms);
        controller.abort();
      },
    };
    const outcome = await runSmokeTest(
      { clock: aborting, reporter: new RecordingReporter(), signal: controller.signal },
      { baseUrl: BASE, timeoutSeconds: 600 },
      http,
    );
    expect(outcome).toMatchObject({ verdict: 'cancelled', looks: 1 });
  });
});
