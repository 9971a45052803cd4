import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './free-port';

/**
 * One moto_server per suite on a free 127.0.0.1 port: started, waited for until it answers,
 * stopped by its own process (never by name). Real SDK clients reach it through the standard
 * AWS_ENDPOINT_URL_<SERVICE> variables that `env()` returns.
 */
export interface MotoServer {
  endpoint: string;
  port: number;
  /** AWS_ENDPOINT_URL_* for every service the product uses, plus fake credentials and a region. */
  env(region?: string): Record<string, string>;
  /** Forget all state (moto's reset API), for suites that want a clean account per test. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export const MOTO_SERVICES = [
  'ECS',
  'ECR',
  'CLOUDWATCH_LOGS',
  'CLOUDFORMATION',
  'EC2',
  'STS',
  'IAM',
] as const;

export async function startMoto(options: { timeoutMs?: number } = {}): Promise<MotoServer> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const stop = (): Promise<void> =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto_server exited (${child.exitCode}): ${stderr}`);
    try {
      const response = await fetch(`${endpoint}/moto-api/data.json`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`moto_server did not answer on ${endpoint} within ${timeoutMs} ms: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return {
    endpoint,
    port,
    env: (region = 'ap-south-1') => ({
      ...Object.fromEntries(MOTO_SERVICES.map((s) => [`AWS_ENDPOINT_URL_${s}`, endpoint])),
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
    }),
    reset: async () => {
      const response = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      if (!response.ok) throw new Error(`moto reset failed: HTTP ${response.status}`);
    },
    stop,
  };
}
