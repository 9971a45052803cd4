import { ConfigurationError, errorMessage } from './errors';

/**
 * AWS errors by what the caller should do about them. Only classified errors are ever caught and
 * handled; an `unknown` one (a TypeError, a bug) always travels on to the boundary.
 */
export type AwsErrorClass =
  /** Not allowed: the role's IAM policy lacks the permission. */
  | 'access-denied'
  /** The request itself was refused (bad parameter, unknown resource). */
  | 'rejected'
  /** Throttling, 5xx or a dropped connection: the call may or may not have been applied. */
  | 'transient'
  | 'unknown';

const ACCESS_DENIED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnauthorizedOperation',
  'UnrecognizedClientException',
]);
const REJECTED = new Set([
  'ClientException',
  'InvalidParameterException',
  'ValidationException',
  'ValidationError',
  'ClusterNotFoundException',
  'ServiceNotFoundException',
  'ServiceNotActiveException',
]);
const TRANSIENT =
  /Throttl|TooManyRequests|RequestLimitExceeded|ServerException|ServiceUnavailable|InternalFailure|TimeoutError|ECONNRESET|ECONNREFUSED|EPIPE|socket hang up/i;

interface SdkErrorShape {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: unknown;
  $fault?: string;
}

export function awsErrorName(error: unknown): string {
  return (error as SdkErrorShape | undefined)?.name ?? '';
}

function isSdkError(error: unknown): boolean {
  const e = error as SdkErrorShape | undefined;
  return !!e && typeof e === 'object' && ('$metadata' in e || '$fault' in e);
}

export function classifyAwsError(error: unknown): AwsErrorClass {
  // Already classified when the call was named; its message no longer carries the SDK's error name.
  if (error instanceof AwsCallError) return error.classification;
  const e = error as SdkErrorShape | undefined;
  const name = awsErrorName(error);
  if (ACCESS_DENIED.has(name)) return 'access-denied';
  const status = e?.$metadata?.httpStatusCode;
  if ((status !== undefined && status >= 500) || e?.$retryable) return 'transient';
  if (TRANSIENT.test(`${name} ${e?.code ?? ''} ${errorMessage(error)}`)) return 'transient';
  if (REJECTED.has(name) || (isSdkError(error) && e?.$fault === 'client')) return 'rejected';
  return 'unknown';
}

/** Throttling, 5xx and network errors: worth another look rather than giving up a wait. */
export function isTransient(error: unknown): boolean {
  return classifyAwsError(error) === 'transient';
}

/**
 * A call that failed, named as IAM names it (`ecs:UpdateService`), so the one line a user reads says
 * which call and what AWS answered. `classification` lets callers decide without reading the text.
 */
export class AwsCallError extends Error {
  override readonly name = 'AwsCallError';
  readonly classification: AwsErrorClass;
  constructor(
    readonly call: string,
    override readonly cause: unknown,
  ) {
    super(`${call} failed: ${errorMessage(cause)}`);
    this.classification = classifyAwsError(cause);
  }
}

/**
 * An error raised while preparing (before any change), as the error a user needs: a missing permission
 * or a refused request is a ConfigurationError naming the call; anything else is kept as it is.
 */
export function explainAwsError(error: unknown, call: string): Error {
  if (error instanceof ConfigurationError || error instanceof AwsCallError) return error;
  switch (classifyAwsError(error)) {
    case 'access-denied':
      return new ConfigurationError(
        `Not allowed to call ${call}: ${errorMessage(error)} (check the role's IAM policy).`,
      );
    case 'rejected':
      return new ConfigurationError(`${call} was rejected: ${errorMessage(error)}`);
    case 'transient':
      return new AwsCallError(call, error);
    default:
      return error instanceof Error ? error : new Error(String(error));
  }
}
