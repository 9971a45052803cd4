import { ConfigurationError } from '../core/errors';
import type { InputReader, IntegerInputs } from '../core/inputs';
import { resolveRegion } from '../aws/client-factory';

/**
 * provision's whole-number inputs by name. `max-capacity` falls back to the higher of its fallback and
 * `min-capacity`.
 */
export const PROVISION_INTEGER_INPUTS = {
  'min-capacity': { fallback: 1, min: 1, max: 100 },
  'max-capacity': { fallback: 2, min: 1, max: 100 },
  'wait-minutes': { fallback: 60, min: 1, max: 360 },
  // ECS's own bounds for bake times (0-1440 minutes) and canary share (its 0.1-100 %, in whole percents here).
  'bake-time-minutes': { fallback: 10, min: 0, max: 1440 },
  'canary-percent': { fallback: 10, min: 1, max: 100 },
  'canary-bake-minutes': { fallback: 5, min: 0, max: 1440 },
} as const satisfies IntegerInputs;

/** How ECS rolls a new revision out: the template's DeploymentStrategy. */
export const DEPLOYMENT_STRATEGIES = ['ROLLING', 'BLUE_GREEN', 'CANARY'] as const;
export type DeploymentStrategy = (typeof DEPLOYMENT_STRATEGIES)[number];

export interface DeploymentSettings {
  strategy: DeploymentStrategy;
  bakeTimeMinutes: number;
  canaryPercent: number;
  canaryBakeMinutes: number;
}

export interface ProvisionInputs {
  /** The stack name the resources are named after, with the environment (`strapi-staging`) when one is given. */
  stackName: string;
  /** Undefined: a single environment, named as before environments existed (no suffix, no tag). */
  environment?: string | undefined;
  /**
   * The stack of the environment this one is promoted from (`strapi-staging` for production): its ECR repository
   * may be pulled from, and its service read, so `promote` can deploy the image staging runs. Same account only.
   */
  promotionSourceStack?: string | undefined;
  region: string;
  /** Undefined: the account's default VPC, discovered through EC2. */
  vpcId?: string | undefined;
  /** Empty: two subnets of the VPC in different Availability Zones, discovered through EC2. */
  subnetIds: string[];
  /** Undefined: nobody may reach Strapi (closed until chosen). */
  allowedCidr?: string | undefined;
  enableLoadBalancer: boolean;
  certificateArn?: string | undefined;
  deployments: DeploymentSettings;
  minCapacity: number;
  maxCapacity: number;
  dbInstanceClass: string;
  githubRepository?: string | undefined;
  githubEnvironment?: string | undefined;
  createOidcProvider: boolean;
  allowReplacement: boolean;
  /**
   * Undefined: the image the service runs now (read from ECS), or the placeholder before the first deploy.
   */
  imageUri?: string | undefined;
  jobSummary: boolean;
  waitMinutes: number;
}

const STACK_NAME = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;
/** Lower case (it becomes part of the ECR repository name), single hyphens, short enough to leave room. */
const ENVIRONMENT = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const ENVIRONMENT_MAX = 32;

function checkEnvironment(name: string, input: string): string {
  if (!ENVIRONMENT.test(name) || name.length > ENVIRONMENT_MAX) {
    throw new ConfigurationError(
      ` must be a lower-case name of letters, digits and single hyphens, starting with a letter (max ${ENVIRONMENT_MAX}), such as staging or production; got "${name}".`,
      input,
    );
  }
  return name;
}

/**
 * `strapi` + `staging` -> `strapi-staging`: the environment is carried once, so a stack already named
 * `strapi-production` (as the starter workflow named it before environments) keeps its name.
 */
