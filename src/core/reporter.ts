/**
 * How the core talks to a person. The action adapts it to @actions/core, the CLI to the terminal,
 * tests to an array they can assert on. The core never imports either.
 */
export interface Reporter {
  info(message: string): void;
  warning(message: string): void;
  debug(message: string): void;
  /** A line describing the state of a long wait; a terminal may redraw it in place. */
  progress(message: string): void;
}

export const silentReporter: Reporter = {
  info: () => undefined,
  warning: () => undefined,
  debug: () => undefined,
  progress: () => undefined,
};

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
