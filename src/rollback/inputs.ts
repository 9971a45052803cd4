import { ConfigurationError } from '../core/errors';
import type { InputReader, IntegerInputs } from '../core/inputs';
import { WAIT_LIMITS } from '../deploy/inputs';
import type { WaitOptions } from '../deploy/types';

/** rollback's whole-number inputs by name: the deploy's wait bounds. */
export const ROLLBACK_INTEGER_INPUTS = {
  'wait-minutes': WAIT_LIMITS.waitMinutes,
  'poll-seconds': WAIT_LIMITS.pollSeconds,
  'max-task-failures': WAIT_LIMITS.maxTaskFailures,
} as const satisfies IntegerInputs;

export interface RollbackInputs {
  cluster: string;
  service: string;
  /** `previous`, a revision number, a task definition ARN, a git SHA, or an image tag/digest. */
  to: string;
  dryRun: boolean;
  /** Wait (bounded by wait-minutes) for a deployment in progress instead of refusing. */
  waitForIdle: boolean;
  /** Roll over a deployment in flight (a stuck, crash-looping rollout) instead of refusing or waiting. */
  force: boolean;
  wait: WaitOptions;
  region?: string | undefined;
  jobSummary: boolean;
}

/** Parses and validates the rollback inputs once; the action and the CLI both call this. */
export function readRollbackInputs(inputs: InputReader): RollbackInputs {
  const to = inputs.optional('to', 'previous');
  if (/\s/.test(to)) {
    throw new ConfigurationError(
      ` must be previous, a revision number, a task definition ARN, a git SHA or an image tag; got "${to}".`,
      'to',
    );
  }
  return {
    cluster: inputs.required('cluster'),
    service: inputs.required('service'),
    to,
    dryRun: inputs.boolean('dry-run', false),
    waitForIdle: inputs.boolean('wait-for-idle', false),
    force: inputs.boolean('force', false),
    wait: {
      waitMinutes: inputs.integer('wait-minutes', WAIT_LIMITS.waitMinutes),
      pollSeconds: inputs.integer('poll-seconds', WAIT_LIMITS.pollSeconds),
      maxTaskFailures: inputs.integer('max-task-failures', WAIT_LIMITS.maxTaskFailures),
    },
    region: inputs.optional('aws-region'),
    jobSummary: inputs.boolean('job-summary', true),
  };
}
