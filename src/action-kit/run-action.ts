import * as core from '@actions/core';
import { systemClock, type Clock } from '../core/clock';
import { ConfigurationError, errorMessage } from '../core/errors';
import { InputReader, type InputSource } from '../core/inputs';
import type { Reporter } from '../core/reporter';
import { JobSummary } from './job-summary';

/** What an action's run function gets: everything that touches the runner, behind small interfaces. */
export interface ActionKit {
  inputs: InputReader;
  reporter: Reporter;
  clock: Clock;
  /** Aborted when the runner cancels the job (SIGINT, then SIGTERM). */
  signal: AbortSignal;
  setOutput(name: string, value: string | number | boolean): void;
  summary: JobSummary;
  /** State handed from the main step to the post step (core.saveState / core.getState). */
  saveState(name: string, value: string): void;
  getState(name: string): string;
  env: NodeJS.ProcessEnv;
}

/** How a run ends: `failed` is the one line the step fails with (setFailed is called once, at the boundary). */
export interface StepEnd {
  failed?: string;
}

/** Every secret read, so the job summary (which the runner does not mask) can hide them too. */
export function actionInputSource(secrets: Set<string>): InputSource {
  return {
    get: (name) => core.getInput(name),
    maskSecret: (value) => {
      secrets.add(value);
      core.setSecret(value);
    },
  };
}

const actionReporter: Reporter = {
  info: (m) => core.info(m),
  warning: (m) => core.warning(m),
  debug: (m) => core.debug(m),
  progress: (m) => core.info(m),
  group: (title, run) => core.group(title, run),
};

function createActionKit(signal: AbortSignal): ActionKit {
  const secrets = new Set<string>();
  return {
    inputs: new InputReader(actionInputSource(secrets)),
    reporter: actionReporter,
    clock: systemClock,
    signal,
    setOutput: (name, value) => core.setOutput(name, String(value)),
    summary: new JobSummary(actionReporter, secrets),
    saveState: (name, value) => core.saveState(name, value),
    getState: (name) => core.getState(name),
    env: process.env,
  };
}

/**
 * The one error boundary of every entry point: a ConfigurationError becomes one line, anything else
 * the message plus the stack at debug level; setFailed is called exactly once. SIGINT and SIGTERM (a
 * cancelled run) abort the kit's signal, so the run can record its state and write its summary and
 * outputs within the runner's grace period instead of dying mid-rollout.
 */
export async function runAction(run: (kit: ActionKit) => Promise<StepEnd | void>): Promise<void> {
  const controller = new AbortController();
  const cancel = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) return;
    core.warning(
      `Received ${signal}: the run is being cancelled; recording the state and stopping the wait.`,
    );
    controller.abort();
  };
  process.on('SIGINT', cancel);
  process.on('SIGTERM', cancel);
  try {
    const end = await run(createActionKit(controller.signal));
    if (end?.failed) core.setFailed(end.failed);
  } catch (error) {
    if (!(error instanceof ConfigurationError) && error instanceof Error && error.stack)
      core.debug(error.stack);
    core.setFailed(errorMessage(error));
  } finally {
    process.off('SIGINT', cancel);
    process.off('SIGTERM', cancel);
  }
}
