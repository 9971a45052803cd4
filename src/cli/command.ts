import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { ECSClient } from '@aws-sdk/client-ecs';

/** The clients the CLI's commands use; only these are bundled (see createAwsClient). */
export interface CliAwsClients {
  ecs: ECSClient;
  logs: CloudWatchLogsClient;
}
import type { Clock } from '../core/clock';
import type { InputReader } from '../core/inputs';
import type { Reporter } from '../core/reporter';
import type { OptionSpec, ParsedOptions } from './options';
import type { OutputStream } from './terminal-reporter';

/** Where the CLI reads and writes; process streams in `bin/`, buffers in tests, the demo's own streams. */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  env: NodeJS.ProcessEnv;
  /** Base for relative paths (--summary-file, --task-definition). */
  cwd: string;
  /**
   * Time for the waits. Real time by default; the demo and the tests hand in the rollout
   * simulator's virtual clock so a 3-minute rollout takes a few seconds.
   */
  clock?: Clock | undefined;
  /** Turn SIGINT/SIGTERM into a cancelled run (the process entry does; tests and the demo do not). */
  handleSignals?: boolean | undefined;
}

/** What a command's run function gets: flags already parsed, and the edges behind interfaces. */
export interface CommandContext {
  inputs: InputReader;
  parsed: ParsedOptions;
  reporter: Reporter;
  clock: Clock;
  io: CliIo;
  /** Aborted on Ctrl-C / SIGTERM: a deploy stops waiting, records its state and says where the service is. */
  signal?: AbortSignal;
  /** The AWS clients for --region/--profile, created on first use (render from a file needs none). */
  aws(): CliAwsClients;
  region(): string;
}

export interface CommandResult {
  /** 0 success, 1 the deploy/rollback ran and did not end healthy. */
  exitCode: 0 | 1;
  /** The --json document's `result`. */
  data: unknown;
  /** What a person reads on stdout at the end (not printed under --json). */
  text?: string;
  /** The Markdown job summary the action would write; --summary-file writes it. */
  summary?: string;
}

export interface CommandSpec {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Paragraphs for `<command> --help`. */
  description: string;
  examples: string[];
  options: OptionSpec[];
  run(ctx: CommandContext): Promise<CommandResult>;
}

/** Options most commands share. */
export const CLUSTER: OptionSpec = {
  flag: 'cluster',
  input: 'cluster',
  type: 'string',
  value: 'NAME',
  description: 'ECS cluster name or ARN',
};
export const SERVICE: OptionSpec = {
  flag: 'service',
  input: 'service',
  type: 'string',
  value: 'NAME',
  description: 'ECS service name or ARN',
};
export const SUMMARY_FILE: OptionSpec = {
  flag: 'summary-file',
  type: 'string',
  value: 'PATH',
  description: 'write the Markdown job summary (the one the action writes) to PATH',
};
