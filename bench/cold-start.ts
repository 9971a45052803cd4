/**
 * Time from spawning a bundle as a runner would to its first AWS request. Every service's endpoint
 * (AWS_ENDPOINT_URL) points at a listener that only notes when the first request arrives, so each
 * bundle is measured the same way whichever service it calls first.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

export async function firstRequestMs(bundle: BundleUnderTest, region: string): Promise<number | undefined> {
  let firstAt: number | undefined;
  const listener = createServer((_req, res) => {
    firstAt ??= performance.now();
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
  const started = performance.now();
  const child = spawn(process.execPath, [bundle.path, ...(bundle.args ?? [])], { env, stdio: 'ignore' });
  try {
    for (;;) {
      if (firstAt !== undefined) return firstAt - started;
      if (child.exitCode !== null || performance.now() - started > 10_000) return undefined;
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
