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
  if (missing === undefined) return describe;
  if (process.env.CI === 'true') {
    throw new Error(`Required test component missing under CI: ${missing}`);
  }
  console.warn(`SKIPPED: ${missing}`);
  return describe.skip;
}

/** The first of `commands` that is not on PATH, described for a skip message. */
export function missingCommand(...commands: string[]): string | undefined {
  const missing = commands.find((c) => !hasCommand(c));
  return missing ? `\`${missing}\` is not installed (see README: Running the tests)` : undefined;
}
