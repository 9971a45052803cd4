import * as core from '@actions/core';
import { isUserFacing, errorMessage } from '../core/errors';
import { InputReader, type InputSource } from '../core/inputs';
import type { Reporter } from '../core/reporter';
import { systemClock, type Clock } from '../core/clock';
import { JobSummary } from './job-summary';

/** What an action's run function gets: everything that touches the runner, behind small interfaces. */
export interface ActionKit {
  inputs: InputReader;
  reporter: Reporter;
  clock: Clock;
  setOutput(name: string, value: string | number | boolean): void;
  summary: JobSummary;
  /** State handed from the main step to the post step (core.saveState / core.getState). */
  saveState(name: string, value: string): void;
  getState(name: string): string;
}

export const actionInputSource: InputSource = {
  get: (name) => core.getInput(name),
  maskSecret: (value) => core.setSecret(value),
};

const actionReporter: Reporter = {
  info: (m) => core.info(m),
  warning: (m) => core.warning(m),
  debug: (m) => core.debug(m),
  progress: (m) => core.info(m),
};

function createActionKit(): ActionKit {
  const inputs = new InputReader(actionInputSource);
  return {
    inputs,
    reporter: actionReporter,
    clock: systemClock,
    setOutput: (name, value) => core.setOutput(name, String(value)),
    summary: new JobSummary(actionReporter),
    saveState: (name, value) => core.saveState(name, value),
    getState: (name) => core.getState(name),
  };
}

/**
 * The one error boundary of every entry point: a user-facing error becomes one line, anything
 * else the message plus the stack at debug level; setFailed is called exactly once.
 */
export async function runAction(run: (kit: ActionKit) => Promise<void>): Promise<void> {
  try {
    await run(createActionKit());
  } catch (error) {
    if (!isUserFacing(error) && error instanceof Error && error.stack) core.debug(error.stack);
    core.setFailed(errorMessage(error));
  }
}
