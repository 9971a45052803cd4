/** Measures named stages of a long suite and prints them as one table at the end. */
export class StageTimer {
  private readonly stages: { stage: string; seconds: number; outcome: 'ok' | 'failed' }[] = [];

  async time<T>(stage: string, work: () => Promise<T>): Promise<T> {
    const started = Date.now();
    try {
      const result = await work();
      this.record(stage, started, 'ok');
      return result;
    } catch (error) {
      this.record(stage, started, 'failed');
      throw error;
    }
  }

  rows(): readonly { stage: string; seconds: number; outcome: 'ok' | 'failed' }[] {
    return this.stages;
  }

  print(): void {
    const total = this.stages.reduce((sum, s) => sum + s.seconds, 0);
    console.table([...this.stages, { stage: 'total', seconds: Math.round(total * 10) / 10, outcome: '' }]);
  }

  private record(stage: string, started: number, outcome: 'ok' | 'failed'): void {
    this.stages.push({ stage, seconds: Math.round((Date.now() - started) / 100) / 10, outcome });
  }
}
