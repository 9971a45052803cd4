import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS } from '../../../src/cli/commands';
import { GLOBAL_OPTIONS } from '../../../src/cli/options';
import { renderCliReference, withCliReference } from '../../../src/cli/reference';

/** The README's CLI reference is generated from the specs the parser uses (npm run docs:cli). */
const README = readFileSync(join(__dirname, '../../../README.md'), 'utf8');

test('the README CLI reference is what npm run docs:cli writes from the specs', () => {
  const current = withCliReference(README, renderCliReference(COMMANDS, GLOBAL_OPTIONS));
  expect(current).toBeDefined();
  // When this fails, run `npm run docs:cli` and commit README.md.
  expect(README).toBe(current);
});

test('every command and every flag is in it', () => {
  for (const command of COMMANDS) {
    expect(README).toContain(`#### strapi-deploy ${command.name}`);
    for (const option of command.options) expect(README).toContain(`\`--${option.flag}`);
  }
});

test('a stale reference is noticed', () => {
  const stale = README.replace('`--events <N>`', '`--event-count <N>`');
  expect(withCliReference(stale, renderCliReference(COMMANDS, GLOBAL_OPTIONS))).not.toBe(stale);
});
