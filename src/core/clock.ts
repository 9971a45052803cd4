/**
 * Time is injected so waits are bounded and tests never sleep for real: the tests and the demo
 * hand in a clock driven by the rollout simulator's virtual time.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
