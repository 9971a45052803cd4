/**
 * A standalone rollout simulator for the demo and for poking at it by hand:
 *
 *   npm run sim -- --port 4599 --seed --speed 20 [--timing realistic] [--realism all|name,name]
 *
 * prints `export AWS_...=...` lines to eval in another shell, then runs until killed.
 * Time is accelerated (default 10x) so a rolling deploy takes seconds of real time.
 * `--realism` switches on real-ECS behaviours (sim/realism.ts): `all`, or a comma list of
 * listTasksFilterRules, describeServicesLagMs, failedTasksReset, rollbackLikeEcs.
 */
import { ALL_REALISM, startSimulator, type RealismOptions } from './index';

function realismFlag(value: string | undefined): RealismOptions {
  if (value === undefined) return {};
  if (value === 'all') return { ...ALL_REALISM };
  const options: RealismOptions = {};
  for (const name of value.split(',').map((n) => n.trim())) {
    if (!(name in ALL_REALISM))
      throw new Error(
        `--realism: unknown behaviour "${name}" (${Object.keys(ALL_REALISM).join(', ')}, or all)`,
      );
    Object.assign(options, { [name]: ALL_REALISM[name as keyof RealismOptions] });
  }
  return options;
}

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
  const sim = await startSimulator({
    port,
    time: { accelerated: speed },
    startTime: Date.now(),
    timing,
    realism: realismFlag(flag('realism')),
  });
  if (process.argv.includes('--seed')) {
    const image = flag('image') ?? `${new URL(sim.url).host}/strapi:seed`;
    const seeded = await sim.seedService({
      cluster: 'strapi',
      service: 'strapi',
      image,
      circuitBreaker: { enable: true, rollback: true },
    });
    process.stderr.write(`seeded cluster "strapi", service "strapi" on ${seeded.taskDefinitionArn}\n`);
  }
  for (const [key, value] of Object.entries(sim.env())) process.stdout.write(`export ${key}=${value}\n`);
  process.stderr.write(`rollout simulator on ${sim.url}, time x${speed}, ${timing} timing; Ctrl-C to stop\n`);
  const stop = (): void => {
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
