/**
 * Errors the user can act on. The action boundary prints a ConfigurationError as one line
 * (no stack): it names the input or resource at fault. Everything else is unexpected.
 */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

/** A deploy or rollback that ran and did not end healthy. Carries the verdict for outputs/summaries. */
export class DeploymentFailedError extends Error {
  override readonly name = 'DeploymentFailedError';
  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** True for errors whose message is meant for the user as it is. */
export function isUserFacing(error: unknown): error is ConfigurationError | DeploymentFailedError {
  return error instanceof ConfigurationError || error instanceof DeploymentFailedError;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
