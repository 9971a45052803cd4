import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readSummaryLogLines, SUMMARY_INTEGER_INPUTS } from '../../../src/action-kit/present-release';
import { COMMANDS } from '../../../src/cli/commands';
import { HISTORY_INTEGER_FLAGS } from '../../../src/cli/commands/history';
import { SIM_INTEGER_FLAGS } from '../../../src/cli/commands/simulator';
import { STATUS_INTEGER_FLAGS } from '../../../src/cli/commands/status';
import { GLOBAL_OPTIONS } from '../../../src/cli/options';
import { ConfigurationError } from '../../../src/core/errors';
import {
  InputReader,
  mapInputSource,
  type IntegerBounds,
  type IntegerInputs,
} from '../../../src/core/inputs';
import {
  DEPLOY_SERVICE_INTEGER_INPUTS,
  readDeployServiceInputs,
  readDeployTargetInputs,
} from '../../../src/deploy/inputs';
import { PROMOTE_INTEGER_INPUTS } from '../../../src/promote/inputs';
import { PROVISION_INTEGER_INPUTS, readProvisionInputs } from '../../../src/provision/inputs';
import { readRollbackInputs, ROLLBACK_INTEGER_INPUTS } from '../../../src/rollback/inputs';
import { actionFiles, ROOT, type ActionFile } from '../workflows/repo-files';
import { INTEGER_READ_CALL, inputsReadByEntry, literalFallbacksOfEntry, moduleClosure } from './input-scan';

/**
 * One source of truth for inputs, numbers included: a whole-number input's bounds live in one table
 * (keyed by input name) beside the code that reads it; action.yml states them in the description as
 * `(MIN-MAX)` with the fallback as `default:`, and the CLI's help states them too. These tests hold
 * the three to the table, and the table to what the readers really enforce.
 */

/** The bounds table of each action's whole-number inputs (`deploy` is the root action). */
const INTEGER_INPUTS_OF_ACTION: Record<string, IntegerInputs> = {
  deploy: { ...DEPLOY_SERVICE_INTEGER_INPUTS, ...SUMMARY_INTEGER_INPUTS },
  'build-push': {},
  'deploy-service': { ...DEPLOY_SERVICE_INTEGER_INPUTS, ...SUMMARY_INTEGER_INPUTS },
  promote: { ...PROMOTE_INTEGER_INPUTS, ...SUMMARY_INTEGER_INPUTS },
  provision: PROVISION_INTEGER_INPUTS,
  rollback: { ...ROLLBACK_INTEGER_INPUTS, ...SUMMARY_INTEGER_INPUTS },
};

/** The same for each CLI command: the action's table for the commands that stand for an action. */
const INTEGER_INPUTS_OF_COMMAND: Record<string, IntegerInputs> = {
  deploy: DEPLOY_SERVICE_INTEGER_INPUTS,
  rollback: ROLLBACK_INTEGER_INPUTS,
  promote: PROMOTE_INTEGER_INPUTS,
  history: HISTORY_INTEGER_FLAGS,
  status: STATUS_INTEGER_FLAGS,
  render: {},
  replay: {},
  sim: SIM_INTEGER_FLAGS,
  completion: {},
};

/** Commands whose file is not named after them: `sim` would trip the lint rule that keeps sim/ out of src/. */
const FILE_OF_COMMAND: Record<string, string> = { sim: 'simulator' };

/** Whole-number inputs whose fallback is not a fixed default, so action.yml says none; with the reason. */
const NO_FIXED_DEFAULT: Record<string, string> = {
  'desired-count': 'unset leaves the service count as it is; the fallback is never used',
  'max-capacity': 'falls back to the higher of 2 and min-capacity',
};

/** action.yml defaults that are expressions the runner evaluates; the code has no fallback of its own. */
const RUNNER_DEFAULTS: Record<string, string> = {
  'github-token': 'the runner passes the job token; the CLI reads GITHUB_TOKEN',
};

/** `(MIN-MAX)` or `(MIN-MAX; why)` in an action.yml description. */
const STATED_RANGE = /\((\d+)-(\d+)[);]/;
/** `MIN-MAX` in a CLI flag's help (`give up waiting after N minutes, 1-120 (default 15)`). */
const STATED_FLAG_RANGE = /\b(\d+)-(\d+)\b/;
const STATED_FLAG_DEFAULT = /\(default:? ([^)]+)\)/;

