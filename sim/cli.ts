/**
 * A standalone rollout simulator for the demo and for poking at it by hand:
 *
 *   npm run sim -- --port 4599 --seed --speed 20 [--timing realistic] [--realism all|name,name]
 *
 * prints `export AWS_...=...` lines to eval in another shell, then runs until killed.
 * Time is accelerated (default 10x) so a rolling deploy takes seconds of real time.
 * `--realism` switches on real-ECS behaviours (sim/realism.ts): `all`, or a comma list of
 * listTasksFilterRules, describeServicesLagMs, failedTasksReset, rollbackLikeEcs.
 * The published package runs the same server as `strapi-deploy sim` (sim/serve.ts).
 */
import { serveSimulator } from './serve';

function flag(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  const port = Number(flag('port') ?? 0);
  const speed = Number(flag('speed') ?? 10);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a TCP port, got ${flag('port')}`);
  if (!(speed > 0)) throw new Error(`--speed must be a positive factor, got ${flag('speed')}`);
  const timing = flag('timing') ?? 'fast';
  if (timing !== 'fast' && timing !== 'realistic')
    throw new Error(`--timing must be fast or realistic, got ${timing}`);
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());
  await serveSimulator(
    {
      port,
      speed,
      timing,
      realism: flag('realism'),
      seed: process.argv.includes('--seed'),
      image: flag('image'),
    },
    { stdout: process.stdout, stderr: process.stderr, signal: stop.signal },
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
