import { ECSClient } from '@aws-sdk/client-ecs';
import { createAwsClient, lazyAwsClients, once } from '../aws/client-factory';
import { lazyLogsClient } from '../use-cases/job-context';
import { ConfigurationError } from '../core/errors';
import type { TranscriptRecorder } from '../transcript';
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

/**
 * The CLI's clients: the one factory, with the profile handed to the SDK (credentials and all). The
 * recorder of --record, when given, is attached to each client as it is made (the logs client is made
 * on its first call).
 */
export function createCliClients(
  region: string,
  profile: string | undefined,
  recorder?: TranscriptRecorder,
): CliAwsClients {
  const ecs = createAwsClient(ECSClient, { region, profile });
  const lazy = lazyAwsClients({ region, profile });
  const attach = <C extends Parameters<TranscriptRecorder['attach']>[0]>(client: C): C =>
    recorder ? recorder.attach(client) : client;
  return {
    ecs: attach(ecs),
    logs: lazyLogsClient({ region, profile }, attach),
    // Made once on first use; attached once too, so no call is recorded twice.
    ecr: once(() => lazy.ecr().then(attach)),
    rds: once(() => lazy.rds().then(attach)),
  };
}
