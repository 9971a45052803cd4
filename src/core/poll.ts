import type { Clock } from './clock';
import { isTransient } from './aws-errors';
import { errorMessage } from './errors';

/** A wait that ended because AWS kept failing to answer (throttling, 5xx): not a bug, not a verdict. */
export class WaitGaveUpError extends Error {
  override readonly name = 'WaitGaveUpError';
  constructor(
    readonly failedLooks: number,
    override readonly cause: unknown,
  ) {
    super(`Gave up after ${failedLooks} failed looks in a row: ${errorMessage(cause)}`);
  }
}

/** What one look decided: stop with a value, or look again at the next interval. */
export type PollStep<T> = { done: true; value: T } | { done: false };

export interface PollOptions {
  /** Milliseconds between the starts of two looks. */
  every: number;
  /** Clock ms after which no further look is taken. */
  deadline: number;
  /** Wait one interval before the first look (nothing can be decided the instant a rollout starts). */
  firstLookAfterInterval?: boolean;
  /** Ends the wait early (a cancelled run); the poll then answers `cancelled`. */
  signal?: AbortSignal;
  /**
   * Looks that fail in a row with a transient error (throttling, 5xx, a dropped connection) before the
   * wait gives up. This is the one documented layer on top of the SDK's own retries: a burst longer than
   * the SDK's attempts costs a look, not the whole wait. Default 5.
   */
  maxConsecutiveErrors?: number;
  /** Told about each transient failure that is tolerated. */
  onTransientError?(error: unknown, consecutive: number): void;
}

export type PollResult<T> = { status: 'done'; value: T } | { status: 'deadline' } | { status: 'cancelled' };

/**
 * The one way this tool waits: call `step` every `every` ms (aligned to the start, so a slow look
 * does not push the next ones later) until it says done, the deadline passes, or the signal aborts.
 * A non-transient error from `step` is thrown on; transient ones are tolerated up to a bound.
 */
export async function pollUntil<T>(
  clock: Clock,
  options: PollOptions,
  step: (look: number) => Promise<PollStep<T>>,
): Promise<PollResult<T>> {
  const startedAt = clock.now();
  const maxErrors = options.maxConsecutiveErrors ?? 5;
  let consecutiveErrors = 0;
  const sleepUntil = async (at: number): Promise<void> => {
    const ms = Math.max(0, at - clock.now());
    if (ms > 0) await clock.sleep(ms);
  };

  if (options.firstLookAfterInterval) await sleepUntil(Math.min(startedAt + options.every, options.deadline));
  for (let look = 0; ; look++) {
    if (options.signal?.aborted) return { status: 'cancelled' };
    try {
      const result = await step(look);
      consecutiveErrors = 0;
      if (result.done) return { status: 'done', value: result.value };
    } catch (error) {
      if (!isTransient(error)) throw error;
      consecutiveErrors++;
      if (consecutiveErrors >= maxErrors) throw new WaitGaveUpError(consecutiveErrors, error);
      options.onTransientError?.(error, consecutiveErrors);
    }
    if (options.signal?.aborted) return { status: 'cancelled' };
    if (clock.now() >= options.deadline) return { status: 'deadline' };
    const elapsed = clock.now() - startedAt;
    const next = startedAt + (Math.floor(elapsed / options.every) + 1) * options.every;
    await sleepUntil(Math.min(next, options.deadline));
  }
}
