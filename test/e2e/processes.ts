import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';

/**
 * Runs a command (argv, no shell) with its output appended to `logFile`; resolves with the exit code 0,
 * rejects with the last lines of the log otherwise, so a failed `npm ci` or `docker build` explains itself.
 */
export async function runLogged(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; logFile: string; timeoutMs: number },
): Promise<void> {
  const log = createWriteStream(options.logFile, { flags: 'a' });
  log.write(`\n$ ${command} ${args.join(' ')}\n`);
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  }).finally(() => clearTimeout(timer));
  await new Promise<void>((resolve) => log.end(resolve));
  if (code !== 0) {
    const tail = (await readFile(options.logFile, 'utf8')).split('\n').slice(-40).join('\n');
    throw new Error(
      `${command} ${args.join(' ')} exited with ${code ?? 'a signal'} (log: ${options.logFile}):\n${tail}`,
    );
  }
}

/** Polls `url` until it answers `status`, or throws after `timeoutMs` (with `whyNot()` when given). */
export async function waitForStatus(
  url: string,
  status: number,
  timeoutMs: number,
  whyNot: () => string | undefined = () => undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    const reason = whyNot();
    if (reason) throw new Error(`${url}: ${reason}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (response.status === status) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms (last: ${last})`);
}

export interface StrapiProcess {
  baseUrl: string;
  /** The last lines Strapi printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts `strapi start` in `appDir` and resolves once `/_health` answers 204. */
export async function startStrapi(
  appDir: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = 180_000,
): Promise<StrapiProcess> {
  const port = Number(env.PORT);
  const baseUrl = `http://127.0.0.1:${port}`;
  const lines: string[] = [];
  const child: ChildProcess = spawn(
    process.execPath,
    ['node_modules/@strapi/strapi/bin/strapi.js', 'start'],
    {
      cwd: appDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  const keep = (data: Buffer) => {
    lines.push(...data.toString('utf8').split('\n'));
    lines.splice(0, Math.max(0, lines.length - 200));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: string | undefined;
  const closed = new Promise<void>((resolve) =>
    child.once('close', (code, signal) => {
      exited = `strapi exited (${code ?? signal})`;
      resolve();
    }),
  );
  const output = () => lines.join('\n');
  const stop = async () => {
    if (exited) return;
    try {
      process.kill(-(child.pid as number), 'SIGTERM');
    } catch {
      return;
    }
    const killer = setTimeout(() => {
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // already gone
      }
    }, 20_000);
    await closed;
    clearTimeout(killer);
  };
  try {
    await waitForStatus(`${baseUrl}/_health`, 204, timeoutMs, () =>
      exited ? `${exited}\n${output()}` : undefined,
    );
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- strapi output ---\n${output()}`);
  }
  return { baseUrl, output, stop };
}
