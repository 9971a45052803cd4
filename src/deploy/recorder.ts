import type { DeployOutcome } from './types';

/**
 * Hook for recording a deploy elsewhere (GitHub deployments, owned by src/history). The deploy
 * engine never calls it; the action adapter does, around the engine. Optional everywhere: a
 * recorder that fails produces a warning, never a failed deploy.
 */
export interface DeploymentStartInfo {
  cluster: string;
  service: string;
  image: string;
  region: string;
  /** The ECS console page of the service's deployments. */
  consoleUrl: string;
}

export interface DeploymentFinishInfo extends DeploymentStartInfo {
  /** Absent when the deploy stopped with an error before a rollout (bad input, missing service...). */
  outcome?: DeployOutcome;
  /** The error message in that case. */
  error?: string;
}

export interface DeploymentRecorder {
  start(info: DeploymentStartInfo): Promise<void>;
  finish(status: 'success' | 'failure', info: DeploymentFinishInfo): Promise<void>;
}
