import { pollUntil, type PollStep } from '../../../src/core/poll';
import { classifyAwsError, AwsCallError, explainAwsError } from '../../../src/core/aws-errors';
import { ConfigurationError } from '../../../src/core/errors';

/** A clock whose sleeps move time at once, and which remembers when each look happened. */
function fakeClock(start = 0) {
  let now = start;
  return { now: () => now, sleep: async (ms: number) => void (now += ms) };
}

const throttled = Object.assign(new Error('Rate exceeded'), {
  name: 'ThrottlingException',
  $metadata: { httpStatusCode: 400 },
});
const serverError = Object.assign(new Error('We encountered an internal error.'), {
  name: 'ServerException',
  $metadata: { httpStatusCode: 500 },
});
const denied = Object.assign(new Error('not authorized'), {
  name: 'AccessDeniedException',
  $metadata: { httpStatusCode: 400 },
});
const invalid = Object.assign(new Error('bad'), {
  name: 'InvalidParameterException',
  $fault: 'client',
  $metadata: { httpStatusCode: 400 },
});

describe('pollUntil', () => {
  test('looks every interval, aligned to the start, until done', async () => {
    const clock = fakeClock();
    const looks: number[] = [];
    const result = await pollUntil(
      clock,
      { every: 10_000, deadline: 600_000, firstLookAfterInterval: true },
      async () => {
        looks.push(clock.now());
        return looks.length === 3 ? { done: true, value: 'ok' } : { done: false };
      },
    );
    expect(result).toEqual({ status: 'done', value: 'ok' });
    expect(looks).toEqual([10_000, 20_000, 30_000]);
  });

  test('a slow look does not push the next ones later', async () => {
    const clock = fakeClock();
    const looks: number[] = [];
    await pollUntil(clock, { every: 10_000, deadline: 35_000 }, async () => {
      looks.push(clock.now());
      await clock.sleep(4_000);
      return { done: false };
    });
    expect(looks).toEqual([0, 10_000, 20_000, 30_000, 35_000]);
  });

  test('ends at the deadline, with one last look at it', async () => {
    const clock = fakeClock();
    const looks: number[] = [];
    const result = await pollUntil(clock, { every: 15_000, deadline: 40_000 }, async () => {
      looks.push(clock.now());
      return { done: false };
    });
    expect(result).toEqual({ status: 'deadline' });
    expect(looks).toEqual([0, 15_000, 30_000, 40_000]);
  });

  test('an aborted signal ends the wait at once as cancelled', async () => {
    const clock = fakeClock();
    const controller = new AbortController();
    let looks = 0;
    const result = await pollUntil(
      clock,
      { every: 10_000, deadline: 600_000, signal: controller.signal },
      async () => {
        looks++;
        if (looks === 2) controller.abort();
        return { done: false };
      },
    );
    expect(result).toEqual({ status: 'cancelled' });
    expect(looks).toBe(2);
  });

  test.each([
    ['throttling', throttled],
    ['a 5xx', serverError],
  ])(
    '%s is tolerated up to the bound of failed looks in a row, then the wait gives up',
    async (_name, error) => {
      const clock = fakeClock();
      const told: number[] = [];
      const attempt = pollUntil(
        clock,
        {
          every: 1_000,
          deadline: 600_000,
          maxConsecutiveErrors: 3,
          onTransientError: (_e, n) => told.push(n),
        },
        async (): Promise<PollStep<never>> => {
          throw error;
        },
      );
      await expect(attempt).rejects.toThrow(/Gave up after 3 failed looks in a row/);
      expect(told).toEqual([1, 2]);
    },
  );

  test('a success between failures resets the count', async () => {
    const clock = fakeClock();
    const script = [throttled, throttled, 'ok', throttled, throttled, 'done'];
    const result = await pollUntil(
      clock,
      { every: 1_000, deadline: 600_000, maxConsecutiveErrors: 3 },
      async () => {
        const next = script.shift();
        if (next instanceof Error) throw next;
        return next === 'done' ? { done: true, value: 1 } : { done: false };
      },
    );
    expect(result).toEqual({ status: 'done', value: 1 });
  });

  test('any other error is thrown at once (a bug or a refusal is not retried)', async () => {
    const clock = fakeClock();
    let looks = 0;
    await expect(
      pollUntil(clock, { every: 1_000, deadline: 600_000 }, async () => {
        looks++;
        throw new TypeError('x is not a function');
      }),
    ).rejects.toThrow(TypeError);
    expect(looks).toBe(1);
  });
});

describe('classifyAwsError', () => {
  test.each([
    ['throttling', throttled, 'transient'],
    ['a 5xx', serverError, 'transient'],
    ['a dropped connection', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'transient'],
    ['access denied', denied, 'access-denied'],
    ['a refused parameter', invalid, 'rejected'],
    ['a bug', new TypeError('x is not a function'), 'unknown'],
    ['a plain error', new Error('something'), 'unknown'],
  ])('%s is %s', (_name, error, expected) => {
    expect(classifyAwsError(error)).toBe(expected);
  });

  test.each([
    ['access denied', denied, ConfigurationError, 'Not allowed to call ecs:UpdateService: not authorized'],
    ['a refused request', invalid, ConfigurationError, 'ecs:UpdateService was rejected: bad'],
    ['a 5xx', serverError, AwsCallError, 'ecs:UpdateService failed: We encountered an internal error.'],
  ])('explainAwsError names the call for %s', (_name, error, type, message) => {
    const explained = explainAwsError(error, 'ecs:UpdateService');
    expect(explained).toBeInstanceOf(type);
    expect(explained.message).toContain(message);
  });

  test('an unknown error is kept as it is', () => {
    const bug = new TypeError('x');
    expect(explainAwsError(bug, 'ecs:UpdateService')).toBe(bug);
  });
});
