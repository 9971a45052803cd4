/**
 * Writes policies/provision-role.json, the least-privilege policy of the provision role, from
 * src/provision/provision-policy.ts. `--check` fails when the committed file differs (CI);
 * `--stack-prefix <p>` renders it for stacks whose names start with something other than `strapi`
 * (to stdout, leaving the committed file alone).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { renderProvisionPolicy } from '../src/provision/provision-policy';

export const PROVISION_POLICY_FILE = path.resolve(__dirname, '..', 'policies', 'provision-role.json');

function main(argv: string[]): number {
  const prefixAt = argv.indexOf('--stack-prefix');
  if (prefixAt >= 0) {
    const prefix = argv[prefixAt + 1] ?? '';
    if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(prefix)) {
      process.stderr.write('--stack-prefix needs a stack name prefix (letters, digits, hyphens).\n');
      return 2;
    }
    process.stdout.write(`${JSON.stringify(renderProvisionPolicy(prefix), null, 2)}\n`);
    return 0;
  }
  const text = `${JSON.stringify(renderProvisionPolicy(), null, 2)}\n`;
  if (argv.includes('--check')) {
    // Compared as JSON: the committed file is Prettier-formatted.
    const committed: unknown = JSON.parse(readFileSync(PROVISION_POLICY_FILE, 'utf8'));
    if (JSON.stringify(committed) === JSON.stringify(JSON.parse(text))) return 0;
    process.stderr.write(
      `${PROVISION_POLICY_FILE} is stale: run npx tsx scripts/render-provision-policy.ts\n`,
    );
    return 1;
  }
  writeFileSync(PROVISION_POLICY_FILE, text);
  process.stdout.write(`wrote ${path.relative(process.cwd(), PROVISION_POLICY_FILE)} (run prettier on it)\n`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
