#!/usr/bin/env node
// The CLI runs from its committed bundle, so `npx strapi-deploy` needs no TypeScript toolchain.
require('../dist/cli/index.js');
