/**
 * An error the simulator answers in the AWS JSON error shape: `{"__type": type, "message": ...}`.
 * The SDK turns `__type` into the exception class (ClusterNotFoundException, ...), and retries
 * ThrottlingException and 5xx answers, which is what fault injection relies on.
 */
export class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }
}

export const clientException = (message: string): AwsError => new AwsError('ClientException', message);
export const invalidParameter = (message: string): AwsError =>
  new AwsError('InvalidParameterException', message);
