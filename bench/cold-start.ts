/**
 * Time from spawning a bundle as a runner would to its first AWS request. Every service's endpoint
 * (AWS_ENDPOINT_URL) points at a listener that only notes when the first request arrives, so each
 * bundle is measured the same way whichever service it calls first. The child's CPU time at that moment
 * is read too: on a shared machine it moves less than the wall clock with what else runs.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BundleUnderTest {
  label: string;
  path: string;
  args?: string[];
  /** Inputs as the runner passes them (INPUT_<NAME>). */
  inputs: Record<string, string>;
  /** Files written into the workspace before the start (e.g. the anchor's task definition file). */
  files?: Record<string, string>;
}

export interface FirstRequest {
  /** Wall clock from spawn to the first request's arrival. */
  wallMs: number;
  /** The child's user + system CPU time when its first request arrived (Linux /proc only). */
  cpuMs?: number;
}

let ticksPerSecond: number | undefined;
/** user + system CPU of a live process, from fields 14 and 15 of /proc/<pid>/stat (in clock ticks). */
function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return undefined;
  }
}

export async function firstRequest(
  bundle: BundleUnderTest,
  region: string,
): Promise<FirstRequest | undefined> {
  let first: FirstRequest | undefined;
  // Set when the child is spawned, after the listener that reads them is up.
  const run: { started: number; pid?: number | undefined } = { started: 0 };
  const listener = createServer((_req, res) => {
    // The child waits for this answer, so it is still alive to be read.
    if (!first) {
      const wallMs = performance.now() - run.started;
      const cpuMs = processCpuMs(run.pid);
      first = cpuMs === undefined ? { wallMs } : { wallMs, cpuMs };
    }
    res.writeHead(500, { 'content-type': 'application/json' }).end('{"__type":"ServiceUnavailable"}');
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const { port } = listener.address() as AddressInfo;
  const workspace = mkdtempSync(join(tmpdir(), 'bench-runner-'));
  for (const f of ['output', 'state', 'summary', 'env', 'path']) writeFileSync(join(workspace, f), '');
  for (const [name, text] of Object.entries(bundle.files ?? {})) writeFileSync(join(workspace, name), text);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
    AWS_REGION: region,
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    GITHUB_OUTPUT: join(workspace, 'output'),
    GITHUB_STATE: join(workspace, 'state'),
    GITHUB_STEP_SUMMARY: join(workspace, 'summary'),
    GITHUB_ENV: join(workspace, 'env'),
    GITHUB_PATH: join(workspace, 'path'),
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: workspace,
    GITHUB_SHA: '0000000000000000000000000000000000000001',
    GITHUB_RUN_ID: '1',
    ...Object.fromEntries(
      Object.entries(bundle.inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v]),
    ),
  };
  run.started = performance.now();
  const child = spawn(process.execPath, [bundle.path, ...(bundle.args ?? [])], { env, stdio: 'ignore' });
  run.pid = child.pid;
  try {
    for (;;) {
      if (first) return first;
      if (child.exitCode !== null || performance.now() - run.started > 10_000) return undefined;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
    await new Promise((resolve) => listener.close(resolve));
    rmSync(workspace, { recursive: true, force: true });
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}
