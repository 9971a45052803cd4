/**
 * The simulator as a long-running server: start it, optionally seed a steady service, print the
 * `export AWS_...=...` lines that point AWS tools at it, serve until the signal aborts.
 * `npm run sim` (sim/cli.ts) and `strapi-deploy sim` (through its own bundle, dist/sim/index.js) both run this.
 */
import type { SimulatorServeOptions } from '../src/cli/command';
import { ALL_REALISM, startSimulator, type RealismOptions } from './index';

/** The options the CLI's `sim` command parses (declared once, with the command's flags). */
export type ServeOptions = SimulatorServeOptions;

export interface ServeIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  signal: AbortSignal;
}

export function realismFlag(value: string | undefined): RealismOptions {
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

export async function serveSimulator(options: ServeOptions, io: ServeIo): Promise<void> {
  const sim = await startSimulator({
    port: options.port,
    time: { accelerated: options.speed },
    startTime: Date.now(),
    timing: options.timing,
    realism: realismFlag(options.realism),
  });
  try {
    if (options.seed) {
      const image = options.image ?? `${new URL(sim.url).host}/strapi:seed`;
      const seeded = await sim.seedService({
        cluster: 'strapi',
        service: 'strapi',
        image,
        circuitBreaker: { enable: true, rollback: true },
      });
      io.stderr.write(`seeded cluster "strapi", service "strapi" on ${seeded.taskDefinitionArn}\n`);
    }
    for (const [key, value] of Object.entries(sim.env())) io.stdout.write(`export ${key}=${value}\n`);
    io.stderr.write(
      `rollout simulator on ${sim.url}, time x${options.speed}, ${options.timing} timing; Ctrl-C to stop\n`,
    );
    if (!io.signal.aborted) {
      await new Promise<void>((resolve) =>
        io.signal.addEventListener('abort', () => resolve(), { once: true }),
      );
    }
  } finally {
    await sim.close();
  }
}
