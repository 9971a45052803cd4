import type { InputSource } from '../core/inputs';
import { mapInputSource } from '../core/inputs';

/**
 * A command line that cannot be understood (unknown command or option, missing value, a required
 * flag left out): exit 2. It carries every problem found, so one run shows all that needs fixing.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    readonly problems: readonly UsageProblem[],
    readonly command?: string,
  ) {
    super(problems.map((p) => p.message).join('\n'));
  }
}

/** One thing wrong with a command line, in words that name what the user typed. */
export interface UsageProblem {
  message: string;
  /** The action input (or CLI flag name) the problem is about, when it is about one. */
  input?: string;
}

/**
 * One flag. Flags that feed the core carry the name of the action input they stand for: the
 * values go through the same `read<Name>Inputs` as the action's `INPUT_*`, so the CLI validates
 * exactly as the action does and its errors can be reworded to name the flag. The same specs
 * drive the parser, `--help`, shell completion and the README's CLI reference.
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
  /**
   * The command's reader refuses to start without it. Checked from the spec before the reader runs,
   * so every missing flag is reported at once; a test holds the specs to what the readers require.
   */
  required?: boolean;
  /** The only values accepted (offered by shell completion, listed in help). */
  choices?: readonly string[];
  /** Placeholder in help, e.g. URI; PATH means a file (completed as one). */
  value?: string;
  description: string;
  short?: string;
}

/** A word the command takes after its name, e.g. `completion bash`. */
export interface ArgumentSpec {
  name: string;
  /** The words it may be; absent for a free word such as a file path (`replay FILE`). */
  choices?: readonly string[];
  description: string;
}

export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  {
    flag: 'region',
    input: 'aws-region',
    type: 'string',
    value: 'REGION',
    description: "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile's region)",
  },
  {
    flag: 'profile',
    type: 'string',
    value: 'NAME',
    description:
      'AWS shared-config profile: keys, SSO, credential_process, role, region (default: AWS_PROFILE)',
  },
  { flag: 'json', type: 'boolean', description: 'print one JSON document on stdout at the end, for scripts' },
  { flag: 'verbose', type: 'boolean', description: 'also print debug messages' },
  {
    flag: 'record',
    type: 'string',
    value: 'FILE',
    description:
      'write a transcript of every AWS call and answer to FILE (a failing deploy becomes a replayable test; request bodies are kept as sent, GITHUB_TOKEN masked)',
  },
  { flag: 'help', short: 'h', type: 'boolean', description: 'show this help' },
];

export interface ParsedOptions {
  /** Raw values by flag name (strings, string arrays for repeatable flags, booleans). */
  flags: Record<string, string | string[] | boolean | undefined>;
  /** Action input name -> raw string, ready for an InputReader. */
  inputs: Record<string, string>;
  /** Words after the command that are not options (only commands with ArgumentSpecs accept them). */
  args: string[];
  /** Everything wrong with the command line, in the order typed; empty when it can run. */
  problems: UsageProblem[];
}

/**
 * A value that starts with a dash followed by a digit is a (negative) number, not an option:
 * `--events -3` then reads as -3 and the reader says what is wrong with it.
 */
const NUMBER_LIKE = /^-\d/;

/**
 * Parses one command's flags without stopping at the first problem: unknown flags, missing values,
 * stray words, repeated flags and (from the specs) missing required flags are all collected.
 */
