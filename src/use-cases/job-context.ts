import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ECSClient } from '@aws-sdk/client-ecs';
import type { ECRClient } from '@aws-sdk/client-ecr';
import type { RDSClient } from '@aws-sdk/client-rds';
import { createAwsClient, lazyAwsClients, resolveRegion, type AwsClientConfig } from '../aws/client-factory';
import type { Clock } from '../core/clock';
import type { Reporter } from '../core/reporter';
import type { LogsClient } from '../deploy/types';
import {
  createGitHubClient,
  createReleaseRecorder,
  type GitHubDeploymentsTarget,
  type ReleaseRecorder,
} from '../release-history';

/**
 * Where a job's release history lives in GitHub. The action fills it from the runner's environment
 * and its inputs; the CLI from GITHUB_TOKEN, --github-repo and --git-sha. Without a token and a
 * repository there is no GitHub history, and the ECS revision tags still keep one.
 */
export interface GitHubSettings {
  token?: string;
  repository?: { owner: string; repo: string };
  /** The GitHub environment (`production`): whose deployments are read and written. */
  environment: string;
  /** The ref a deployment is for when the release names none. */
  ref?: string;
  runUrl?: string;
  /** Where the app answers, recorded on successful deployments. */
  environmentUrl?: string;
  /** For GITHUB_API_URL (GHES, the tests' fake server). */
  env?: NodeJS.ProcessEnv;
}

/** What every use case is handed by its shell: time, words, cancellation, and where AWS and GitHub are. */
export interface JobEnvironment {
  clock: Clock;
  reporter: Reporter;
  /** Aborted on SIGINT/SIGTERM (a cancelled workflow run, Ctrl-C). */
  signal?: AbortSignal;
  github?: GitHubSettings;
  /** The clients for a region; default the one AWS client factory. Tests may hand in others. */
  awsClients?: (region: string) => EcsClients;
}

export interface EcsClients {
  ecs: ECSClient;
  logs: LogsClient;
  /**
   * Clients only some deploys need, made (and their SDK module loaded) on first use, so a deploy that reads
   * no image label or takes no snapshot never pays for them. Absent: the one AWS client factory's.
   */
  ecr?: () => Promise<ECRClient>;
  rds?: () => Promise<RDSClient>;
}

/**
 * A CloudWatch Logs client whose SDK module is loaded on its first call. Logs are read only to explain
 * a failed task, so a rollout that goes well never loads the logs client, and no job pays for it before
 * its first AWS request (the bundler puts the module in a chunk of its own). `prepare` sees the client
 * once it is made: the CLI's --record attaches its recorder there.
 */
export function lazyLogsClient(
  config: AwsClientConfig,
  prepare: (client: CloudWatchLogsClient) => CloudWatchLogsClient = (client) => client,
): LogsClient {
  let made: CloudWatchLogsClient | undefined;
  let loading: Promise<CloudWatchLogsClient> | undefined;
  const client = (): Promise<CloudWatchLogsClient> =>
    (loading ??= import('@aws-sdk/client-cloudwatch-logs').then(
      ({ CloudWatchLogsClient }) => (made = prepare(createAwsClient(CloudWatchLogsClient, config))),
    ));
  return {
    // The SDK's `send` overloads do not survive a wrapper; the command types still check at the call site.
    send: ((command: Parameters<CloudWatchLogsClient['send']>[0]) =>
      client().then((c) => c.send(command))) as CloudWatchLogsClient['send'],
    destroy: () => made?.destroy(),
  };
}

/** Raised when a job's environment has no client for a service: the step that wanted it does without. */
export class ClientUnavailableError extends Error {
  override readonly name = 'ClientUnavailableError';
}

const unavailableClients: Required<Pick<EcsClients, 'ecr' | 'rds'>> = {
  ecr: () => Promise.reject(new ClientUnavailableError('no ECR client in this environment')),
  rds: () => Promise.reject(new ClientUnavailableError('no RDS client in this environment')),
};

export function defaultEcsClients(region: string): EcsClients {
  return {
    ecs: createAwsClient(ECSClient, { region }),
    logs: lazyLogsClient({ region }),
    ...lazyAwsClients({ region }),
  };
}

/** The clients, the GitHub history (read side) and the recorder (record side) one job uses. */
export interface JobContext extends Required<EcsClients> {
  region: string;
  clock: Clock;
  reporter: Reporter;
  signal?: AbortSignal;
  github?: GitHubDeploymentsTarget;
  recorder: ReleaseRecorder;
}

export async function openJobContext(
  env: JobEnvironment,
  regionInput: string | undefined,
): Promise<JobContext> {
  const region = resolveRegion(regionInput);
  const clients = (env.awsClients ?? defaultEcsClients)(region);
  const settings = env.github;
  let github: GitHubDeploymentsTarget | undefined;
  if (settings?.token && settings.repository && settings.environment) {
    github = {
      octokit: await createGitHubClient(settings.token, settings.env),
      ...settings.repository,
      environment: settings.environment,
    };
  } else {
    env.reporter.debug('No GitHub token or repository: GitHub deployments are neither read nor recorded.');
  }
  const recorder = createReleaseRecorder({
    ecs: clients.ecs,
    reporter: env.reporter,
    ...(github
      ? {
          github: {
            ...github,
            ref: settings?.ref || 'HEAD',
            ...(settings?.runUrl ? { runUrl: settings.runUrl } : {}),
            ...(settings?.environmentUrl ? { environmentUrl: settings.environmentUrl } : {}),
          },
        }
      : {}),
  });
  return {
    // Clients handed in (tests) without these: none, rather than the default factory's reaching real AWS.
    ...(env.awsClients ? unavailableClients : lazyAwsClients({ region })),
    ...clients,
    region,
    clock: env.clock,
    reporter: env.reporter,
    ...(env.signal ? { signal: env.signal } : {}),
    ...(github ? { github } : {}),
    recorder,
  };
}
