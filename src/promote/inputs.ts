import { ConfigurationError } from '../core/errors';
import type { InputReader, IntegerInputs } from '../core/inputs';
import { readSchemaGuardInputs, WAIT_LIMITS, type DeployTargetInputs } from '../deploy/inputs';

/** promote's whole-number inputs by name: the deploy's wait bounds (it deploys through runDeploy). */
export const PROMOTE_INTEGER_INPUTS = {
  'wait-minutes': WAIT_LIMITS.waitMinutes,
  'poll-seconds': WAIT_LIMITS.pollSeconds,
  'max-task-failures': WAIT_LIMITS.maxTaskFailures,
} as const satisfies IntegerInputs;

/** The environment a release is proven in before it is promoted. */
export interface PromotionSource {
  cluster: string;
  service: string;
  /** Its GitHub deployment environment: whose history says whether the release succeeded there. */
  environment: string;
}

/** The target is the deploy's (cluster, service, waits); the image is never an input: staging's digest is. */
export interface PromoteInputs extends Omit<
  DeployTargetInputs,
  'environment' | 'secrets' | 'desiredCount' | 'taskDefinitionFile'
> {
  source: PromotionSource;
  /** The GitHub environment promoted to (the `environment` input the history of every action uses). */
  environment: string;
}

/** GitHub environment names: letters, digits and `_ . -` (GitHub also allows spaces; history keys here do not). */
const ENVIRONMENT = /^[A-Za-z0-9_.-]{1,255}$/;

function checkEnvironmentName(name: string, input: string): string {
  if (!ENVIRONMENT.test(name)) {
    throw new ConfigurationError(
      ` must be a GitHub environment name (letters, digits, "_", "." and "-"), got "${name}".`,
      input,
    );
  }
  return name;
}

/**
 * Parses the promote inputs once; the action and the CLI both call this. A promotion copies nothing but
 * the image: the production service keeps its own variables and secrets, so those inputs do not exist here.
 */
export function readPromoteInputs(reader: InputReader): PromoteInputs {
  const source: PromotionSource = {
    cluster: reader.required('source-cluster'),
    service: reader.required('source-service'),
    environment: checkEnvironmentName(reader.optional('source-environment', 'staging'), 'source-environment'),
  };
  const environment = checkEnvironmentName(reader.optional('environment', 'production'), 'environment');
  if (environment === source.environment) {
    throw new ConfigurationError(
      ` must differ from \`source-environment\` ("${environment}"): a promotion goes from one environment to another.`,
      'environment',
    );
  }
  const target = readPromoteTarget(reader);
  if (target.cluster === source.cluster && target.service === source.service) {
    throw new ConfigurationError(
      ` and \`service\` name the source service ${source.service} itself; promote deploys to another service.`,
      'cluster',
    );
  }
  return { source, environment, ...target };
}

/** The deploy target inputs promote has: no variables, secrets or count (production keeps its own). */
function readPromoteTarget(reader: InputReader): Omit<PromoteInputs, 'source' | 'environment'> {
  return {
    cluster: reader.required('cluster'),
    service: reader.required('service'),
    containerName: reader.optional('container-name'),
    forceNewDeployment: false,
    wait: {
      waitMinutes: reader.integer('wait-minutes', WAIT_LIMITS.waitMinutes),
      pollSeconds: reader.integer('poll-seconds', WAIT_LIMITS.pollSeconds),
      maxTaskFailures: reader.integer('max-task-failures', WAIT_LIMITS.maxTaskFailures),
    },
    rollbackOnFailure: reader.boolean('rollback-on-failure', true),
    waitForIdle: reader.boolean('wait-for-idle', false),
    region: reader.optional('aws-region'),
    jobSummary: reader.boolean('job-summary', true),
    // Production's database is its own: a destructive change is checked against what production runs.
    ...readSchemaGuardInputs(reader),
  };
}
