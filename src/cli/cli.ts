import * as fs from 'node:fs';
import * as path from 'node:path';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ECSClient } from '@aws-sdk/client-ecs';
import { createAwsClient, resolveRegion } from '../aws/client-factory';
import { systemClock } from '../core/clock';
import { ConfigurationError, errorMessage } from '../core/errors';
import { InputReader } from '../core/inputs';
import type { CliAwsClients, CliIo, CommandContext, CommandResult, CommandSpec } from './command';
import { COMMANDS } from './commands';
import {
  GLOBAL_OPTIONS,
  UsageError,
  inputSourceFor,
  parseOptions,
  renderOptionsHelp,
  type OptionSpec,
} from './options';
import { TerminalReporter } from './terminal-reporter';

/**
 * Exit codes, the contract scripts rely on:
 * 0 the command did what was asked (a deploy/rollback ended healthy);
 * 1 a deploy or rollback ran and did not end healthy (failed, rolled back, timed out), or AWS
 *   answered with an error the tool does not recognise;
 * 2 the command could not start: bad usage (unknown command/option, missing value) or a
 *   configuration error (an invalid input, a cluster/service/revision that does not exist).
 */
const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

const VERSION = '1.0.0';

/** Runs one invocation and returns its exit code; never calls process.exit (the demo and tests call it in-process). */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<ExitCode> {
  const json = argv.includes('--json');
  const [first, ...rest] = argv;

  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' ? rest[0] : undefined;
    const command = topic === undefined ? undefined : COMMANDS.find((c) => c.name === topic);
    if (topic !== undefined && !command) return usageError(io, json, new UsageError(unknownCommand(topic)));
    if (first === undefined) {
      io.stderr.write(`${generalHelp()}\n`);
      return EXIT.usage;
    }
    io.stdout.write(`${command ? commandHelp(command) : generalHelp()}\n`);
    return EXIT.ok;
  }
  if (first === '--version' || first === '-v') {
    io.stdout.write(`strapi-deploy ${VERSION}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === first);
  if (!command) return usageError(io, json, new UsageError(unknownCommand(first)));

  const specs = [...command.options, ...GLOBAL_OPTIONS];
  let parsed;
  try {
    parsed = parseOptions(command.name, rest, specs);
  } catch (error) {
    return usageError(io, json, error as UsageError);
  }
  if (parsed.flags.help === true) {
    io.stdout.write(`${commandHelp(command)}\n`);
    return EXIT.ok;
  }

  // stdout carries the result only (the --json document, a rendered task definition, a table), so it
  // can be piped; everything said along the way, live progress included, goes to stderr.
  const reporter = new TerminalReporter(io.stderr, { verbose: parsed.flags.verbose === true });
  const profile = parsed.flags.profile;
  const env = typeof profile === 'string' ? { ...io.env, AWS_PROFILE: profile } : io.env;
  if (typeof profile === 'string') {
    // The SDK's default credential chain reads the profile from the process environment.
    process.env.AWS_PROFILE = profile;
  }
  let clients: CliAwsClients | undefined;
  const region = (): string => resolveCliRegion(parsed.inputs['aws-region'], env);
  const ctx: CommandContext = {
    inputs: new InputReader(inputSourceFor(parsed)),
    parsed,
    reporter,
    clock: io.clock ?? systemClock,
    io,
    region,
    aws: () =>
      (clients ??= {
        ecs: createAwsClient(ECSClient, { region: region() }),
        logs: createAwsClient(CloudWatchLogsClient, { region: region() }),
      }),
  };

  // Ctrl-C while a deploy waits: stop the wait, record the state, print where the service is, exit 1.
  const controller = new AbortController();
  const cancel = (): void => controller.abort();
  if (io.handleSignals) {
    process.once('SIGINT', cancel);
    process.once('SIGTERM', cancel);
  }
  ctx.signal = controller.signal;
  let result: CommandResult;
  try {
    result = await command.run(ctx);
  } catch (error) {
    reporter.finish();
    return failure(io, json, command, specs, error, parsed.flags.verbose === true);
  } finally {
    process.off('SIGINT', cancel);
    process.off('SIGTERM', cancel);
  }
  reporter.finish();

  const summaryFile = parsed.flags['summary-file'];
  if (typeof summaryFile === 'string' && result.summary !== undefined) {
    const target = path.resolve(io.cwd, summaryFile);
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, result.summary);
      reporter.info(`Job summary written to ${summaryFile}`);
    } catch (error) {
      // As in the action: a summary that cannot be written is a warning, never a changed verdict.
      reporter.warning(`Could not write the job summary to ${summaryFile}: ${errorMessage(error)}`);
    }
  }
  if (json) {
    io.stdout.write(
      `${JSON.stringify({ command: command.name, exitCode: result.exitCode, result: result.data }, null, 2)}\n`,
    );
  } else if (result.text) {
    io.stdout.write(`${result.text}\n`);
  }
  return result.exitCode;
}

/**
 * The region for the clients: --region, else AWS_REGION / AWS_DEFAULT_REGION, else the `region` of
 * the active profile in the shared config file (what the AWS CLI does), else a configuration error.
 */
export function resolveCliRegion(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  if (flag || env.AWS_REGION || env.AWS_DEFAULT_REGION) return resolveRegion(flag, env);
  return resolveRegion(undefined, { ...env, ...regionFromSharedConfig(env) });
}

/** The `region` of the active profile in ~/.aws/config (or AWS_CONFIG_FILE), when set there. */
function regionFromSharedConfig(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const file = env.AWS_CONFIG_FILE ?? path.join(env.HOME ?? '', '.aws', 'config');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  const profile = env.AWS_PROFILE || 'default';
  const header = profile === 'default' ? 'default' : `profile ${profile}`;
  let inSection = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      inSection = section[1]?.trim() === header;
      continue;
    }
    const setting = /^region\s*=\s*(\S+)/.exec(line);
    if (inSection && setting) return { AWS_REGION: setting[1] };
  }
  return {};
}

function failure(
  io: CliIo,
  json: boolean,
  command: CommandSpec,
  specs: CommandSpec['options'],
  error: unknown,
  verbose: boolean,
): ExitCode {
  let code: ExitCode;
  let message: string;
  let kind: string;
  if (error instanceof ConfigurationError) {
    code = EXIT.usage;
    kind = 'configuration';
    message = error.describe((input) => flagFor(input, specs));
  } else {
    code = EXIT.failed;
    kind = 'unexpected';
    message = errorMessage(error);
    if (verbose && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  }
  io.stderr.write(`strapi-deploy ${command.name}: ${message}\n`);
  if (code === EXIT.usage) io.stderr.write(`Run 'strapi-deploy ${command.name} --help' for the options.\n`);
  if (json) {
    const input = error instanceof ConfigurationError ? error.input : undefined;
    io.stdout.write(
      `${JSON.stringify({ command: command.name, exitCode: code, error: { kind, message, ...(input ? { input } : {}) } }, null, 2)}\n`,
    );
  }
  return code;
}

/** "Option --cluster": the flag that feeds an input, as the user typed it. */
function flagFor(input: string, specs: readonly OptionSpec[]): string | undefined {
  const spec = specs.find((s) => (s.input ?? s.flag) === input);
  return spec ? `Option --${spec.flag}` : undefined;
}

function usageError(io: CliIo, json: boolean, error: UsageError): ExitCode {
  io.stderr.write(`strapi-deploy: ${error.message}\n`);
  io.stderr.write(
    error.command
      ? `Run 'strapi-deploy ${error.command} --help' for the options.\n`
      : `Run 'strapi-deploy --help' for the commands.\n`,
  );
  if (json) {
    io.stdout.write(
      `${JSON.stringify({ command: error.command ?? null, exitCode: EXIT.usage, error: { kind: 'usage', message: error.message } }, null, 2)}\n`,
    );
  }
  return EXIT.usage;
}

function unknownCommand(name: string): string {
  return `Unknown command "${name}". Commands: ${COMMANDS.map((c) => c.name).join(', ')}.`;
}

function generalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return [
    'strapi-deploy: deploy a Strapi app to Amazon ECS Fargate, watch the rollout, roll back.',
    'The same engine as the GitHub Actions, from a terminal.',
    '',
    'Usage: strapi-deploy <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'Global options:',
    renderOptionsHelp(GLOBAL_OPTIONS),
    '',
    'AWS credentials, region and endpoints come from the standard configuration: --profile / AWS_PROFILE,',
    'AWS_REGION, AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE>.',
    '',
    'Exit codes: 0 success; 1 the deploy or rollback did not end healthy; 2 bad usage or configuration.',
    "Run 'strapi-deploy <command> --help' for a command's options.",
  ].join('\n');
}

function commandHelp(command: CommandSpec): string {
  return [
    `Usage: strapi-deploy ${command.name} [options]`,
    '',
    command.description,
    '',
    'Options:',
    renderOptionsHelp(command.options),
    '',
    'Global options:',
    renderOptionsHelp(GLOBAL_OPTIONS),
    '',
    'Examples:',
    ...command.examples.map((e) => `  ${e}`),
  ].join('\n');
}

function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    handleSignals: true,
  };
}

/** The process entry (src/cli/main.ts): real streams, real time, exit code on the process. */
export function runCli(argv: readonly string[] = process.argv.slice(2)): void {
  main(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`strapi-deploy: ${errorMessage(error)}\n`);
      process.exitCode = EXIT.failed;
    },
  );
}
