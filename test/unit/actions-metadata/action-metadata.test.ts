import { existsSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { actionFiles, EXPECTED_SUB_ACTIONS, ROOT } from '../workflows/repo-files';
import { inputNamesRead, inputNamesReadIn, inputsReadByEntry, moduleClosure } from './input-scan';

// Every action.yml there is now (discovered, so actions are covered as they land).
const actions = actionFiles();
const INPUT_KEYS = ['description', 'required', 'default', 'deprecationMessage'];

test('the root action and every expected sub-action exist', () => {
  expect(actions.map((a) => a.name).sort()).toEqual(
    expect.arrayContaining(['deploy', ...EXPECTED_SUB_ACTIONS]),
  );
});

describe.each(actions.map((a) => [a.path, a] as const))('%s', (_path, action) => {
  const bundle = `dist/${action.name}/index.js`;
  const entry = `src/actions/${action.name}.ts`;

  test('is valid YAML', () => expect(action.yamlError).toBeUndefined());

  test('runs on node24', () => expect(action.meta.runs?.using).toBe('node24'));

  test(`main points at its own bundle, ${bundle}`, () => {
    const main = action.meta.runs?.main ?? '';
    expect(main).toBe(action.dir ? `../../${bundle}` : bundle);
    expect(normalize(join(action.dir, main))).toBe(normalize(bundle));
  });

  test('a post step, if any, is the same bundle and always runs (cleanup)', () => {
    const runs = action.meta.runs ?? {};
    if (runs.post === undefined) return;
    expect(runs.post).toBe(runs.main);
    expect(runs['post-if']).toBe('always()');
  });

  test(`has its one-line entry ${entry}`, () => expect(existsSync(join(ROOT, entry))).toBe(true));

  test(`its bundle ${bundle} is built (npm run build)`, () =>
    expect(existsSync(join(ROOT, bundle))).toBe(true));

  test('describes every input and output; inputs use only the keys the runner knows', () => {
    const problems: string[] = [];
    for (const [name, input] of Object.entries(action.meta.inputs ?? {})) {
      if (!input?.description) problems.push(`input ${name}: no description`);
      for (const key of Object.keys(input ?? {}))
        if (!INPUT_KEYS.includes(key)) problems.push(`input ${name}: unknown key ${key}`);
      if (input?.required !== undefined && typeof input.required !== 'boolean')
        problems.push(`input ${name}: required is not a boolean`);
      if (input?.default !== undefined && typeof input.default !== 'string') {
        problems.push(
          `input ${name}: default ${JSON.stringify(input.default)} should be a string, as the runner passes it`,
        );
      }
    }
    for (const [name, output] of Object.entries(action.meta.outputs ?? {})) {
      if (!output?.description) problems.push(`output ${name}: no description`);
    }
    expect(problems).toEqual([]);
  });

  // Both directions: an input the code never reads is a setting that silently does nothing; a name the code
  // reads that action.yml does not declare can never be set (the runner warns "Unexpected input").
  describe('inputs declared in action.yml are exactly the inputs its code reads', () => {
    const available = existsSync(join(ROOT, entry));
    const read = available ? inputsReadByEntry(ROOT, entry) : new Map<string, string[]>();
    const declared = Object.keys(action.meta.inputs ?? {});

    const requireEntry = (): void => {
      if (!available) throw new Error(`${entry} does not exist yet: nothing reads this action's inputs`);
    };

    test('every declared input is read', () => {
      requireEntry();
      expect(declared.filter((name) => !read.has(name))).toEqual([]);
    });

    test('every input read is declared', () => {
      requireEntry();
      const undeclared = [...read]
        .filter(([name]) => !declared.includes(name))
        .map(([name, files]) => `${name} (${files.join(', ')})`);
      expect(undeclared).toEqual([]);
    });
  });
});

describe('the input scan itself', () => {
  test('finds names in every InputReader method, with either quote, across lines', () => {
    const source = `
      const a = inputs.required('cluster');
      const b = kit.inputs.boolean("dry-run", false);
      const c = reader.integer(
        'wait-minutes', LIMITS);
      reader.keyValues('environment'); reader.list('tags'); reader.secret('github-token');
      reader.choice('mode', MODES, 'a'); reader.optional('to', 'previous');
      core.getInput(name); something.required(variable);`;
    expect(inputNamesRead(source)).toEqual([
      'cluster',
      'dry-run',
      'wait-minutes',
      'environment',
      'tags',
      'github-token',
      'mode',
      'to',
    ]);
  });

  test('skips reads in a function nothing else names, counts them once it is called', () => {
    const inputsModule = `export const LIMITS = { a: 1 };
export function readDeployInputs(reader: InputReader): { image: string } {
  return { image: reader.required('image-uri') };
}
export function unrelated() { if (x) { y(); } }`;
    const onlyLimits = new Map([
      ['src/deploy/inputs.ts', inputsModule],
      ['src/rollback/inputs.ts', `import { LIMITS } from '../deploy/inputs';\nreader.optional('to');`],
    ]);
    expect([...inputNamesReadIn(onlyLimits).keys()]).toEqual(['to']);
    const calling = new Map([
      ['src/deploy/inputs.ts', inputsModule],
      [
        'src/action-kit/deploy.ts',
        `import { readDeployInputs } from '../deploy/inputs';\nreadDeployInputs(kit.inputs);`,
      ],
    ]);
    expect(inputNamesReadIn(calling)).toEqual(new Map([['image-uri', ['src/deploy/inputs.ts']]]));
  });

  test('follows relative imports from an entry, within src/', () => {
    const entry = join(ROOT, 'src/actions/build-push.ts');
    const files = moduleClosure(join(ROOT, 'src'), entry).map((f) => f.slice(ROOT.length + 1));
    expect(files).toEqual(
      expect.arrayContaining([
        'src/actions/build-push.ts',
        'src/action-kit/run-action.ts',
        'src/core/inputs.ts',
      ]),
    );
    expect(files.every((f) => f.startsWith('src/'))).toBe(true);
  });
});

// The root action is build-push then deploy-service in one step: it offers what both offer, with the same
// defaults, plus where to record the release. `image-uri` is what its build stage produces.
describe('the root action combines build-push and deploy-service', () => {
  const root = actions.find((a) => a.name === 'deploy');
  const stages = actions.filter((a) => a.name === 'build-push' || a.name === 'deploy-service');
  const PRODUCED_BY_THE_BUILD = ['image-uri'];

  test.each(stages.map((s) => [s.name, s] as const))(
    'offers every %s input with the same default',
    (_name, stage) => {
      const rootInputs = root?.meta.inputs ?? {};
      const problems: string[] = [];
      for (const [name, input] of Object.entries(stage.meta.inputs ?? {})) {
        if (PRODUCED_BY_THE_BUILD.includes(name)) continue;
        if (!(name in rootInputs)) problems.push(`${name}: missing from action.yml`);
        else if (rootInputs[name]?.default !== input?.default) {
          problems.push(
            `${name}: default ${JSON.stringify(rootInputs[name]?.default)} here, ${JSON.stringify(input?.default)} in ${stage.path}`,
          );
        }
      }
      expect(problems).toEqual([]);
    },
  );

  test('declares the outputs of both stages', () => {
    const rootOutputs = Object.keys(root?.meta.outputs ?? {});
    const stageOutputs = stages.flatMap((s) => Object.keys(s.meta.outputs ?? {}));
    expect(rootOutputs).toEqual(expect.arrayContaining(stageOutputs));
  });
});
