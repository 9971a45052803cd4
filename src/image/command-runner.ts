import { spawn } from 'node:child_process';

/** What a finished command left behind. `exitCode` is 127 when the program is not installed. */
export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** True when the program could not be started at all (not on PATH). */
  notFound?: boolean | undefined;
}

export interface RunOptions {
  cwd?: string | undefined;
  /** Added to (not replacing) the parent's environment. */
  env?: Record<string, string | undefined> | undefined;
  /** Written to the child's stdin, then stdin is closed (e.g. `docker login --password-stdin`). */
  stdin?: string | undefined;
  /** Every complete output line as it arrives, for live build logs. */
  onLine?: ((line: string, stream: 'stdout' | 'stderr') => void) | undefined;
}

/**
 * The one way strapi-deploy shells out: an argv array, never a shell string, so untrusted text
 * (tags, build args, paths) can never be interpreted by a shell.
 */
export interface CommandRunner {
  run(command: string, args: readonly string[], options?: RunOptions): Promise<CommandResult>;
}

export const processRunner: CommandRunner = {
  run(command, args, options = {}) {
    return new Promise((resolve) => {
      const child = spawn(command, [...args], {
        cwd: options.cwd,
        env: options.env ? { ...process.env, ...options.env } : process.env,
        stdio: ['pipe', 'pipe', 'pipe'],
        shell: false,
      });
      const chunks = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
      const pending = { stdout: '', stderr: '' };
      const collect = (stream: 'stdout' | 'stderr') => (data: Buffer) => {
        chunks[stream].push(data);
        if (!options.onLine) return;
        const text = pending[stream] + data.toString('utf8');
        const lines = text.split(/\r?\n/);
        pending[stream] = lines.pop() ?? '';
        for (const line of lines) options.onLine(line, stream);
      };
      child.stdout.on('data', collect('stdout'));
      child.stderr.on('data', collect('stderr'));
      let spawnError: NodeJS.ErrnoException | undefined;
      child.on('error', (error: NodeJS.ErrnoException) => {
        spawnError = error;
      });
      // A child that exits before reading stdin must not crash us with EPIPE.
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.stdin ?? '');
      child.on('close', (code, signal) => {
        for (const stream of ['stdout', 'stderr'] as const) {
          if (options.onLine && pending[stream]) options.onLine(pending[stream], stream);
        }
        const stdout = Buffer.concat(chunks.stdout).toString('utf8');
        const stderr = Buffer.concat(chunks.stderr).toString('utf8');
        if (spawnError) {
          const notFound = spawnError.code === 'ENOENT';
          resolve({ exitCode: notFound ? 127 : 126, stdout, stderr: stderr || spawnError.message, notFound });
          return;
        }
        resolve({ exitCode: code ?? (signal ? 128 : 1), stdout, stderr });
      });
    });
  },
};

/** The last `count` non-empty lines of a log: what an error message shows instead of the whole log. */
export function lastLines(text: string, count: number): string {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  return lines.slice(-count).join('\n');
}
