import { ConfigurationError } from '../core/errors';
import type { InputReader } from '../core/inputs';

/**
 * Bounds of the release checks' whole-number inputs. A one-off task (a data migration, `strapi import`)
 * may take a while but must not hold the deploy forever; the smoke test waits for new tasks to be
 * registered behind the load balancer (its health check interval times the healthy threshold, a minute
 * or two with ELB's defaults) and no longer than a rollout would be watched.
 */
export const RELEASE_CHECK_LIMITS = {
  runBeforeMinutes: { fallback: 10, min: 1, max: 120 },
  smokeTestSeconds: { fallback: 120, min: 10, max: 900 },
} as const;

export const RELEASE_CHECK_INTEGER_INPUTS = {
  'run-before-minutes': RELEASE_CHECK_LIMITS.runBeforeMinutes,
  'smoke-test-seconds': RELEASE_CHECK_LIMITS.smokeTestSeconds,
} as const;

/** A command run once on the new revision before the rollout. */
export interface RunBeforeInputs {
  /** As it was written, for the log and the summary. */
  text: string;
  /** The container command override (argv: no shell unless the command names one). */
  command: string[];
  timeoutMinutes: number;
}

/** The checks through the load balancer after a successful rollout. */
export interface SmokeTestInputs {
  /** The service URL without a trailing slash. */
  baseUrl: string;
  /** A content API path (`/api/articles`) expected to answer 2xx, besides `/_health` (204). */
  contentPath?: string | undefined;
  /** Sent as `Authorization: Bearer …` with the content path only; masked when read. */
  bearerToken?: string | undefined;
  timeoutSeconds: number;
}

export interface ReleaseCheckInputs {
  runBefore?: RunBeforeInputs | undefined;
  smokeTest?: SmokeTestInputs | undefined;
}

/**
 * API reference RunTask, `overrides`: "A total of 8192 characters are allowed for overrides. This limit
 * includes the JSON formatting characters of the override structure." The command's JSON is held to that
 * less room for the structure and a container name.
 */
const MAX_COMMAND_JSON = 8192 - 300;

/**
 * Splits a command into argv the way a POSIX shell splits words, without running a shell: blanks
 * separate words, single quotes keep everything, double quotes keep all but `\"` and `\\`, a backslash
 * outside quotes escapes the next character. A JSON array of strings is taken as argv as it is.
 * Anything the shell would expand ($VAR, globs, pipes) stays literal: a command that needs them names
 * the shell (`sh -c "…"`), so nothing is interpreted that the user did not ask for.
 */
export function parseCommand(text: string, input = 'run-before'): string[] {
  if (text.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ConfigurationError(': starts with "[" but is not a JSON array of strings.', input);
    }
    if (!Array.isArray(parsed) || !parsed.length || !parsed.every((s) => typeof s === 'string' && s)) {
      throw new ConfigurationError(': a JSON command must be a non-empty array of non-empty strings.', input);
    }
    return parsed as string[];
  }
  const words: string[] = [];
  let word = '';
  // A word can be empty but present (`""`): quotes start a word as much as characters do.
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else word += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) word += text[++i] ?? '';
      else word += ch;
    } else if (/\s/.test(ch)) {
      if (ch === '\n' || ch === '\r')
        throw new ConfigurationError(': must be one line (use `sh -c "…"` for several commands).', input);
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === '\\') {
      if (i + 1 >= text.length) throw new ConfigurationError(': ends with a lone backslash.', input);
      word += text[++i] ?? '';
      inWord = true;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote) throw new ConfigurationError(`: has an unclosed ${quote} quote.`, input);
  if (inWord) words.push(word);
  return words;
}

function readRunBefore(inputs: InputReader): RunBeforeInputs | undefined {
  const timeoutMinutes = inputs.integer('run-before-minutes', RELEASE_CHECK_LIMITS.runBeforeMinutes);
  const text = inputs.optional('run-before');
  if (text === undefined) return undefined;
  const command = parseCommand(text);
  if (!command[0]) throw new ConfigurationError(' has no command.', 'run-before');
  if (JSON.stringify(command).length > MAX_COMMAND_JSON) {
    throw new ConfigurationError(
      ` is longer than a RunTask override allows (8192 characters with its JSON).`,
      'run-before',
    );
  }
  return { text, command, timeoutMinutes };
}

/** A path the content API answers: absolute, one line, no scheme or host of its own. */
const CONTENT_PATH = /^\/(?!\/)[^\s#]*$/;

function readSmokeTest(inputs: InputReader): SmokeTestInputs | undefined {
  const enabled = inputs.boolean('smoke-test', true);
  const timeoutSeconds = inputs.integer('smoke-test-seconds', RELEASE_CHECK_LIMITS.smokeTestSeconds);
  const contentPath = inputs.optional('smoke-path');
  const bearerToken = inputs.secret('smoke-token');
  if (contentPath !== undefined && !CONTENT_PATH.test(contentPath)) {
    throw new ConfigurationError(
      ` must be a path starting with one "/", without blanks or "#" (e.g. /api/articles), got "${contentPath}".`,
      'smoke-path',
    );
  }
  const serviceUrl = inputs.optional('service-url');
  if (!enabled || serviceUrl === undefined) {
    if (contentPath !== undefined && enabled) {
      throw new ConfigurationError(' needs `service-url`: the smoke test runs against it.', 'smoke-path');
    }
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    throw new ConfigurationError(
      ` must be an http(s) URL for the smoke test, got "${serviceUrl}".`,
      'service-url',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigurationError(
      ` must be an http(s) URL for the smoke test, got "${url.protocol}".`,
      'service-url',
    );
  }
  // The URL is printed in every smoke-test line; credentials in it would be printed too.
  if (url.username || url.password) {
    throw new ConfigurationError(
      ' must not carry credentials (user:password@); give a token as `smoke-token`.',
      'service-url',
    );
  }
  if (url.search || url.hash) {
    throw new ConfigurationError(
      ' must not have a query or fragment: the smoke test appends paths to it.',
      'service-url',
    );
  }
  return {
    baseUrl: url.href.replace(/\/+$/, ''),
    ...(contentPath !== undefined ? { contentPath } : {}),
    ...(bearerToken !== undefined ? { bearerToken } : {}),
    timeoutSeconds,
  };
}

/** The run-before and smoke-test inputs, validated with the deploy's others before anything changes. */
export function readReleaseCheckInputs(inputs: InputReader): ReleaseCheckInputs {
  return { runBefore: readRunBefore(inputs), smokeTest: readSmokeTest(inputs) };
}
