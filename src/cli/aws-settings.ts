import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ECSClient } from '@aws-sdk/client-ecs';
import { createAwsClient, lazyAwsClients } from '../aws/client-factory';
import { ConfigurationError } from '../core/errors';
import type { CliAwsClients } from './command';

/**
 * The region for the clients: --region, else AWS_REGION / AWS_DEFAULT_REGION (what the AWS CLI
 * reads), else what the SDK's own shared-config loading finds for the profile (its `region`, in
 * AWS_CONFIG_FILE or ~/.aws/config). The CLI never reads the config file itself.
 */
export async function resolveCliRegion(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  profile: string | undefined,
): Promise<string> {
  const explicit = flag?.trim() || env.AWS_REGION || env.AWS_DEFAULT_REGION;
  if (explicit) return explicit;
  // A client built without a region resolves one the way the SDK does for every call it makes.
  const probe = createAwsClient(ECSClient, { profile });
  try {
    const region = await probe.config.region();
    if (region) return region;
  } catch {
    // "Region is missing": reported below, naming the flag.
  } finally {
    probe.destroy();
  }
  throw new ConfigurationError(
    `: no AWS region is set (nor AWS_REGION, AWS_DEFAULT_REGION or a region in profile ${profile ?? 'default'}).`,
    'aws-region',
  );
}

/** The CLI's clients: the one factory, with the profile handed to the SDK (credentials and all). */
export function createCliClients(region: string, profile: string | undefined): CliAwsClients {
  return {
    ecs: createAwsClient(ECSClient, { region, profile }),
    logs: createAwsClient(CloudWatchLogsClient, { region, profile }),
    ...lazyAwsClients({ region, profile }),
  };
}
