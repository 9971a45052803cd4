import { RecordingReporter } from './recording-reporter';
import { createAwsClients } from '../../src/aws/clients';

import type { EngineDeps } from '../../src/deploy';
import { startSimulator, type Simulator } from '../../sim';

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

/** The deploy engine's dependencies on the real client factory and the simulator's clock, and what it reported. */
export function simulatedEngine(sim: Simulator): { deps: EngineDeps; reporter: RecordingReporter } {
  const clients = createAwsClients({ region: sim.region });
  const reporter = new RecordingReporter();
  return { deps: { ecs: clients.ecs, logs: clients.logs, clock: sim.clock, reporter }, reporter };
}
