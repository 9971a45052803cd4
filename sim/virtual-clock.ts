/**
 * Virtual time for the simulator. The state machine moves in fixed steps so that scheduling
 * happens in order (a task that becomes healthy at t=31 s is seen before the scheduler pass at
 * t=32 s), however far a test jumps.
 *
 * - manual: time stands still until `advance(ms)` or `clock.sleep(ms)`; tests never wait for real.
 * - accelerated: virtual time runs `factor` times faster than real time (for the demo and the CLI),
 *   and a background timer keeps the state machine caught up.
 */
export type TimeMode = 'manual' | { accelerated: number };

export const STEP_MS = 1000;

export class VirtualClock {
  private manualNow: number;
  private offset = 0;
  private readonly realStart = Date.now();
  private lastStep: number;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    startTime: number,
    private readonly mode: TimeMode,
    /** Called once per step, with the step's virtual time. */
    private readonly onStep: (at: number) => void,
  ) {
    this.manualNow = startTime;
    this.lastStep = startTime;
    if (mode !== 'manual') {
      if (!(mode.accelerated > 0)) throw new Error('accelerated time needs a factor > 0');
      const realInterval = Math.max(5, STEP_MS / mode.accelerated);
      this.timer = setInterval(() => this.catchUp(), realInterval);
      this.timer.unref();
    }
  }

  now(): number {
    if (this.mode === 'manual') return this.manualNow;
    return this.manualNow + (Date.now() - this.realStart) * this.mode.accelerated + this.offset;
  }

  /** Runs every step up to the current virtual time. */
  catchUp(): void {
    const target = this.now();
    while (this.lastStep + STEP_MS <= target) {
      this.lastStep += STEP_MS;
      this.onStep(this.lastStep);
    }
  }

  advance(ms: number): void {
    if (ms < 0) throw new Error('time only moves forward');
    if (this.mode === 'manual') this.manualNow += ms;
    else this.offset += ms;
    this.catchUp();
  }

  /** A Clock (src/core/clock.ts) for the engine: its sleep moves virtual time. */
  asClock(): { now(): number; sleep(ms: number): Promise<void> } {
    return {
      now: () => this.now(),
      sleep: async (ms: number) => {
        if (this.mode === 'manual') {
          this.advance(ms);
          // Let pending socket work run, as a real sleep would.
          await new Promise((resolve) => setImmediate(resolve));
        } else {
          await new Promise((resolve) =>
            setTimeout(resolve, ms / (this.mode as { accelerated: number }).accelerated),
          );
          this.catchUp();
        }
      },
    };
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
