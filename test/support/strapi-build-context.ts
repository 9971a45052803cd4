import * as path from 'node:path';

/** What the starter's .dockerignore leaves out anyway: build outputs, dependencies, local state, secrets. */
const NOT_CONTEXT = ['node_modules', 'dist', 'build', '.strapi', '.tmp', '.cache', '.env', '.build-ca.pem'];

/**
 * A `cp` filter for copying the Strapi starter into a temporary build context (so a proxy CA can be
 * added as .build-ca.pem without ever touching the app): keeps what `docker build` would be sent,
 * minus uploads made by earlier runs. `alsoExclude` names more top-level entries.
 */
export function strapiBuildContextFilter(
  appDir: string,
  alsoExclude: readonly string[] = [],
): (source: string) => boolean {
  const excluded = new Set([...NOT_CONTEXT, ...alsoExclude]);
  const uploads = path.join('public', 'uploads') + path.sep;
  return (source) => {
    const rel = path.relative(appDir, source);
    return (
      !excluded.has(rel.split(path.sep)[0] ?? '') && !(rel.startsWith(uploads) && !rel.endsWith('.gitkeep'))
    );
  };
}
