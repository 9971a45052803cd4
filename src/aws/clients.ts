import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient } from '@aws-sdk/client-ecs';
import { createAwsClient, type AwsClientConfig } from './client-factory';

export { createAwsClient, resolveRegion, DEFAULT_USER_AGENT, type AwsClientConfig } from './client-factory';

export interface AwsClients {
  ecs: ECSClient;
  ecr: ECRClient;
  logs: CloudWatchLogsClient;
  cloudformation: CloudFormationClient;
  ec2: EC2Client;
}

/**
 * Every client at once, made on first use: for the CLI and the tests. Action entry points call
 * createAwsClient with the classes they need instead, so their bundles stay small.
 */
export function createAwsClients(config: AwsClientConfig): AwsClients {
  const cache = new Map<string, unknown>();
  const lazy = <T>(key: string, make: () => T): T => {
    if (!cache.has(key)) cache.set(key, make());
    return cache.get(key) as T;
  };
  return {
    get ecs() {
      return lazy('ecs', () => createAwsClient(ECSClient, config));
    },
    get ecr() {
      return lazy('ecr', () => createAwsClient(ECRClient, config));
    },
    get logs() {
      return lazy('logs', () => createAwsClient(CloudWatchLogsClient, config));
    },
    get cloudformation() {
      return lazy('cloudformation', () => createAwsClient(CloudFormationClient, config));
    },
    get ec2() {
      return lazy('ec2', () => createAwsClient(EC2Client, config));
    },
  };
}
