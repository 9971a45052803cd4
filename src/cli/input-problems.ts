import { ConfigurationError } from '../core/errors';
import { InputReader, mapInputSource } from '../core/inputs';

/**
 * What a required input reads as once it has been reported: a value every reader accepts for its
 * required inputs (a cluster or service name, a pinned image reference `repository:tag`), so the read
 * goes on to the inputs after it. Never used: a command line with problems stops before it runs.
 */
const SET_ASIDE_REQUIRED = 'set-aside:placeholder';

/**
 * A reader over the flags with some inputs set aside: they read as unset (an optional one takes its
 * fallback) or, when required, as a placeholder, so reading continues past an input already reported.
 */
class SetAsideReader extends InputReader {
  constructor(
    inputs: Record<string, string>,
    private readonly setAside: ReadonlySet<string>,
  ) {
    super(mapInputSource(Object.fromEntries(Object.entries(inputs).filter(([k]) => !setAside.has(k)))));
  }

  override required(name: string): string {
    return this.setAside.has(name) ? SET_ASIDE_REQUIRED : super.required(name);
  }
}

/**
 * Every ConfigurationError a command's reader throws for these flags, not only the first: the reader
 * (the action's own `read<Name>Inputs`, unchanged) is run again with each input it refused set aside,
 * until it reads through. `reported` are inputs already reported from the specs (missing required flags).
 * Runs before any AWS call; the readers only parse.
 */
export function collectInputErrors(
  read: (inputs: InputReader) => unknown,
  inputs: Record<string, string>,
  reported: ReadonlySet<string> = new Set(),
): ConfigurationError[] {
  const errors: ConfigurationError[] = [];
  const setAside = new Set(reported);
  // Each round sets one more input aside, so there are at most as many rounds as inputs (plus one).
  for (let round = 0; round <= Object.keys(inputs).length + setAside.size + 1; round++) {
    try {
      read(new SetAsideReader(inputs, setAside));
      return errors;
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      const repeated = error.input !== undefined && setAside.has(error.input);
      if (!repeated) errors.push(error);
      // An error about no one input, or one already set aside, cannot be stepped over.
      if (error.input === undefined || repeated) return errors;
      setAside.add(error.input);
    }
  }
  return errors;
}
