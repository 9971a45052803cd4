import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { COMMANDS } from '../../../src/cli/commands';
import { GLOBAL_OPTIONS } from '../../../src/cli/options';

/**
 * The CLI's flags stand for the actions' inputs. A flag naming an input the action does not have
 * would be validated by nothing; an input the CLI silently lacks is a feature the on-call engineer
 * cannot reach when GitHub is down. Inputs left out on purpose are listed with the reason.
 */
const ROOT = path.resolve(__dirname, '../../..');

function actionInputs(action: string): string[] {
  const doc = parse(fs.readFileSync(path.join(ROOT, 'actions', action, 'action.yml'), 'utf8')) as {
    inputs?: Record<string, unknown>;
  };
  return Object.keys(doc.inputs ?? {});
}

const NOT_FLAGS: Record<string, string> = {
  'github-token': 'read from GITHUB_TOKEN: a token in argv would land in shell history and the process list',
  'smoke-token':
    'read from STRAPI_SMOKE_TOKEN: a token in argv would land in shell history and the process list',
  'job-summary': 'there is no job summary outside Actions; --summary-file writes the same Markdown',
  'summary-log-lines':
    'a job summary is published with the run; the CLI prints the log tail on the terminal and --summary-file stays on your disk',
};

describe.each([
  ['deploy', 'deploy-service'],
  ['rollback', 'rollback'],
])('strapi-deploy %s and actions/%s', (commandName, action) => {
  const command = COMMANDS.find((c) => c.name === commandName);
  const inputsOfFlags = [...(command?.options ?? []), ...GLOBAL_OPTIONS].flatMap((o) =>
    o.input ? [o.input] : [],
  );

  test('every flag that names an action input names a real one', () => {
    expect(inputsOfFlags.filter((input) => !actionInputs(action).includes(input))).toEqual([]);
  });

  test('every action input has a flag, or a stated reason not to', () => {
    const missing = actionInputs(action).filter(
      (input) => !inputsOfFlags.includes(input) && !(input in NOT_FLAGS),
    );
    expect(missing).toEqual([]);
  });
});
