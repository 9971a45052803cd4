import { ConfigurationError } from '../core/errors';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient } from '@aws-sdk/client-ecs';

export interface AwsClientConfig {
  region: string;
  /** Total attempts per call, including the first (SDK "standard"/"adaptive" retry modes). */
  maxAttempts?: number;
  retryMode?: 'standard' | 'adaptive';
  /** Appended to the SDK user agent so requests are attributable to this tool. */
  userAgent?: string;
}

export interface AwsClients {
  ecs: ECSClient;
  ecr: ECRClient;
  logs: CloudWatchLogsClient;
  cloudformation: CloudFormationClient;
  ec2: EC2Client;
}

export const DEFAULT_USER_AGENT = 'strapi-deploy/1';

/**
 * The one place AWS clients are made. Endpoints are deliberately not set here: the SDK reads
 * the standard `AWS_ENDPOINT_URL` / `AWS_ENDPOINT_URL_<SERVICE>` variables and the shared config
 * itself, which is how the tests point real clients at moto and the rollout simulator.
 * Clients are created lazily so an action pays only for the clients it uses.
 */
export function createAwsClients(config: AwsClientConfig): AwsClients {
  const common = {
    region: config.region,
    maxAttempts: config.maxAttempts ?? 6,
    retryMode: config.retryMode ?? 'adaptive',
    customUserAgent: config.userAgent ?? DEFAULT_USER_AGENT,
  };
  const cache = new Map<string, unknown>();
  const lazy = <T>(key: string, make: () => T): T => {
    if (!cache.has(key)) cache.set(key, make());
    return cache.get(key) as T;
  };
  return {
    get ecs() {
      return lazy('ecs', () => new ECSClient(common));
    },
    get ecr() {
      return lazy('ecr', () => new ECRClient(common));
    },
    get logs() {
      return lazy('logs', () => new CloudWatchLogsClient(common));
    },
    get cloudformation() {
      return lazy('cloudformation', () => new CloudFormationClient(common));
    },
    get ec2() {
      return lazy('ec2', () => new EC2Client(common));
    },
  };
}

/** Region from the input, else the standard variables; a clear error names both. */
export function resolveRegion(input: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const region = input?.trim() || env.AWS_REGION || env.AWS_DEFAULT_REGION;
  if (!region) {
    throw new ConfigurationError('No AWS region: set the `aws-region` input or AWS_REGION.');
  }
  return region;
}
