// `npm run docs:cli`: writes the README's CLI reference (every command and option) from the CLI's option
// specs, between markers; `npm run docs:cli -- --check` only says whether it is current. Never edited by
// hand: test/unit/cli/reference.test.ts fails when the README drifts from the specs.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { COMMANDS } from '../src/cli/commands';
import { GLOBAL_OPTIONS } from '../src/cli/options';
import { CLI_REFERENCE_START, renderCliReference, withCliReference } from '../src/cli/reference';

const readmePath = join(resolve(__dirname, '..'), 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const updated = withCliReference(readme, renderCliReference(COMMANDS, GLOBAL_OPTIONS));
if (updated === undefined) {
  console.error(`README.md has no CLI reference markers (${CLI_REFERENCE_START} ... end).`);
  process.exit(1);
} else if (updated === readme) {
  console.log('README.md: the CLI reference is current.');
} else if (process.argv.includes('--check')) {
  console.error('README.md: the CLI reference is stale; run `npm run docs:cli`.');
  process.exit(1);
} else {
  writeFileSync(readmePath, updated);
  console.log('README.md: CLI reference written.');
}
