// The strapi-deploy CLI's entry (bundled to dist/cli/index.js, started by bin/strapi-deploy.js).
// Everything else is in cli.ts, which the demo and the tests import without starting a process run.
import { runCli } from './cli';

runCli();
