import { parseArgs } from 'node:util';
import type { InputSource } from '../core/inputs';
import { mapInputSource } from '../core/inputs';

/** A command line that cannot be understood (unknown command or option, missing value): exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}

/**
 * One flag. Flags that feed the core carry the name of the action input they stand for: the
 * values go through the same `read<Name>Inputs` as the action's `INPUT_*`, so the CLI validates
 * exactly as the action does and its errors can be reworded to name the flag.
 */
export interface OptionSpec {
  flag: string;
  /** The action input this flag stands for; undefined for flags of the CLI itself. */
  input?: string;
  type: 'string' | 'boolean';
  /** Repeatable; the values reach the input one per line (how multi-line action inputs are written). */
  multiple?: boolean;
  /** For a boolean flag that feeds an input: the input value the flag's presence means. */
  sets?: string;
  /** Placeholder in help, e.g. URI. */
  value?: string;
  description: string;
  short?: string;
}

export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  {
    flag: 'region',
    input: 'aws-region',
    type: 'string',
    value: 'REGION',
    description: 'AWS region (default: AWS_REGION / AWS_DEFAULT_REGION / profile)',
  },
  {
    flag: 'profile',
    type: 'string',
    value: 'NAME',
    description: 'AWS profile from ~/.aws/config (default: AWS_PROFILE)',
  },
  { flag: 'json', type: 'boolean', description: 'print one JSON document on stdout at the end, for scripts' },
  { flag: 'verbose', type: 'boolean', description: 'also print debug messages' },
  { flag: 'help', short: 'h', type: 'boolean', description: 'show this help' },
];

export interface ParsedOptions {
  /** Raw values by flag name (strings, string arrays for repeatable flags, booleans). */
  flags: Record<string, string | string[] | boolean | undefined>;
  /** Action input name -> raw string, ready for an InputReader. */
  inputs: Record<string, string>;
}

/** Parses one command's flags (strict: unknown flags and stray arguments are usage errors). */
export function parseOptions(
  command: string,
  args: readonly string[],
  specs: readonly OptionSpec[],
): ParsedOptions {
  const config: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {};
  for (const spec of specs) {
    config[spec.flag] = {
      type: spec.type,
      ...(spec.multiple ? { multiple: true } : {}),
      ...(spec.short ? { short: spec.short } : {}),
    };
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: config,
      strict: true,
      allowPositionals: false,
      tokens: true,
    });
  } catch (error) {
    throw new UsageError(describeParseError(error), command);
  }
  const values = { ...parsed.values } as ParsedOptions['flags'];
  // parseArgs keeps the last of a repeated flag; two different clusters is a mistake worth stopping on.
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue;
    const spec = specs.find((s) => s.flag === token.name);
    if (spec && !spec.multiple && seen.has(token.name)) {
      throw new UsageError(`--${token.name} was given more than once.`, command);
    }
    seen.add(token.name);
  }
  return { flags: values, inputs: toInputs(specs, values) };
}

function toInputs(specs: readonly OptionSpec[], values: ParsedOptions['flags']): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const spec of specs) {
    const value = values[spec.flag];
    if (value === undefined) continue;
    // Flags of the CLI itself are readable under their own name, with the same strict readers.
    const name = spec.input ?? spec.flag;
    if (spec.type === 'boolean') {
      if (value === true) inputs[name] = spec.sets ?? 'true';
    } else {
      inputs[name] = Array.isArray(value) ? value.join('\n') : String(value);
    }
  }
  return inputs;
}

export function inputSourceFor(parsed: ParsedOptions): InputSource {
  return mapInputSource(parsed.inputs);
}

function describeParseError(error: unknown): string {
  const code = (error as { code?: string }).code;
  // Some runtimes prefix the message with "TypeError [CODE]: "; the user needs only the sentence.
  const raw = error instanceof Error ? error.message : String(error);
  const message = (raw.split('\n', 1)[0] ?? raw).replace(/^\w*Error \[[A-Z_]+\]: /, '');
  const flag = /'(-[^' ]+)/.exec(message)?.[1];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Unknown option '${flag}'.`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `${message.split('. ')[0]}: this command takes options only.`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (message.endsWith('argument missing')) return `Option '${flag} <value>' needs a value.`;
      // `--cluster --image x`: node refuses to read "--image" as the cluster's name.
      if (message.includes('ambiguous')) return `${flag} needs a value, got another option after it.`;
      return message;
    default:
      return message;
  }
}

/** Help text of the options, aligned in two columns. */
export function renderOptionsHelp(specs: readonly OptionSpec[]): string {
  const rows = specs.map((spec) => {
    const name = `${spec.short ? `-${spec.short}, ` : '    '}--${spec.flag}${spec.value ? ` <${spec.value}>` : ''}`;
    const notes = [spec.multiple ? 'repeatable' : '', spec.input ? `action input: ${spec.input}` : '']
      .filter(Boolean)
      .join('; ');
    return { name, text: notes ? `${spec.description} [${notes}]` : spec.description };
  });
  const width = Math.max(...rows.map((r) => r.name.length)) + 2;
  return rows.map((r) => `  ${r.name.padEnd(width)}${r.text}`).join('\n');
}
