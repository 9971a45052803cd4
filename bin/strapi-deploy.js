#!/usr/bin/env node
// The CLI runs from its committed bundle, so `npx strapi-deploy` needs no TypeScript toolchain;
// `strapi-deploy sim` loads the simulator's own bundle (dist/sim) from there, only when asked for.
// Node 20 is end-of-life and the AWS SDK drops it: say so in one line rather than fail somewhere inside.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(`strapi-deploy needs Node.js 22 or newer; this is ${process.version}.\n`);
  process.exit(2);
}
require('../dist/cli/index.js');
