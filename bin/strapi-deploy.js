#!/usr/bin/env node
// The CLI runs from its committed bundle, so `npx strapi-deploy` needs no TypeScript toolchain;
// `strapi-deploy sim` loads the simulator's own bundle (dist/sim) from there, only when asked for.
require('../dist/cli/index.js');
