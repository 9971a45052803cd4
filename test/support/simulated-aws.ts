import { RecordingReporter } from './recording-reporter';
import { createAwsClients } from './aws-clients';
import type { Clock } from '../../src/core/clock';
import type { EngineDeps } from '../../src/deploy';
import { startSimulator, type Simulator } from '../../sim';
import type { DeployServiceInputs } from '../../src/deploy/inputs';
import type { JobEnvironment } from '../../src/use-cases/job-context';

export interface SimulatedAws {
  sim: Simulator;
  /** Stops the simulator and puts process.env back as it was before the start. */
  close(): Promise<void>;
}

/**
 * A virtual-time simulator that every AWS client the product creates will reach: the product finds
 * endpoints through AWS_ENDPOINT_URL_<SERVICE>, so the environment is pointed at it (plus `extraEnv`)
 * rather than clients being built by hand.
 */
export async function startSimulatedAws(extraEnv: Record<string, string> = {}): Promise<SimulatedAws> {
  const saved = { ...process.env };
  const sim = await startSimulator({ time: 'manual' });
  Object.assign(process.env, sim.env(), extraEnv);
  return {
    sim,
    close: async () => {
      await sim.close();
      process.env = saved;
    },
  };
}

/** The engine steps' dependencies on the real client factory and the simulator's clock, and what they reported. */
export function simulatedEngine(sim: Simulator): { deps: EngineDeps; reporter: RecordingReporter } {
  const clients = createAwsClients({ region: sim.region });
  const reporter = new RecordingReporter();
  return { deps: { ecs: clients.ecs, logs: clients.logs, clock: sim.clock, reporter }, reporter };
}

/**
 * What a shell hands a use case (runDeploy, runRollback), on the simulator: its clock, a recording
 * reporter, the real client factory (the environment points it at the simulator), no GitHub unless given.
 */
export function simulatedJob(
  sim: Simulator,
  extra: Partial<JobEnvironment> = {},
): { env: JobEnvironment; reporter: RecordingReporter } {
  const reporter = new RecordingReporter();
  return { env: { clock: sim.clock, reporter, ...extra }, reporter };
}

/** Deploy inputs as readDeployServiceInputs returns them for the action's defaults, with overrides. */
export function deployInputs(
  cluster: string,
  service: string,
  image: string,
  extra: Partial<DeployServiceInputs> = {},
): DeployServiceInputs {
  return {
    cluster,
    service,
    image,
    environment: {},
    secrets: {},
    forceNewDeployment: false,
    rollbackOnFailure: true,
    waitForIdle: false,
    jobSummary: true,
    allowDestructiveSchema: false,
    snapshot: 'auto',
    wait: { waitMinutes: 15, pollSeconds: 10, maxTaskFailures: 2 },
    ...extra,
  };
}

/**
 * The simulator's clock, aborting `controller` once `afterMs` virtual ms have passed since it was made:
 * a run cancelled (SIGINT/SIGTERM) at a chosen moment of its wait.
 */
export function abortingClock(sim: Simulator, controller: AbortController, afterMs: number): Clock {
  const start = sim.clock.now();
  return {
    now: () => sim.clock.now(),
    sleep: async (ms) => {
      await sim.clock.sleep(ms);
      if (sim.clock.now() - start >= afterMs) controller.abort();
    },
  };
}
