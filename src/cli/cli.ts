import * as fs from 'node:fs';
import * as path from 'node:path';
import { systemClock } from '../core/clock';
import { ConfigurationError, errorMessage } from '../core/errors';
import { InputReader } from '../core/inputs';
import { createCliClients, resolveCliRegion } from './aws-settings';
import type { CliAwsClients, CliIo, CommandContext, CommandResult, CommandSpec } from './command';
import { COMMANDS } from './commands';
import { collectInputErrors } from './input-problems';
import {
  GLOBAL_OPTIONS,
  UsageError,
  inputSourceFor,
  parseOptions,
  renderOptionsHelp,
  splitCommand,
  type OptionSpec,
  type ParsedOptions,
  type UsageProblem,
} from './options';
import { TranscriptRecorder } from '../transcript';
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

/** Every flag that takes a value, so `--region eu-west-1 status` reads "status" as the command. */
export const VALUE_FLAGS: ReadonlySet<string> = new Set(
  [...GLOBAL_OPTIONS, ...COMMANDS.flatMap((c) => c.options)]
    .filter((o) => o.type === 'string')
    .map((o) => o.flag),
);

/**
 * A command's arguments read and checked, with everything wrong found at once and before any AWS
 * call: the parser's findings and missing required flags (from the specs), flags that combine, then
 * every ConfigurationError the command's own reader raises (collected, not only the first).
 */
export function readCommandLine(
  command: CommandSpec,
  args: readonly string[],
  io: Pick<CliIo, 'env'>,
): { parsed: ParsedOptions; problems: UsageProblem[] } {
  const specs = [...command.options, ...GLOBAL_OPTIONS];
  const parsed = parseOptions(args, specs, command.arguments);
  const problems = [...parsed.problems, ...(command.combineFlags?.(parsed) ?? [])];
  if (command.readInputs) {
    const reported = new Set(problems.flatMap((p) => (p.input ? [p.input] : [])));
    const readInputs = command.readInputs.bind(command);
    const read = (reader: InputReader): unknown => readInputs(reader, io);
    for (const error of collectInputErrors(read, parsed.inputs, reported)) {
      problems.push({
        message: error.describe((input) => flagFor(input, specs)),
        ...(error.input ? { input: error.input } : {}),
      });
    }
  }
  return { parsed, problems };
}

