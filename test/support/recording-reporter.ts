import type { Reporter } from '../../src/core/reporter';

/** Collects everything said, for tests and for summaries built after the fact. */
export class RecordingReporter implements Reporter {
  readonly lines: { level: 'info' | 'warning' | 'debug' | 'progress'; message: string }[] = [];
  info(message: string): void {
    this.lines.push({ level: 'info', message });
  }
  warning(message: string): void {
    this.lines.push({ level: 'warning', message });
  }
  debug(message: string): void {
    this.lines.push({ level: 'debug', message });
  }
  progress(message: string): void {
    this.lines.push({ level: 'progress', message });
  }
  text(levels: readonly string[] = ['info', 'warning', 'progress']): string {
    return this.lines
      .filter((l) => levels.includes(l.level))
      .map((l) => l.message)
      .join('\n');
  }
}
