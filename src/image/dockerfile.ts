import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigurationError } from '../core/errors';

/**
 * The production Strapi Dockerfile shipped with the action. From source the path is the starter's file; in a
 * bundle ncc copies it next to the bundle (dist/<name>/Dockerfile) and rewrites this path to the copy, which
 * `npm run check:dist` keeps equal to the starter's.
 */
export const BUNDLED_DOCKERFILE = path.join(__dirname, '..', '..', 'examples', 'strapi-app', 'Dockerfile');

/**
 * The same build for BuildKit (buildx): npm's cache in a cache mount. A separate file because the classic
 * builder, the only one `docker build` has without the buildx plugin, refuses `RUN --mount` outright.
 * Always the classic file's name plus `.buildkit`, next to it (ncc copies both).
 */
export const BUNDLED_BUILDKIT_DOCKERFILE = path.join(
  __dirname,
  '..',
  '..',
  'examples',
  'strapi-app',
  'Dockerfile.buildkit',
);

export interface ResolvedDockerfile {
  context: string;
  dockerfile: string;
  bundled: boolean;
}

/**
 * `dockerfile` is relative to the working directory, like `docker build -f`. Without one, the
 * context's own `Dockerfile` is used, and when the app has none, the bundled Strapi Dockerfile.
 */
export function resolveDockerfile(options: {
  cwd: string;
  context: string;
  dockerfile?: string | undefined;
  bundled?: string | undefined;
}): ResolvedDockerfile {
  const context = path.resolve(options.cwd, options.context);
  if (!isDirectory(context)) {
    throw new ConfigurationError(`Build context not found: ${context} (input \`context\`).`);
  }
  if (options.dockerfile) {
    const dockerfile = path.resolve(options.cwd, options.dockerfile);
    if (!isFile(dockerfile)) {
      throw new ConfigurationError(`Dockerfile not found: ${dockerfile} (input \`dockerfile\`).`);
    }
    return { context, dockerfile, bundled: false };
  }
  const own = path.join(context, 'Dockerfile');
  if (isFile(own)) return { context, dockerfile: own, bundled: false };
  const bundled = options.bundled ?? BUNDLED_DOCKERFILE;
  if (!isFile(bundled)) {
    throw new ConfigurationError(
      `No Dockerfile in ${context}, and the bundled Strapi Dockerfile is missing (${bundled}). ` +
        'Add a Dockerfile or set the `dockerfile` input.',
    );
  }
  return { context, dockerfile: bundled, bundled: true };
}

/**
 * The Dockerfile to hand to the builder: the bundled Dockerfile's BuildKit variant under buildx (when it is
 * there), else the resolved one unchanged. An app's own Dockerfile is never swapped.
 */
export function dockerfileForBuilder(resolved: ResolvedDockerfile, builder: 'buildx' | 'docker'): string {
  if (!resolved.bundled || builder !== 'buildx') return resolved.dockerfile;
  const buildkit = `${resolved.dockerfile}.buildkit`;
  return isFile(buildkit) ? buildkit : resolved.dockerfile;
}

function isFile(file: string): boolean {
  return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
}

function isDirectory(dir: string): boolean {
  return fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
