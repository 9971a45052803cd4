import type { InputReader, IntegerInputs } from '../../core/inputs';
import { ConfigurationError } from '../../core/errors';
import type { CommandSpec, SimulatorServeOptions } from '../command';

/** sim's whole-number flags by name. */
export const SIM_INTEGER_FLAGS = {
  port: { fallback: 4599, min: 0, max: 65535 },
  speed: { fallback: 10, min: 1, max: 1000 },
} as const satisfies IntegerInputs;
const { port: PORT, speed: SPEED } = SIM_INTEGER_FLAGS;

/** The simulator's real-ECS behaviours (sim/realism.ts ALL_REALISM; a test holds the two lists together). */
export const SIM_REALISM_BEHAVIOURS = [
  'listTasksFilterRules',
  'describeServicesLagMs',
  'failedTasksReset',
  'rollbackLikeEcs',
] as const;

function readSimFlags(inputs: InputReader): SimulatorServeOptions {
  const realism = inputs.optional('realism');
  const unknown = (realism ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n && n !== 'all' && !(SIM_REALISM_BEHAVIOURS as readonly string[]).includes(n));
  if (unknown.length) {
    throw new ConfigurationError(
      `: unknown behaviour ${unknown.map((n) => `"${n}"`).join(', ')} (all, or any of ${SIM_REALISM_BEHAVIOURS.join(', ')}).`,
      'realism',
    );
  }
  const seed = inputs.boolean('seed', false);
  const image = inputs.optional('image');
  if (image && !seed)
    throw new ConfigurationError(" is the seeded service's image: give --seed too.", 'image');
  return {
    port: inputs.integer('port', PORT),
    speed: inputs.integer('speed', SPEED),
    timing: inputs.choice('timing', ['fast', 'realistic'] as const, 'fast'),
    realism,
    seed,
    image,
  };
}

export const simCommand: CommandSpec = {
  name: 'sim',
  summary: 'run the rollout simulator (ECS, ECR, CloudWatch Logs) locally; print the AWS_ variables for it',
  description:
    'Starts the rollout simulator this project tests against: ECS, ECR and CloudWatch Logs over HTTP on\n' +
    'localhost, with accelerated time, so the CLI or a workflow run locally (act) can be tried without an AWS\n' +
    'account. Prints `export AWS_...` lines on stdout: eval them in another shell (eval "$(strapi-deploy sim\n' +
    '--seed)" in the background) and run strapi-deploy there. Runs until Ctrl-C.',
  examples: [
    'strapi-deploy sim --seed',
    'strapi-deploy sim --port 4599 --seed --speed 20 --timing realistic --realism all',
  ],
  options: [
    {
      flag: 'port',
      type: 'string',
      value: 'N',
      description: `TCP port on 127.0.0.1, ${PORT.min}-${PORT.max}; 0 = any free port (default ${PORT.fallback})`,
    },
    {
      flag: 'speed',
      type: 'string',
      value: 'N',
      description: `how many times faster than real time the simulated clock runs, ${SPEED.min}-${SPEED.max} (default ${SPEED.fallback})`,
    },
    {
      flag: 'timing',
      type: 'string',
      value: 'NAME',
      choices: ['fast', 'realistic'],
      description: 'how long tasks take to start and pass health checks (default fast)',
    },
    {
      flag: 'realism',
      type: 'string',
      value: 'LIST',
      description: `real-ECS behaviours to switch on: all, or a comma list of ${SIM_REALISM_BEHAVIOURS.join(', ')}`,
    },
    {
      flag: 'seed',
      type: 'boolean',
      description: 'create cluster "strapi" with a steady service "strapi" to deploy to',
    },
    {
      flag: 'image',
      type: 'string',
      value: 'URI',
      description:
        "with --seed: the image the seeded service runs (default: <simulator's registry>/strapi:seed)",
    },
  ],
  readInputs: readSimFlags,
  async run(ctx) {
    const options = readSimFlags(ctx.inputs);
    if (!ctx.io.loadSimulator) throw new Error('This build of strapi-deploy has no simulator.');
    const simulator = await ctx.io.loadSimulator();
    // Serves until Ctrl-C (main turns it into ctx.signal); without one, until the process is killed.
    const signal = ctx.signal ?? new AbortController().signal;
    await simulator.serveSimulator(options, { stdout: ctx.io.stdout, stderr: ctx.io.stderr, signal });
    return { exitCode: 0, data: { stopped: true } };
  },
};
