import type { ECRClient } from '@aws-sdk/client-ecr';
import type { RDSClient } from '@aws-sdk/client-rds';
import { ConfigurationError } from '../core/errors';

export interface AwsClientConfig {
  /** Unset: the SDK resolves it (AWS_REGION, else the profile's `region` in the shared config file). */
  region?: string | undefined;
  /**
   * A shared-config profile (~/.aws/config): the SDK's own loading resolves its credentials (keys,
   * SSO, credential_process, assumed role) and region, as every other AWS tool does. Unset: AWS_PROFILE.
   */
  profile?: string | undefined;
  /** Total attempts per call, including the first (SDK "standard"/"adaptive" retry modes). */
  maxAttempts?: number;
  retryMode?: 'standard' | 'adaptive';
  /** Appended to the SDK user agent so requests are attributable to this tool. */
  userAgent?: string;
  /**
   * Only for `strapi-deploy replay`, whose answers come from a transcript served on a loopback port:
   * its endpoint and throw-away keys, so a replay never reads the user's credentials or environment.
   */
  replayServer?: { endpoint: string };
}

export const DEFAULT_USER_AGENT = 'strapi-deploy/1';

interface SdkClientOptions {
  region?: string;
  profile?: string;
  maxAttempts: number;
  retryMode: string;
  customUserAgent: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/**
 * The one place AWS clients are configured (region, retries, user agent). It takes the client
 * class rather than importing every client, so each action's bundle carries only the SDK
 * clients it uses. Endpoints are deliberately not set here (but for a replay's own server): the SDK
 * reads the standard `AWS_ENDPOINT_URL` / `AWS_ENDPOINT_URL_<SERVICE>` variables itself, which is how
 * the tests point real clients at moto and the rollout simulator.
 */
export function createAwsClient<T>(Client: new (options: SdkClientOptions) => T, config: AwsClientConfig): T {
  return new Client({
    ...(config.region ? { region: config.region } : {}),
    ...(config.profile ? { profile: config.profile } : {}),
    // The one retry policy for every call: the SDK's standard mode (exponential backoff with jitter,
    // throttling and 5xx retried, a retry quota per client). Waits add one documented layer on top
    // (pollUntil tolerates a few failed looks in a row); nothing else retries.
    maxAttempts: config.maxAttempts ?? 5,
    retryMode: config.retryMode ?? 'standard',
    customUserAgent: config.userAgent ?? DEFAULT_USER_AGENT,
    ...(config.replayServer
      ? {
          endpoint: config.replayServer.endpoint,
          credentials: { accessKeyId: 'replay', secretAccessKey: 'replay' },
        }
      : {}),
  });
}

/** Clients only some jobs need: made, and their SDK module loaded, on first use (a cold start pays for none). */
export interface LazyAwsClients {
  ecr: () => Promise<ECRClient>;
  rds: () => Promise<RDSClient>;
}

export function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

export function lazyAwsClients(config: AwsClientConfig): LazyAwsClients {
  return {
    ecr: once(async () => createAwsClient((await import('@aws-sdk/client-ecr')).ECRClient, config)),
    rds: once(async () => createAwsClient((await import('@aws-sdk/client-rds')).RDSClient, config)),
  };
}

/** Region from the input, else the standard variables; a clear error names both. */
export function resolveRegion(input: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const region = input?.trim() || env.AWS_REGION || env.AWS_DEFAULT_REGION;
  if (!region) {
    throw new ConfigurationError(
      ': no AWS region is set (nor AWS_REGION or AWS_DEFAULT_REGION).',
      'aws-region',
    );
  }
  return region;
}
