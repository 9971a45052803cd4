import type { ECSClient } from '@aws-sdk/client-ecs';
import type { LogsClient } from '../deploy/types';
import type { LazyAwsClients } from '../aws/client-factory';

/** The clients the CLI's commands use; only these are bundled (see createAwsClient). */
export interface CliAwsClients extends LazyAwsClients {
  ecs: ECSClient;
  logs: LogsClient;
}
import type { Clock } from '../core/clock';
import type { InputReader } from '../core/inputs';
import type { Reporter } from '../core/reporter';
import type { ArgumentSpec, OptionSpec, ParsedOptions, UsageProblem } from './options';
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
  /** Aborting it cancels the run as Ctrl-C does (tests stop a long-running `sim` this way). */
  signal?: AbortSignal | undefined;
  /**
   * Loads the rollout simulator for `strapi-deploy sim`. The process entry loads its own bundle
   * (dist/sim/index.js) at run time; tests hand in the sources. src/ never imports sim/.
   */
  loadSimulator?: (() => Promise<SimulatorModule>) | undefined;
}

/** What `strapi-deploy sim` needs of the simulator package (sim/serve.ts provides it). */
export interface SimulatorModule {
  serveSimulator(options: SimulatorServeOptions, io: SimulatorServeIo): Promise<void>;
}

export interface SimulatorServeOptions {
  port: number;
  speed: number;
  timing: 'fast' | 'realistic';
  /** `all`, or a comma list of real-ECS behaviours (sim/realism.ts). */
  realism?: string | undefined;
  /** Seed cluster "strapi" with service "strapi" running this image (or the simulator's own default). */
  seed: boolean;
  image?: string | undefined;
}

export interface SimulatorServeIo {
  stdout: OutputStream;
  stderr: OutputStream;
  /** Serving ends when this aborts. */
  signal: AbortSignal;
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
  /** Words after the command (`completion bash`); most commands take options only. */
  arguments?: ArgumentSpec[];
  /** Whether the command talks to AWS (the region and credentials are resolved only for those). */
  usesAws?: boolean;
  /**
   * Flags that combine into one input before the reader sees them (rollback's --to FAMILY --revision N
   * -> to=FAMILY:N); returns what is wrong with the combination.
   */
  combineFlags?(parsed: ParsedOptions): UsageProblem[];
  /**
   * The command's input reading, with no side effects: main runs it once with a collecting reader
   * before anything else, so every invalid flag is reported in one go; run() calls it again.
   */
  readInputs?(inputs: InputReader, io: Pick<CliIo, 'env'>): unknown;
  run(ctx: CommandContext): Promise<CommandResult>;
}

/** Options most commands share. */
export const CLUSTER: OptionSpec = {
  flag: 'cluster',
  input: 'cluster',
  type: 'string',
  value: 'NAME',
  required: true,
  description: 'ECS cluster name or ARN',
};
export const SERVICE: OptionSpec = {
  flag: 'service',
  input: 'service',
  type: 'string',
  value: 'NAME',
  required: true,
  description: 'ECS service name or ARN',
};
export const SUMMARY_FILE: OptionSpec = {
  flag: 'summary-file',
  type: 'string',
  value: 'PATH',
  description: 'write the Markdown job summary (the one the action writes) to PATH',
};
