import {
  DescribeServicesCommand,
  ListClustersCommand,
  ListServicesCommand,
  type ECSClient,
  type Service,
} from '@aws-sdk/client-ecs';
import type { Clock } from '../core/clock';
import { ConfigurationError, errorMessage } from '../core/errors';

/** Error names AWS uses for "you are not allowed to": one-line user errors naming the permission. */
const ACCESS_DENIED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnauthorizedOperation',
  'UnrecognizedClientException',
]);

function awsErrorName(error: unknown): string {
  return (error as { name?: string } | undefined)?.name ?? '';
}

function isAccessDenied(error: unknown): boolean {
  return ACCESS_DENIED.has(awsErrorName(error));
}

/** Throttling, 5xx and network errors: worth another poll rather than giving up the wait. */
export function isTransient(error: unknown): boolean {
  const e = error as {
    name?: string;
    code?: string;
    $metadata?: { httpStatusCode?: number };
    $retryable?: unknown;
  };
  const status = e?.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500) return true;
  if (e?.$retryable) return true;
  return /Throttl|TooManyRequests|RequestLimitExceeded|ServerException|ServiceUnavailable|InternalFailure|TimeoutError|ECONNRESET|ECONNREFUSED|EPIPE|socket hang up/i.test(
    `${e?.name ?? ''} ${e?.code ?? ''} ${errorMessage(error)}`,
  );
}

/** Extra tries after the SDK's own retries gave up on a transient error, for read-only calls. */
const PATIENT_TRIES = 3;
const PATIENT_PAUSE_MS = 5_000;

/**
 * A read-only call that survives a burst of throttling or 5xx longer than the SDK's retries:
 * a few more tries, a pause apart on the injected clock. Never used for calls that change things.
 */
export async function withPatience<T>(clock: Clock | undefined, call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!clock || attempt >= PATIENT_TRIES || !isTransient(error)) throw error;
      await clock.sleep(PATIENT_PAUSE_MS * attempt);
    }
  }
}

/** Wraps an AWS error raised while preparing (before any change) as the one-line error a user needs. */
export function explainAwsError(error: unknown, action: string): Error {
  if (error instanceof ConfigurationError) return error;
  if (isAccessDenied(error)) {
    return new ConfigurationError(
      `Not allowed to call ${action}: ${errorMessage(error)} (check the role's IAM policy).`,
    );
  }
  const name = awsErrorName(error);
  if (name === 'ClientException' || name === 'InvalidParameterException' || name === 'ValidationException') {
    return new ConfigurationError(`${action} was rejected: ${errorMessage(error)}`);
  }
  return error instanceof Error ? error : new Error(String(error));
}

async function clusterNames(ecs: ECSClient): Promise<string[]> {
  try {
    const out = await ecs.send(new ListClustersCommand({ maxResults: 100 }));
    return (out.clusterArns ?? []).map((arn) => arn.split('/').pop() ?? arn);
  } catch {
    return [];
  }
}

async function serviceNames(ecs: ECSClient, cluster: string): Promise<string[]> {
  try {
    const out = await ecs.send(new ListServicesCommand({ cluster, maxResults: 100 }));
    return (out.serviceArns ?? []).map((arn) => arn.split('/').pop() ?? arn);
  } catch {
    return [];
  }
}

function listing(kind: string, names: string[]): string {
  return names.length ? `${kind} that exist: ${names.join(', ')}` : `no ${kind} exist there`;
}

/**
 * The service as ECS describes it, or a ConfigurationError naming the cluster or service that was
 * not found and listing the ones that exist, so a typo is obvious.
 */
export async function findService(
  ecs: ECSClient,
  cluster: string,
  service: string,
  clock?: Clock,
): Promise<Service> {
  let out;
  try {
    out = await withPatience(clock, () =>
      ecs.send(new DescribeServicesCommand({ cluster, services: [service] })),
    );
  } catch (error) {
    if (awsErrorName(error) === 'ClusterNotFoundException') {
      throw new ConfigurationError(
        `Cluster "${cluster}" not found; ${listing('clusters', await clusterNames(ecs))}.`,
      );
    }
    throw explainAwsError(error, 'ecs:DescribeServices');
  }
  const found = out.services?.find((s) => s.serviceName === service || s.serviceArn === service);
  const failure = out.failures?.[0];
  if (failure?.reason === 'MISSING' && /:cluster\//.test(failure.arn ?? '')) {
    throw new ConfigurationError(
      `Cluster "${cluster}" not found; ${listing('clusters', await clusterNames(ecs))}.`,
    );
  }
  if (!found || found.status === 'INACTIVE') {
    throw new ConfigurationError(
      `Service "${service}" not found in cluster "${cluster}"; ${listing('services', await serviceNames(ecs, cluster))}.`,
    );
  }
  if (found.status === 'DRAINING') {
    throw new ConfigurationError(`Service "${service}" in cluster "${cluster}" is being deleted (DRAINING).`);
  }
  if (found.deploymentController?.type && found.deploymentController.type !== 'ECS') {
    throw new ConfigurationError(
      `Service "${service}" uses the ${found.deploymentController.type} deployment controller; only rolling updates (ECS) are supported.`,
    );
  }
  return found;
}
