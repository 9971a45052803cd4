import { spawnSync } from 'node:child_process';

/**
 * Integration suites need real components (moto_server, dockerd, postgres...). On a user's machine
 * a missing one skips the suite with a visible reason; under CI (CI=true) it is a failure, never a
 * silent skip.
 */
export function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', 'command -v "$1"', 'sh', command], { stdio: 'ignore' }).status === 0;
}

/**
 * Returns `describe` when `missing` is undefined, else `describe.skip` after printing why.
 * Under CI a missing component throws at collection time, so the suite fails.
 */
export function describeIfAvailable(missing: string | undefined): jest.Describe {
  return availableOrSkipped(missing, describe, describe.skip);
}

/** `describeIfAvailable` for one test inside a suite that otherwise runs. */
export function testIfAvailable(missing: string | undefined): jest.It {
  return availableOrSkipped(missing, test, test.skip);
}

function availableOrSkipped<T>(missing: string | undefined, available: T, skipped: T): T {
  if (missing === undefined) return available;
  if (process.env.CI === 'true') {
    throw new Error(`Required test component missing under CI: ${missing}`);
  }
  console.warn(`SKIPPED: ${missing}`);
  return skipped;
}

/** The first of `commands` that is not on PATH, described for a skip message. */
export function missingCommand(...commands: string[]): string | undefined {
  const missing = commands.find((c) => !hasCommand(c));
  return missing ? `\`${missing}\` is not installed (see README: Running the tests)` : undefined;
}

/** Why an executable at a fixed path (a distribution package's) cannot be used; undefined when it can. */
export function missingExecutable(file: string, installHint: string): string | undefined {
  return spawnSync(file, ['--version'], { stdio: 'ignore', timeout: 30_000 }).status === 0
    ? undefined
    : `${file} is not installed (${installHint})`;
}
