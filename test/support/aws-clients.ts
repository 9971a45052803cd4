import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient } from '@aws-sdk/client-ecs';
import { createAwsClient, type AwsClientConfig } from '../../src/aws/client-factory';

export interface AwsClients {
  ecs: ECSClient;
  ecr: ECRClient;
  logs: CloudWatchLogsClient;
  cloudformation: CloudFormationClient;
  ec2: EC2Client;
}

/**
 * Every client at once, made on first use, for the tests and the benches (the product creates each
 * client it needs with createAwsClient, so its bundles carry only those).
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
