import { RecordingReporter } from './recording-reporter';
import { JobSummary } from '../../src/action-kit/job-summary';
import type { ActionKit } from '../../src/action-kit/run-action';
import type { Clock } from '../../src/core/clock';
import { InputReader, mapInputSource } from '../../src/core/inputs';

/** An ActionKit as the runner hands it to an action adapter, keeping what the action reports and outputs. */
export function recordingActionKit(
  inputs: Record<string, string>,
  clock: Clock,
): {
  kit: ActionKit;
  reporter: RecordingReporter;
  outputs: Record<string, string>;
  state: Map<string, string>;
} {
  const reporter = new RecordingReporter();
  const outputs: Record<string, string> = {};
  // Kept like the runner keeps it between an action's main and post steps.
  const state = new Map<string, string>();
  const kit: ActionKit = {
    inputs: new InputReader(mapInputSource(inputs)),
    reporter,
    clock,
    setOutput: (name, value) => void (outputs[name] = String(value)),
    summary: new JobSummary(reporter),
    saveState: (name, value) => void state.set(name, value),
    getState: (name) => state.get(name) ?? '',
  };
  return { kit, reporter, outputs, state };
}
