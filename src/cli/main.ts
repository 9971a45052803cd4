// The strapi-deploy CLI's entry (bundled to dist/cli/index.js, started by bin/strapi-deploy.js).
// Everything else is in cli.ts, which the demo and the tests import without starting a process run.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { SimulatorModule } from './command';
import { runCli } from './cli';

// `strapi-deploy sim` runs the rollout simulator from its own bundle, dist/sim/index.js (built from
// sim/serve.ts), loaded only when asked for: src/ never imports sim/, and the CLI bundle stays small.
// A runtime require (createRequire) is one the bundler leaves alone.
const loadSimulator = async (): Promise<SimulatorModule> =>
  createRequire(__filename)(path.join(__dirname, '..', 'sim', 'index.js')) as SimulatorModule;

runCli(process.argv.slice(2), { loadSimulator });
