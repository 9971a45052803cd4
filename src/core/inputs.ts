import { ConfigurationError } from './errors';

/**
 * Where raw input strings come from: `INPUT_*` through @actions/core in an action, flags in the
 * CLI, a plain map in tests. An unset input reads as ''.
 */
export interface InputSource {
  get(name: string): string;
  /** Called for every value read as secret, before anything else can print it. */
  maskSecret?(value: string): void;
}

export function mapInputSource(values: Record<string, string | undefined>): InputSource {
  return { get: (name) => values[name] ?? '' };
}

/** What a whole-number input accepts, and what it is when unset. */
export interface IntegerBounds {
  fallback: number;
  min: number;
  max: number;
}

/**
 * The bounds of an action's (or a CLI command's) whole-number inputs, keyed by input name: the one place
 * they are stated. action.yml says `(MIN-MAX)` in the description and a test holds it to these.
 */
export type IntegerInputs = Readonly<Record<string, IntegerBounds>>;

const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];

/**
 * Strict typed readers over an InputSource. Every error names the input, so the one-line
 * message the boundary prints tells the user exactly what to fix.
 */
export class InputReader {
  /** Every name read, so a test can prove each action.yml input is consumed by its code. */
  readonly names = new Set<string>();

  constructor(private readonly source: InputSource) {}

  private raw(name: string): string {
    this.names.add(name);
    return this.source.get(name).trim();
  }

  required(name: string): string {
    const value = this.raw(name);
    if (!value) throw new ConfigurationError(` is required.`, name);
    return value;
  }

  optional(name: string): string | undefined;
  optional(name: string, fallback: string): string;
  optional(name: string, fallback?: string): string | undefined {
    const value = this.raw(name);
    return value === '' ? fallback : value;
  }

  /** A value that must never be printed: masked the moment it is read. */
  secret(name: string): string | undefined {
    const value = this.raw(name);
    if (!value) return undefined;
    this.source.maskSecret?.(value);
    return value;
  }

  /** Hides a value the step learned (not read from an input), e.g. a registry password. */
  mask(value: string): void {
    this.source.maskSecret?.(value);
  }

  /** YAML 1.2 core-schema booleans only, as the Actions toolkit accepts them. */
  boolean(name: string, fallback: boolean): boolean {
    const value = this.raw(name);
    if (value === '') return fallback;
    if (TRUE.includes(value)) return true;
    if (FALSE.includes(value)) return false;
    throw new ConfigurationError(` must be true or false, got "${value}".`, name);
  }

  integer(name: string, options: IntegerBounds): number {
    const value = this.raw(name);
    if (value === '') return options.fallback;
    if (!/^-?\d+$/.test(value)) {
      throw new ConfigurationError(` must be a whole number, got "${value}".`, name);
    }
    const n = Number(value);
    if (n < options.min || n > options.max) {
      throw new ConfigurationError(` must be between ${options.min} and ${options.max}, got ${n}.`, name);
    }
    return n;
  }

  /** One of a fixed set of words. */
  choice<T extends string>(name: string, choices: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === '') return fallback;
    if (!(choices as readonly string[]).includes(value)) {
      throw new ConfigurationError(` must be one of ${choices.join(', ')}; got "${value}".`, name);
    }
    return value as T;
  }

  /** Items separated by newlines or commas; blanks and `#` comments dropped. */
  list(name: string): string[] {
    return splitList(this.raw(name));
  }

  /** `KEY=value` lines (newline separated; values may contain `=` and commas). */
  keyValues(name: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const line of this.raw(name).split(/\r?\n/)) {
      const trimmed = line.trim();
      if (!trimmed || trimmed.startsWith('#')) continue;
      const eq = trimmed.indexOf('=');
      if (eq <= 0) {
        throw new ConfigurationError(`: expected KEY=value, got "${trimmed}".`, name);
      }
      out[trimmed.slice(0, eq).trim()] = trimmed.slice(eq + 1).trim();
    }
    return out;
  }
}

function splitList(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s && !s.startsWith('#'));
}