export function parseOptions(
  args: readonly string[],
  specs: readonly OptionSpec[],
  argumentSpecs: readonly ArgumentSpec[] = [],
): ParsedOptions {
  const flags: ParsedOptions['flags'] = {};
  const problems: UsageProblem[] = [];
  const positionals: string[] = [];
  const typed = new Map<string, string[]>();
  const reported = new Set<string>();
  const problem = (message: string, spec?: OptionSpec): void => {
    problems.push({ message, ...(spec ? { input: spec.input ?? spec.flag } : {}) });
    if (spec) reported.add(spec.flag);
  };

  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-' || NUMBER_LIKE.test(arg)) {
      positionals.push(arg);
      continue;
    }
    const long = arg.startsWith('--');
    const eq = long ? arg.indexOf('=') : -1;
    const name = long ? arg.slice(2, eq >= 0 ? eq : undefined) : arg.slice(1);
    const inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    const spec = long ? specs.find((s) => s.flag === name) : specs.find((s) => s.short === name);
    if (!spec) {
      problem(`Unknown option '${long ? `--${name}` : arg}'.${suggestion(name, specs)}`);
      continue;
    }
    typed.set(spec.flag, [...(typed.get(spec.flag) ?? []), arg]);
    if (spec.type === 'boolean') {
      if (inline !== undefined) problem(`Option '--${spec.flag}' takes no value, got '${arg}'.`, spec);
      else flags[spec.flag] = true;
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = args[i + 1];
      if (next === undefined) {
        problem(`Option '${usageOf(spec)}' needs a value.`, spec);
        continue;
      }
      if (next.startsWith('-') && next !== '-' && !NUMBER_LIKE.test(next)) {
        // `--cluster --image x`: the next word is an option the user meant, not the cluster's name.
        problem(`Option '${usageOf(spec)}' needs a value, got the option '${next}' after it.`, spec);
        continue;
      }
      value = next;
      i++;
    }
    if (spec.choices && !spec.choices.includes(value)) {
      problem(`Option --${spec.flag} must be one of ${spec.choices.join(', ')}; got "${value}".`, spec);
      continue;
    }
    if (spec.multiple) flags[spec.flag] = [...((flags[spec.flag] as string[] | undefined) ?? []), value];
    else flags[spec.flag] = value;
  }

  for (const [flag, words] of typed) {
    const spec = specs.find((s) => s.flag === flag);
    // Two different clusters is a mistake worth stopping on; a repeatable flag collects its values.
    if (spec && !spec.multiple && words.length > 1 && !reported.has(flag)) {
      problem(`Option --${flag} was given more than once (${words.join(', ')}).`, spec);
    }
  }

  const args_ = positionals.slice(0, argumentSpecs.length);
  argumentSpecs.forEach((argument, index) => {
    const word = positionals[index];
    if (word === undefined)
      problems.push({
        message: argument.choices
          ? `Missing ${argument.name}: one of ${argument.choices.join(', ')}.`
          : `Missing ${argument.name}: ${argument.description}.`,
      });
    else if (argument.choices && !argument.choices.includes(word))
      problems.push({
        message: `${argument.name} must be one of ${argument.choices.join(', ')}; got '${word}'.`,
      });
  });
  for (const extra of positionals.slice(argumentSpecs.length)) {
    problems.push({
      message: argumentSpecs.length
        ? `Unexpected argument '${extra}'.`
        : `Unexpected argument '${extra}': this command takes options only.`,
    });
  }

  const inputs = toInputs(specs, flags);
  for (const spec of specs) {
    if (spec.required && !reported.has(spec.flag) && !inputs[spec.input ?? spec.flag]?.trim()) {
      problem(`Option --${spec.flag} is required.`, spec);
    }
  }
  return { flags, inputs, args: args_, problems };
}

/** `--cluster <NAME>`, as help shows it. */
function usageOf(spec: OptionSpec): string {
  return `--${spec.flag}${spec.type === 'string' ? ` <${spec.value ?? 'value'}>` : ''}`;
}

/** " Did you mean '--cluster'?" for a flag one or two keystrokes off, or a prefix of one. */
function suggestion(typed: string, specs: readonly OptionSpec[]): string {
  const near =
    specs.find((s) => s.flag.startsWith(typed) && typed.length >= 3) ??
    specs.find((s) => editDistance(s.flag, typed) <= Math.min(2, Math.floor(s.flag.length / 3)));
  return near ? ` Did you mean '--${near.flag}'?` : '';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
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

/**
 * Splits argv into the command and its arguments, with global options allowed before the command
 * (`strapi-deploy --json status …`): they are moved after it, where the command's parser reads them.
 * `stringFlags` are the flags that take a value, so `--region eu-west-1 status` skips the region.
 */
export function splitCommand(
  argv: readonly string[],
  stringFlags: ReadonlySet<string>,
): { command: string | undefined; args: string[] } {
  const before: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('-') || arg === '-' || arg === '--') {
      return { command: arg === '--' ? argv[i + 1] : arg, args: [...before, ...argv.slice(i + 1)] };
    }
    before.push(arg);
    if (arg.startsWith('--') && !arg.includes('=') && stringFlags.has(arg.slice(2)) && i + 1 < argv.length) {
      before.push(argv[++i] as string);
    }
  }
  return { command: undefined, args: before };
}

/** Help text of the options, aligned in two columns. */
export function renderOptionsHelp(specs: readonly OptionSpec[]): string {
  const rows = specs.map((spec) => {
    const name = `${spec.short ? `-${spec.short}, ` : '    '}--${spec.flag}${spec.value ? ` <${spec.value}>` : ''}`;
    const notes = [
      spec.required ? 'required' : '',
      spec.multiple ? 'repeatable' : '',
      spec.choices ? `one of ${spec.choices.join(', ')}` : '',
      spec.input ? `action input: ${spec.input}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    return { name, text: notes ? `${spec.description} [${notes}]` : spec.description };
  });
  const width = Math.max(...rows.map((r) => r.name.length)) + 2;
  return rows.map((r) => `  ${r.name.padEnd(width)}${r.text}`).join('\n');
}
