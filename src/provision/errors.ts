/** A stack operation that ran and did not end well (a failed wait, a vanished stack): the step fails. */
export class ProvisionFailedError extends Error {
  override readonly name = 'ProvisionFailedError';
}
