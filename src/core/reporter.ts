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
