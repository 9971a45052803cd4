/**
 * Errors the user can act on: a bad input or a resource that is not there, found before anything
 * changed. When the fault is one input, `input` names it and `detail` continues the sentence whose
 * subject is that input (" must be a whole number, got …" or ": … is not valid JSON"), so each
 * presenter names it its own way: the action as "Input `wait-minutes`", the CLI as the flag the user
 * typed ("Option --wait-minutes"). No layer reads another's message text.
 */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
  readonly detail: string;

  constructor(
    detail: string,
    readonly input?: string,
  ) {
    super(input ? `${inputSubject(input)}${detail}` : detail);
    this.detail = detail;
  }

  /** The message with the input named by `subject` (e.g. a CLI flag) instead of "Input `name`". */
  describe(subject: (input: string) => string | undefined): string {
    const named = this.input ? subject(this.input) : undefined;
    return named ? `${named}${this.detail}` : this.message;
  }
}

function inputSubject(input: string): string {
  return `Input \`${input}\``;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