/** Runs one invocation and returns its exit code; never calls process.exit (the demo and tests call it in-process). */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<ExitCode> {
  const { command: name, args } = splitCommand(argv, VALUE_FLAGS);
  const json = args.includes('--json');

  if (name === undefined) {
    // Only global options and --version: anything else is named, not silently answered with the usage.
    const { problems } = parseOptions(
      args.filter((a) => a !== '--version' && a !== '-v'),
      GLOBAL_OPTIONS,
    );
    if (problems.length) return usageError(io, json, new UsageError(problems));
  }
  if (name === undefined || name === 'help') {
    const topic = name === 'help' ? args.find((a) => !a.startsWith('-')) : undefined;
    const command = topic === undefined ? undefined : COMMANDS.find((c) => c.name === topic);
    if (topic !== undefined && !command) return usageError(io, json, unknownCommand(topic));
    if (name === undefined && (args.includes('--version') || args.includes('-v'))) {
      io.stdout.write(`strapi-deploy ${VERSION}\n`);
      return EXIT.ok;
    }
    if (name === undefined && !args.includes('--help') && !args.includes('-h')) {
      io.stderr.write(`${generalHelp()}\n`);
      return EXIT.usage;
    }
    io.stdout.write(`${command ? commandHelp(command) : generalHelp()}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) return usageError(io, json, unknownCommand(name));

  const specs = [...command.options, ...GLOBAL_OPTIONS];
  const { parsed, problems } = readCommandLine(command, args, io);
  if (parsed.flags.help === true) {
    io.stdout.write(`${commandHelp(command)}\n`);
    return EXIT.ok;
  }
  if (problems.length) return usageError(io, json, new UsageError(problems, command.name));

  // stdout carries the result only (the --json document, a rendered task definition, a table), so it
  // can be piped; everything said along the way, live progress included, goes to stderr.
  const reporter = new TerminalReporter(io.stderr, { verbose: parsed.flags.verbose === true });
  // The profile goes to the SDK, whose own shared-config loading resolves its credentials (keys, SSO,
  // credential_process, assumed roles) and region; nothing in this process's environment is changed.
  const profile =
    typeof parsed.flags.profile === 'string' ? parsed.flags.profile : io.env.AWS_PROFILE || undefined;
  let region: string | Error = new Error(`${command.name} does not declare usesAws; no region was resolved.`);
  if (command.usesAws) {
    try {
      region = await resolveCliRegion(parsed.inputs['aws-region'], io.env, profile);
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      // Reported when a step needs AWS: `render --task-definition file.json` runs without a region.
      region = error;
    }
  }
  const resolvedRegion = (): string => {
    if (region instanceof Error) throw region;
    return region;
  };
  let clients: CliAwsClients | undefined;
  // --record FILE: every AWS call of the run and its answer, as a transcript a test can replay.
  const recordFile = typeof parsed.flags.record === 'string' ? parsed.flags.record : undefined;
  let recorder: TranscriptRecorder | undefined;
  const openClients = (): CliAwsClients => {
    const made = createCliClients(resolvedRegion(), profile);
    if (!recordFile) return made;
    recorder = new TranscriptRecorder(
      io.clock ?? systemClock,
      resolvedRegion(),
      `strapi-deploy ${VERSION} ${command.name} --record`,
    );
    const recording = recorder;
    // The lazy clients are made once; attached once too, so no call is recorded twice.
    const ecr = made.ecr().then((client) => recording.attach(client));
    const rds = made.rds().then((client) => recording.attach(client));
    return {
      ecs: recording.attach(made.ecs),
      logs: recording.attach(made.logs),
      ecr: () => ecr,
      rds: () => rds,
    };
  };
  const ctx: CommandContext = {
    inputs: new InputReader(inputSourceFor(parsed)),
    parsed,
    reporter,
    clock: io.clock ?? systemClock,
    io,
    region: resolvedRegion,
    aws: () => (clients ??= openClients()),
  };

  // Ctrl-C while a deploy waits: stop the wait, record the state, print where the service is, exit 1.
  const controller = new AbortController();
  const cancel = (): void => controller.abort();
  if (io.handleSignals) {
    process.once('SIGINT', cancel);
    process.once('SIGTERM', cancel);
  }
  if (io.signal?.aborted) cancel();
  io.signal?.addEventListener('abort', cancel, { once: true });
  ctx.signal = controller.signal;
  let result: CommandResult | undefined;
  let thrown: unknown;
  try {
    result = await command.run(ctx);
  } catch (error) {
    thrown = error;
  } finally {
    if (recordFile && recorder)
      writeTranscript(
        io,
        reporter,
        recorder,
        recordFile,
        command.name,
        actionInputs(parsed.inputs, specs),
        result,
        thrown,
      );
    process.off('SIGINT', cancel);
    process.off('SIGTERM', cancel);
    io.signal?.removeEventListener('abort', cancel);
    if (clients) {
      clients.ecs.destroy();
      clients.logs.destroy();
    }
  }
  reporter.finish();
  if (!result) return failure(io, json, command, specs, thrown, parsed.flags.verbose === true);

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

/** The inputs that stand for an action's (what a replay runs again), without the CLI's own flags. */
function actionInputs(inputs: Record<string, string>, specs: readonly OptionSpec[]): Record<string, string> {
  return Object.fromEntries(Object.entries(inputs).filter(([name]) => specs.some((s) => s.input === name)));
}

/** The run's transcript, written whatever happened (a failed run is the one worth replaying). */
function writeTranscript(
  io: CliIo,
  reporter: TerminalReporter,
  recorder: TranscriptRecorder,
  file: string,
  command: string,
  inputs: Record<string, string>,
  result: CommandResult | undefined,
  thrown: unknown,
): void {
  const data = result?.data as { verdict?: unknown; reason?: unknown } | undefined;
  const verdict = typeof data?.verdict === 'string' ? data.verdict : thrown ? 'error' : 'ok';
  const reason = typeof data?.reason === 'string' ? data.reason : thrown ? errorMessage(thrown) : undefined;
  const transcript = recorder.transcript(
    // `deploy` is the deploy-service action from a terminal: one name for what a replay runs again.
    {
      run: { command: command === 'deploy' ? 'deploy-service' : command, inputs },
      result: { verdict, ...(reason ? { reason } : {}) },
    },
    [io.env.GITHUB_TOKEN ?? ''],
  );
  const target = path.resolve(io.cwd, file);
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, `${JSON.stringify(transcript, null, 2)}\n`);
    reporter.info(`Transcript of ${transcript.entries.length} AWS calls written to ${file}`);
  } catch (error) {
    reporter.warning(`Could not write the transcript to ${file}: ${errorMessage(error)}`);
  }
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
  } else if (error instanceof Error && error.name === 'CredentialsProviderError') {
    // The SDK found no usable credentials for the profile: nothing ran, the setup needs fixing.
    code = EXIT.usage;
    kind = 'credentials';
    message = `No AWS credentials (${error.message}). Check --profile / AWS_PROFILE (run \`aws sso login\` for an SSO profile) or the AWS_ variables.`;
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

/** Prints every problem, one per line, then where to read the options; under --json also one document. */
function usageError(io: CliIo, json: boolean, error: UsageError): ExitCode {
  const prefix = error.command ? `strapi-deploy ${error.command}` : 'strapi-deploy';
  for (const problem of error.problems) io.stderr.write(`${prefix}: ${problem.message}\n`);
  io.stderr.write(
    error.command
      ? `Run 'strapi-deploy ${error.command} --help' for the options.\n`
      : `Run 'strapi-deploy --help' for the commands.\n`,
  );
  if (json) {
    const problems = error.problems.map((p) => ({
      message: p.message,
      ...(p.input ? { input: p.input } : {}),
    }));
    io.stdout.write(
      `${JSON.stringify({ command: error.command ?? null, exitCode: EXIT.usage, error: { kind: 'usage', message: error.message, problems } }, null, 2)}\n`,
    );
  }
  return EXIT.usage;
}

function unknownCommand(name: string): UsageError {
  return new UsageError([
    { message: `Unknown command "${name}". Commands: ${COMMANDS.map((c) => c.name).join(', ')}.` },
  ]);
}

function generalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return [
    'strapi-deploy: deploy a Strapi app to Amazon ECS Fargate, watch the rollout, roll back.',
    'The same engine as the GitHub Actions, from a terminal.',
    '',
    'Usage: strapi-deploy [global options] <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'Global options:',
    renderOptionsHelp(GLOBAL_OPTIONS),
    '',
    'Global options go before or after the command. AWS credentials, region and endpoints come from the',
    "SDK's standard configuration: --profile / AWS_PROFILE (keys, SSO, credential_process, roles), --region /",
    'AWS_REGION, AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> (`strapi-deploy sim` prints them for the simulator).',
    '',
    'Exit codes: 0 success; 1 the deploy or rollback did not end healthy; 2 bad usage or configuration.',
    "Run 'strapi-deploy <command> --help' for a command's options.",
  ].join('\n');
}

function commandHelp(command: CommandSpec): string {
  return [
    `Usage: strapi-deploy ${command.name}${(command.arguments ?? []).map((a) => ` <${a.name}>`).join('')} [options]`,
    '',
    command.description,
    '',
    ...(command.arguments?.length
      ? [
          'Arguments:',
          ...command.arguments.map((a) => `  ${a.name}  ${a.description} (${a.choices.join(', ')})`),
          '',
        ]
      : []),
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
export function runCli(
  argv: readonly string[] = process.argv.slice(2),
  edges: Pick<CliIo, 'loadSimulator'> = {},
): void {
  main(argv, { ...processIo(), ...edges }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`strapi-deploy: ${errorMessage(error)}\n`);
      process.exitCode = EXIT.failed;
    },
  );
}
