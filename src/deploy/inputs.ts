import { ConfigurationError } from '../core/errors';
import type { InputReader, IntegerInputs } from '../core/inputs';
import type { WaitOptions } from './types';
import { checkImageUri } from './image-uri';
import {
  readReleaseCheckInputs,
  RELEASE_CHECK_INTEGER_INPUTS,
  type ReleaseCheckInputs,
} from './release-check-inputs';

/** Bounds of the wait inputs: a poll never longer than the 15 s verdict target allows. */
export const WAIT_LIMITS = {
  waitMinutes: { fallback: 15, min: 1, max: 120 },
  pollSeconds: { fallback: 15, min: 10, max: 15 },
  maxTaskFailures: { fallback: 2, min: 0, max: 50 },
  desiredCount: { fallback: 0, min: 0, max: 5000 },
} as const;

/** `auto`: before a release whose schema change is not additive (or cannot be told); `always`; `never`. */
export type SnapshotMode = 'auto' | 'always' | 'never';
export const SNAPSHOT_MODES: readonly SnapshotMode[] = ['auto', 'always', 'never'];

/** deploy-service's whole-number inputs by name (the root action reads the same). */
export const DEPLOY_SERVICE_INTEGER_INPUTS = {
  'desired-count': WAIT_LIMITS.desiredCount,
  'wait-minutes': WAIT_LIMITS.waitMinutes,
  'poll-seconds': WAIT_LIMITS.pollSeconds,
  'max-task-failures': WAIT_LIMITS.maxTaskFailures,
  ...RELEASE_CHECK_INTEGER_INPUTS,
} as const satisfies IntegerInputs;

export interface DeployServiceInputs extends ReleaseCheckInputs {
  cluster: string;
  service: string;
  image: string;
  containerName?: string | undefined;
  taskDefinitionFile?: string | undefined;
  environment: Record<string, string>;
  secrets: Record<string, string>;
  desiredCount?: number | undefined;
  forceNewDeployment: boolean;
  wait: WaitOptions;
  rollbackOnFailure: boolean;
  /** Wait (bounded by wait-minutes) for a deployment in flight to end instead of refusing to start. */
  waitForIdle: boolean;
  region?: string | undefined;
  jobSummary: boolean;
  /** Deploy even when the content schema loses content (a removed or retyped attribute, type, component). */
  allowDestructiveSchema: boolean;
  /** When to snapshot the database before the release (`auto`: when the schema change is not additive). */
  snapshot: SnapshotMode;
  /** The RDS DB instance to snapshot; default the one the app container's DATABASE_HOST names. */
  dbInstance?: string | undefined;
}

// RDS DB instance identifiers: a letter, then letters, digits and single hyphens, at most 63, no trailing hyphen.
const DB_INSTANCE = /^[A-Za-z](?!.*--)[A-Za-z0-9-]{0,62}$/;
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const SECRET_ARN = /^arn:aws[a-z-]*:(secretsmanager|ssm):[a-z0-9-]+:\d{12}:(secret:|parameter\/)\S+$/;

/** Everything a deploy needs but the image: the root action reads these before it builds the image. */
export type DeployTargetInputs = Omit<DeployServiceInputs, 'image'>;

/** Parses and validates the deploy-service inputs once; the action and the CLI both call this. */
export function readDeployServiceInputs(inputs: InputReader): DeployServiceInputs {
  const image = inputs.required('image-uri');
  checkImageUri(image, 'image-uri');
  return { image, ...readDeployTargetInputs(inputs) };
}

/**
 * The deploy inputs apart from `image-uri`. The full deploy validates them all before it builds,
 * so a typo in `cluster` fails in a second, not after a ten-minute build.
 */
export function readDeployTargetInputs(inputs: InputReader): DeployTargetInputs {
  const environment = inputs.keyValues('environment-variables');
  const secrets = inputs.keyValues('secrets');
  for (const [input, values] of [
    ['environment-variables', environment],
    ['secrets', secrets],
  ] as const) {
    for (const name of Object.keys(values)) {
      if (!NAME.test(name)) {
        throw new ConfigurationError(`: "${name}" is not a valid variable name.`, input);
      }
    }
  }
  for (const [name, valueFrom] of Object.entries(secrets)) {
    // A value that is not an ARN is most often the secret itself pasted in: it would become a `valueFrom`
    // in the task definition, readable by anyone who can describe it. So only ARNs, and the value unsaid.
    if (!SECRET_ARN.test(valueFrom)) {
      throw new ConfigurationError(
        `: ${name} must be the ARN of a Secrets Manager secret or an SSM parameter (arn:aws:secretsmanager:… or arn:aws:ssm:…), not the value itself.`,
        'secrets',
      );
    }
  }
  const desiredCount =
    inputs.optional('desired-count') === undefined
      ? undefined
      : inputs.integer('desired-count', WAIT_LIMITS.desiredCount);
  return {
    cluster: inputs.required('cluster'),
    service: inputs.required('service'),
    containerName: inputs.optional('container-name'),
    taskDefinitionFile: inputs.optional('task-definition'),
    environment,
    secrets,
    desiredCount,
    forceNewDeployment: inputs.boolean('force-new-deployment', false),
    wait: {
      waitMinutes: inputs.integer('wait-minutes', WAIT_LIMITS.waitMinutes),
      pollSeconds: inputs.integer('poll-seconds', WAIT_LIMITS.pollSeconds),
      maxTaskFailures: inputs.integer('max-task-failures', WAIT_LIMITS.maxTaskFailures),
    },
    rollbackOnFailure: inputs.boolean('rollback-on-failure', true),
    waitForIdle: inputs.boolean('wait-for-idle', false),
    region: inputs.optional('aws-region'),
    jobSummary: inputs.boolean('job-summary', true),
    ...readReleaseCheckInputs(inputs),
    ...readSchemaGuardInputs(inputs),
  };
}

/**
 * What guards the content: `allow-destructive-schema`, `snapshot`, `db-instance`. Read by deploy and by
 * promote, which puts a release on a database of its own.
 */
export function readSchemaGuardInputs(
  inputs: InputReader,
): Pick<DeployServiceInputs, 'allowDestructiveSchema' | 'snapshot' | 'dbInstance'> {
  const dbInstance = inputs.optional('db-instance');
  if (dbInstance !== undefined && (!DB_INSTANCE.test(dbInstance) || dbInstance.endsWith('-'))) {
    throw new ConfigurationError(
      `: "${dbInstance}" is not an RDS DB instance identifier (a letter, then letters, digits and single hyphens, at most 63).`,
      'db-instance',
    );
  }
  return {
    allowDestructiveSchema: inputs.boolean('allow-destructive-schema', false),
    snapshot: inputs.choice('snapshot', SNAPSHOT_MODES, 'auto'),
    dbInstance,
  };
}
