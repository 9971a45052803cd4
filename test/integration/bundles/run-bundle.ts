import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActionFile } from '../../unit/workflows/repo-files';

/** Where the bundles are: the committed dist/ (BUNDLES_DIR points elsewhere, e.g. a scratch build). */
export function bundlesDir(root: string): string {
  return process.env.BUNDLES_DIR ?? join(root, 'dist');
}

export interface BundleRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The `::error::` lines written to stdout, without the prefix. */
  errors: string[];
  outputs: Record<string, string>;
  summary: string;
  /** What the step saved for its post step (`GITHUB_STATE`). */
  state: Record<string, string>;
}

/** Parses the runner's file commands: `name=value` lines and `name<<DELIM ... DELIM` blocks. */
export function parseFileCommand(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delimiter] = heredoc;
      const value: string[] = [];
      while (i + 1 < lines.length && lines[i + 1] !== delimiter) value.push(lines[++i] ?? '');
      i++;
      out[name] = value.join('\n');
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

export interface RunOptions {
  inputs: Record<string, string>;
  env?: Record<string, string>;
  /** State from a main step, handed to the post step as STATE_<name>, as the runner does. */
  state?: Record<string, string>;
  workspace?: string;
}

/**
 * Starts `node <bundle>` the way the runner starts a node24 action: every input declared in action.yml as
 * INPUT_<NAME> (its default when not given; `${{ github.token }}` becomes a fake token), the file commands
 * GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and GITHUB_STATE, RUNNER_TEMP, and no inherited AWS or GitHub settings.
 * Any AWS endpoint not given by the test points at a closed local port, so nothing leaves the machine.
 */
export async function runBundle(bundle: string, action: ActionFile, options: RunOptions): Promise<BundleRun> {
  const dir = mkdtempSync(join(tmpdir(), 'bundle-run-'));
  const files = {
    output: join(dir, 'output'),
    summary: join(dir, 'summary'),
    state: join(dir, 'state'),
    env: join(dir, 'env'),
  };
  for (const file of Object.values(files)) writeFileSync(file, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_ENV: files.env,
    RUNNER_TEMP: dir,
    GITHUB_WORKSPACE: options.workspace ?? dir,
    GITHUB_REPOSITORY: 'org/strapi-app',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_RUN_ID: '4242',
    GITHUB_SERVER_URL: 'http://127.0.0.1:9',
    GITHUB_API_URL: 'http://127.0.0.1:9',
    AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'ap-south-1',
    ...options.env,
  };
  for (const [name, input] of Object.entries(action.meta.inputs ?? {})) {
    const fallback =
      input?.default === undefined ? '' : String(input.default).replace('${{ github.token }}', 'ghs_fake');
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = fallback;
  }
  for (const [name, value] of Object.entries(options.inputs))
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  for (const [name, value] of Object.entries(options.state ?? {})) env[`STATE_${name}`] = value;

  const child = spawn(process.execPath, [bundle], {
    env,
    cwd: options.workspace ?? dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const status = await new Promise<number | null>((resolveExit) =>
    child.on('close', (code) => resolveExit(code)),
  );
  try {
    return {
      status,
      stdout,
      stderr,
      errors: stdout
        .split('\n')
        .filter((l) => l.startsWith('::error::'))
        .map((l) => l.slice('::error::'.length)),
      outputs: parseFileCommand(readFileSync(files.output, 'utf8')),
      summary: readFileSync(files.summary, 'utf8'),
      state: parseFileCommand(readFileSync(files.state, 'utf8')),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
