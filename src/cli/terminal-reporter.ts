import type { Reporter } from '../core/reporter';

/** The slice of a stream the CLI writes to; process.stdout/stderr and test buffers both fit. */
export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean | undefined;
  columns?: number | undefined;
}

const CLEAR_LINE = '\r\x1b[2K';

/**
 * The Reporter of the terminal. On a TTY the progress of a long wait is one line redrawn in place
 * (carriage return + clear line), so a rollout reads as a live status instead of a scrolling log;
 * other messages are printed above it and the progress line is drawn again below them. Not on a
 * TTY (CI logs, pipes, --json) every message is a plain line, and a progress message identical
 * to the previous one is not repeated, so a log stays readable.
 */
export class TerminalReporter implements Reporter {
  private shownProgress: string | undefined;
  private lastPlainProgress: string | undefined;

  constructor(
    private readonly out: OutputStream,
    private readonly options: { verbose?: boolean } = {},
  ) {}

  private get live(): boolean {
    return this.out.isTTY === true;
  }

  info(message: string): void {
    this.line(message);
  }

  warning(message: string): void {
    this.line(`warning: ${message}`);
  }

  debug(message: string): void {
    if (this.options.verbose) this.line(`debug: ${message}`);
  }

  progress(message: string): void {
    if (!this.live) {
      if (message === this.lastPlainProgress) return;
      this.lastPlainProgress = message;
      this.out.write(`${message}\n`);
      return;
    }
    this.shownProgress = message;
    this.out.write(CLEAR_LINE + this.fit(message));
  }

  /** Ends the live line (kept on screen as the last state), so what follows starts on a fresh line. */
  finish(): void {
    if (this.live && this.shownProgress !== undefined) this.out.write('\n');
    this.shownProgress = undefined;
  }

  private line(message: string): void {
    if (!this.live || this.shownProgress === undefined) {
      this.out.write(`${message}\n`);
      return;
    }
    this.out.write(`${CLEAR_LINE}${message}\n${this.fit(this.shownProgress)}`);
  }

  /** A redrawn line must not wrap: a wrapped line cannot be cleared with one carriage return. */
  private fit(message: string): string {
    const firstLine = message.split('\n', 1)[0] ?? '';
    // A pseudo-terminal may report 0 columns; assume the classic 80 then.
    const width = (this.out.columns || 80) - 1;
    return firstLine.length > width ? `${firstLine.slice(0, Math.max(width - 1, 0))}…` : firstLine;
  }
}
