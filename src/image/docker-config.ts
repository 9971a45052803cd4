import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * A private Docker config directory for one job: `docker login` writes the ECR token here and
 * nowhere else, and the post step deletes it, so no credential outlives the job.
 *
 * Buildx keeps its plugin (`cli-plugins/`), builder instances (`buildx/`) and contexts under the
 * user's config directory (docker/setup-buildx-action installs there), so those are linked in:
 * the builder the workflow set up stays selected. Credential helpers are deliberately not copied.
 */
export function createPrivateDockerConfig(options: { parent?: string; userConfigDir?: string } = {}): string {
  const parent = options.parent ?? (process.env.RUNNER_TEMP || os.tmpdir());
  const dir = fs.mkdtempSync(path.join(parent, 'strapi-deploy-docker-'));
  fs.chmodSync(dir, 0o700);
  const userDir = options.userConfigDir ?? defaultUserDockerConfigDir();
  const config: Record<string, unknown> = { auths: {} };
  const userConfig = readJson(path.join(userDir, 'config.json'));
  if (typeof userConfig?.currentContext === 'string') config.currentContext = userConfig.currentContext;
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config, null, 2) + '\n', { mode: 0o600 });
  for (const shared of ['cli-plugins', 'buildx', 'contexts']) {
    const source = path.join(userDir, shared);
    if (fs.existsSync(source)) fs.symlinkSync(source, path.join(dir, shared));
  }
  return dir;
}

/** Removes the private config (links only, never what they point to). Safe to call twice. */
export function removePrivateDockerConfig(dir: string): void {
  if (!dir) return;
  fs.rmSync(dir, { recursive: true, force: true });
}

export function defaultUserDockerConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_CONFIG || path.join(os.homedir(), '.docker');
}

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