const actions = actionFiles();
const entryOf = (action: ActionFile): string => `src/actions/${action.name}.ts`;

function tableOf(action: ActionFile): IntegerInputs {
  const table = INTEGER_INPUTS_OF_ACTION[action.name];
  if (!table)
    throw new Error(`${action.path}: add its whole-number inputs table to INTEGER_INPUTS_OF_ACTION`);
  return table;
}

const rangeText = (bounds: IntegerBounds): string => `${bounds.min}-${bounds.max}`;

describe.each(actions.map((a) => [a.path, a] as const))('%s', (_path, action) => {
  const inputs = Object.entries(action.meta.inputs ?? {});

  test('its whole-number inputs are exactly those its bounds table lists', () => {
    const read = [...inputsReadByEntry(ROOT, entryOf(action), INTEGER_READ_CALL).keys()];
    expect(read.sort()).toEqual(Object.keys(tableOf(action)).sort());
  });

  const integerRows = Object.entries(INTEGER_INPUTS_OF_ACTION[action.name] ?? {}).map(
    ([name, bounds]) => [name, rangeText(bounds), bounds] as const,
  );
  // build-push has no whole-number input (test.each refuses an empty table).
  if (integerRows.length)
    test.each(integerRows)(
      '%s states the range the code enforces, (%s), and its fallback',
      (name, range, bounds) => {
        const input = action.meta.inputs?.[name];
        expect(input).toBeDefined();
        const stated = STATED_RANGE.exec(input?.description ?? '');
        expect(stated ? `${stated[1]}-${stated[2]}` : `no (MIN-MAX) in "${input?.description}"`).toBe(range);
        if (name in NO_FIXED_DEFAULT) expect(input?.default).toBeUndefined();
        else expect(input?.default).toBe(String(bounds.fallback));
      },
    );

  test('states a range only on inputs whose bounds the code checks', () => {
    const unchecked = inputs
      .filter(([name, input]) => STATED_RANGE.test(input?.description ?? '') && !(name in tableOf(action)))
      .map(([name]) => name);
    expect(unchecked).toEqual([]);
  });

  // The CLI gets no action.yml defaults: the code's fallback is what it uses, so the two must be one value.
  const fallbacks = literalFallbacksOfEntry(ROOT, entryOf(action));
  const defaultRows = inputs
    .filter(
      ([name, input]) =>
        input?.default !== undefined &&
        !(name in RUNNER_DEFAULTS) &&
        !(name in (INTEGER_INPUTS_OF_ACTION[action.name] ?? {})),
    )
    .map(([name, input]) => [name, String(input?.default)] as const);
  test.each(defaultRows)('the default of %s, %p, is the fallback in the code', (name, value) => {
    expect(fallbacks.get(name) ?? 'no literal fallback in the code').toEqual([value]);
  });

  test('a default the runner evaluates is an expression, and only for the inputs listed', () => {
    const expressions = inputs
      .filter(([, input]) => /\$\{\{/.test(String(input?.default ?? '')))
      .map(([name]) => name);
    const listed = inputs.filter(([name]) => name in RUNNER_DEFAULTS).map(([name]) => name);
    expect(expressions).toEqual(listed);
  });

  test('every fallback in the code is stated as the default', () => {
    const unstated = [...fallbacks]
      .filter(([name]) => name in (action.meta.inputs ?? {}))
      .filter(([name, values]) => action.meta.inputs?.[name]?.default === undefined || values.length !== 1)
      .map(([name, values]) => `${name}: ${values.join(' / ')}`);
    expect(unstated).toEqual([]);
  });
});

/** A reader that remembers the bounds each whole-number read was given. */
class BoundsRecordingReader extends InputReader {
  readonly bounds = new Map<string, IntegerBounds>();
  override integer(name: string, options: IntegerBounds): number {
    this.bounds.set(name, options);
    return super.integer(name, options);
  }
}

const TARGET = { cluster: 'strapi', service: 'strapi' };
/** Each action's reader, with the least it needs to get past its required inputs. */
const READERS: Record<string, { read: (reader: InputReader) => unknown; required: Record<string, string> }> =
  {
    deploy: { read: (r) => [readDeployTargetInputs(r), readSummaryLogLines(r)], required: TARGET },
    'deploy-service': {
      read: (r) => [readDeployServiceInputs(r), readSummaryLogLines(r)],
      required: { ...TARGET, 'image-uri': '123456789012.dkr.ecr.eu-west-1.amazonaws.com/strapi:v42' },
    },
    provision: { read: readProvisionInputs, required: { 'stack-name': 'strapi', 'aws-region': 'eu-west-1' } },
    rollback: { read: (r) => [readRollbackInputs(r), readSummaryLogLines(r)], required: TARGET },
  };

describe.each(Object.entries(READERS))(
  'the %s reader enforces its bounds table',
  (action, { read, required }) => {
    const rows = Object.entries(INTEGER_INPUTS_OF_ACTION[action] ?? {}).map(
      ([name, bounds]) => [name, rangeText(bounds), bounds] as const,
    );
    const readWith = (name: string, value: string): BoundsRecordingReader => {
      const reader = new BoundsRecordingReader(mapInputSource({ ...required, [name]: value }));
      read(reader);
      return reader;
    };

    test.each(rows)('%s: accepts %s, with the table’s fallback', (name, _range, bounds) => {
      expect(readWith(name, String(bounds.min)).bounds.get(name)).toEqual(bounds);
      expect(readWith(name, String(bounds.max)).bounds.get(name)).toEqual(bounds);
    });

    test.each(rows)('%s: refuses a value outside %s, naming the input', (name, range, bounds) => {
      const message = `Input \`${name}\` must be between ${range.replace('-', ' and ')}`;
      for (const value of [bounds.min - 1, bounds.max + 1]) {
        expect(() => readWith(name, String(value))).toThrow(ConfigurationError);
        expect(() => readWith(name, String(value))).toThrow(message);
      }
    });
  },
);

describe.each(COMMANDS.map((c) => [c.name, c] as const))('strapi-deploy %s --help', (name, command) => {
  const table = INTEGER_INPUTS_OF_COMMAND[name];
  const options = [...command.options, ...GLOBAL_OPTIONS];

  test('has a whole-number bounds table', () => expect(table).toBeDefined());

  test('offers a flag for every whole-number input of its table', () => {
    const offered = options.map((o) => o.input ?? o.flag);
    expect(Object.keys(table ?? {}).filter((input) => !offered.includes(input))).toEqual([]);
  });

  const rows = options
    .filter((o) => (o.input ?? o.flag) in (table ?? {}))
    .map((o) => [o.flag, o.input ?? o.flag, o.description] as const);
  if (rows.length)
    test.each(rows)('--%s states the range and default the code uses for %s', (_flag, input, description) => {
      const bounds = table?.[input] as IntegerBounds;
      const range = STATED_FLAG_RANGE.exec(description);
      expect(range ? `${range[1]}-${range[2]}` : `no MIN-MAX in "${description}"`).toBe(rangeText(bounds));
      const stated = STATED_FLAG_DEFAULT.exec(description)?.[1];
      if (input in NO_FIXED_DEFAULT) expect(stated).not.toMatch(/^\d+$/);
      else expect(stated).toBe(String(bounds.fallback));
    });

  test('states a range only on flags whose bounds the code checks', () => {
    const unchecked = options
      .filter((o) => STATED_FLAG_RANGE.test(o.description) && !((o.input ?? o.flag) in (table ?? {})))
      .map((o) => o.flag);
    expect(unchecked).toEqual([]);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

test('every whole-number read under src/ is in the bounds table of an action or a command that reads it', () => {
  const tablesOfFile = new Map<string, IntegerInputs[]>();
  const cover = (entry: string, table: IntegerInputs | undefined): void => {
    for (const file of moduleClosure(join(ROOT, 'src'), join(ROOT, entry))) {
      const rel = relative(ROOT, file);
      tablesOfFile.set(rel, [...(tablesOfFile.get(rel) ?? []), table ?? {}]);
    }
  };
  for (const action of actions) cover(entryOf(action), INTEGER_INPUTS_OF_ACTION[action.name]);
  for (const command of COMMANDS)
    cover(
      `src/cli/commands/${FILE_OF_COMMAND[command.name] ?? command.name}.ts`,
      INTEGER_INPUTS_OF_COMMAND[command.name],
    );

  const uncovered: string[] = [];
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    const rel = relative(ROOT, file);
    for (const match of readFileSync(file, 'utf8').matchAll(INTEGER_READ_CALL)) {
      const name = match[1] ?? '';
      if (!(tablesOfFile.get(rel) ?? []).some((table) => name in table)) uncovered.push(`${rel}: ${name}`);
    }
  }
  expect(uncovered).toEqual([]);
});
