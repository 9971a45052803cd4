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
  /**
   * One phase of a job (the action log folds it as `core.group` does; the CLI prints a heading), so the
   * log reads in the order of the use case's code.
   */
  group?<T>(title: string, run: () => Promise<T>): Promise<T>;
}

/** Runs `run` as a phase titled `title` where the reporter shows phases, else plainly. */
export function phase<T>(reporter: Reporter, title: string, run: () => Promise<T>): Promise<T> {
  return reporter.group ? reporter.group(title, run) : run();
}

export const silentReporter: Reporter = {
  info: () => undefined,
  warning: () => undefined,
  debug: () => undefined,
  progress: () => undefined,
};