export function environmentStackName(base: string, environment: string | undefined): string {
  if (!environment || base.endsWith(`-${environment}`)) return base;
  return `${base}-${environment}`;
}
const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/** Parses and validates the provision inputs once; every error names the input at fault. */
export function readProvisionInputs(reader: InputReader): ProvisionInputs {
  const baseName = reader.required('stack-name');
  const environmentInput = reader.optional('environment');
  const environment =
    environmentInput === undefined ? undefined : checkEnvironment(environmentInput, 'environment');
  const stackName = environmentStackName(baseName, environment);
  if (!STACK_NAME.test(stackName)) {
    throw new ConfigurationError(
      `Input \`stack-name\` must start with a letter and contain only letters, digits and hyphens (max 128 with the environment), got "${stackName}".`,
    );
  }
  repositoryNameFor(stackName);
  const promoteFrom = reader.optional('promote-from');
  let promotionSourceStack: string | undefined;
  if (promoteFrom !== undefined) {
    checkEnvironment(promoteFrom, 'promote-from');
    if (!environment) {
      throw new ConfigurationError(' needs `environment` (the environment promoted to).', 'promote-from');
    }
    if (promoteFrom === environment) {
      throw new ConfigurationError(
        ` must name another environment than \`environment\` ("${environment}").`,
        'promote-from',
      );
    }
    promotionSourceStack = `${stackName.slice(0, stackName.length - environment.length - 1)}-${promoteFrom}`;
    repositoryNameFor(promotionSourceStack);
  }
  const region = resolveRegion(reader.optional('aws-region'));

  const vpcId = reader.optional('vpc-id');
  if (vpcId !== undefined && !/^vpc-[0-9a-f]{8,17}$/.test(vpcId)) {
    throw new ConfigurationError(`Input \`vpc-id\` must look like vpc-0123abcd, got "${vpcId}".`);
  }
  const subnetIds = reader.list('subnet-ids');
  for (const id of subnetIds) {
    if (!/^subnet-[0-9a-f]{8,17}$/.test(id)) {
      throw new ConfigurationError(`Input \`subnet-ids\`: "${id}" is not a subnet ID.`);
    }
  }
  if (subnetIds.length === 1) {
    throw new ConfigurationError(
      'Input `subnet-ids` needs at least two subnets in different Availability Zones (RDS Multi-AZ and the load balancer require it).',
    );
  }

  const allowedCidr = reader.optional('allowed-cidr');
  const cidr = allowedCidr === undefined ? undefined : CIDR.exec(allowedCidr);
  if (
    allowedCidr !== undefined &&
    (!cidr || cidr.slice(1, 5).some((octet) => Number(octet) > 255) || Number(cidr[5]) > 32)
  ) {
    throw new ConfigurationError(
      `Input \`allowed-cidr\` must be an IPv4 CIDR such as 203.0.113.0/24, got "${allowedCidr}".`,
    );
  }

  const enableLoadBalancer = reader.boolean('enable-load-balancer', false);
  const certificateArn = reader.optional('certificate-arn');
  if (certificateArn !== undefined) {
    if (!/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/.test(certificateArn)) {
      throw new ConfigurationError(
        `Input \`certificate-arn\` must be an ACM certificate ARN, got "${certificateArn}".`,
      );
    }
    if (!enableLoadBalancer) {
      throw new ConfigurationError(
        'Input `certificate-arn` needs `enable-load-balancer: true` (HTTPS ends at the load balancer).',
      );
    }
  }

  const strategy = reader.optional('deployment-strategy', 'ROLLING').toUpperCase().replace(/-/g, '_');
  if (!(DEPLOYMENT_STRATEGIES as readonly string[]).includes(strategy)) {
    throw new ConfigurationError(
      ` must be one of ${DEPLOYMENT_STRATEGIES.join(', ')}, got "${reader.optional('deployment-strategy')}".`,
      'deployment-strategy',
    );
  }
  if (strategy !== 'ROLLING' && !enableLoadBalancer) {
    // Blue/green and canary move traffic between two target groups of a load balancer.
    throw new ConfigurationError(` ${strategy} needs \`enable-load-balancer: true\`.`, 'deployment-strategy');
  }
  const deployments: DeploymentSettings = {
    strategy: strategy as DeploymentStrategy,
    bakeTimeMinutes: reader.integer('bake-time-minutes', PROVISION_INTEGER_INPUTS['bake-time-minutes']),
    canaryPercent: reader.integer('canary-percent', PROVISION_INTEGER_INPUTS['canary-percent']),
    canaryBakeMinutes: reader.integer('canary-bake-minutes', PROVISION_INTEGER_INPUTS['canary-bake-minutes']),
  };

  const minCapacity = reader.integer('min-capacity', PROVISION_INTEGER_INPUTS['min-capacity']);
  const maxBounds = PROVISION_INTEGER_INPUTS['max-capacity'];
  const maxCapacity = reader.integer('max-capacity', {
    ...maxBounds,
    fallback: Math.max(maxBounds.fallback, minCapacity),
  });
  if (maxCapacity < minCapacity) {
    throw new ConfigurationError(
      `Input \`max-capacity\` (${maxCapacity}) must not be below \`min-capacity\` (${minCapacity}).`,
    );
  }

  const dbInstanceClass = reader.optional('db-instance-class', 'db.t3.micro');
  if (!/^db\.[a-z0-9]+\.[a-z0-9]+$/.test(dbInstanceClass)) {
    throw new ConfigurationError(
      `Input \`db-instance-class\` must look like db.t3.micro, got "${dbInstanceClass}".`,
    );
  }

  const githubRepository = reader.optional('github-repository');
  if (githubRepository !== undefined && !REPOSITORY.test(githubRepository)) {
    throw new ConfigurationError(
      `Input \`github-repository\` must be owner/name, got "${githubRepository}".`,
    );
  }
  const githubEnvironment = reader.optional('github-environment');
  if (githubRepository !== undefined && githubEnvironment === undefined) {
    // A trust on every ref would let any branch assume the deploy role; only a protected environment may.
    throw new ConfigurationError(
      'Input `github-repository` needs `github-environment`: the deploy role trusts only jobs in that GitHub environment (protect it with required reviewers and a deployment branch rule).',
    );
  }
  if (githubEnvironment !== undefined) {
    if (!githubRepository) {
      throw new ConfigurationError(
        'Input `github-environment` needs `github-repository` (it narrows who may assume the deploy role).',
      );
    }
    if (!/^[A-Za-z0-9_. -]{1,255}$/.test(githubEnvironment)) {
      throw new ConfigurationError(
        `Input \`github-environment\` contains characters a GitHub environment name cannot: "${githubEnvironment}".`,
      );
    }
  }
  const createOidcProvider = reader.boolean('create-oidc-provider', false);
  if (createOidcProvider && !githubRepository) {
    throw new ConfigurationError(
      'Input `create-oidc-provider` needs `github-repository` (the provider serves the deploy role).',
    );
  }

  return {
    stackName,
    environment,
    promotionSourceStack,
    region,
    vpcId,
    subnetIds,
    allowedCidr,
    enableLoadBalancer,
    certificateArn,
    deployments,
    minCapacity,
    maxCapacity,
    dbInstanceClass,
    githubRepository,
    githubEnvironment,
    createOidcProvider,
    allowReplacement: reader.boolean('allow-replacement', false),
    imageUri: reader.optional('image-uri'),
    jobSummary: reader.boolean('job-summary', true),
    waitMinutes: reader.integer('wait-minutes', PROVISION_INTEGER_INPUTS['wait-minutes']),
  };
}

/** ECR names are lower case with single separators; the repository is named after the stack. */
export function repositoryNameFor(stackName: string): string {
  const name = stackName.toLowerCase();
  if (!/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(name)) {
    throw new ConfigurationError(
      `Input \`stack-name\` "${stackName}" cannot name the ECR repository: avoid consecutive or trailing hyphens.`,
    );
  }
  return name;
}
