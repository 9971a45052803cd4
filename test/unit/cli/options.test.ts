import { GLOBAL_OPTIONS, parseOptions, UsageError, type OptionSpec } from '../../../src/cli/options';
import { ConfigurationError } from '../../../src/core/errors';

const SPECS: OptionSpec[] = [
  { flag: 'cluster', input: 'cluster', type: 'string', description: '' },
  { flag: 'image', input: 'image-uri', type: 'string', description: '' },
  { flag: 'env', input: 'environment-variables', type: 'string', multiple: true, description: '' },
  { flag: 'no-rollback', input: 'rollback-on-failure', type: 'boolean', sets: 'false', description: '' },
  { flag: 'force-new-deployment', input: 'force-new-deployment', type: 'boolean', description: '' },
  { flag: 'events', type: 'string', description: '' },
  ...GLOBAL_OPTIONS,
];

describe('flags become the action inputs they stand for', () => {
  test.each<[string[], Record<string, string>]>([
    [[], {}],
    [['--cluster', 'strapi'], { cluster: 'strapi' }],
    [['--cluster=strapi'], { cluster: 'strapi' }],
    [['--image', 'repo/strapi:v2'], { 'image-uri': 'repo/strapi:v2' }],
    [['--env', 'A=1', '--env', 'B=x=y'], { 'environment-variables': 'A=1\nB=x=y' }],
    [['--no-rollback'], { 'rollback-on-failure': 'false' }],
    [['--force-new-deployment'], { 'force-new-deployment': 'true' }],
    [['--events', '5'], { events: '5' }],
    [['--events', '-3'], { events: '-3' }],
    [['--region', 'eu-west-1', '--json'], { 'aws-region': 'eu-west-1', json: 'true' }],
  ])('%j -> %j', (argv, inputs) => {
    const parsed = parseOptions(argv, SPECS);
    expect(parsed.problems).toEqual([]);
    expect(parsed.inputs).toEqual(inputs);
  });
});

describe('bad command lines: every problem, in the words the user typed', () => {
  test.each<[string[], string[]]>([
    [['--bogus'], ["Unknown option '--bogus'."]],
    [
      ['--clustr', 'a'],
      [
        "Unknown option '--clustr'. Did you mean '--cluster'?",
        "Unexpected argument 'a': this command takes options only.",
      ],
    ],
    [['-x'], ["Unknown option '-x'."]],
    [['--cluster'], ["Option '--cluster <value>' needs a value."]],
    [['stray'], ["Unexpected argument 'stray': this command takes options only."]],
    [
      ['--cluster', 'a', '--cluster', 'b'],
      ['Option --cluster was given more than once (--cluster, --cluster).'],
    ],
    [
      ['--cluster', '--image', 'x'],
      ["Option '--cluster <value>' needs a value, got the option '--image' after it."],
    ],
    [['--json=yes'], ["Option '--json' takes no value, got '--json=yes'."]],
    [
      ['--bogus', '--cluster', '--json=1'],
      [
        "Unknown option '--bogus'.",
        "Option '--cluster <value>' needs a value, got the option '--json=1' after it.",
        "Option '--json' takes no value, got '--json=1'.",
      ],
    ],
  ])('%j -> %j', (argv, messages) => {
    expect(parseOptions(argv, SPECS).problems.map((p) => p.message)).toEqual(messages);
  });

  test('a required flag left out is named from its spec', () => {
    const specs: OptionSpec[] = [
      { flag: 'cluster', input: 'cluster', type: 'string', required: true, description: '' },
    ];
    expect(parseOptions([], specs).problems).toEqual([
      { message: 'Option --cluster is required.', input: 'cluster' },
    ]);
    expect(parseOptions(['--cluster', ' '], specs).problems).toEqual([
      { message: 'Option --cluster is required.', input: 'cluster' },
    ]);
  });

  test('UsageError carries every problem and the command', () => {
    const error = new UsageError([{ message: 'a' }, { message: 'b' }], 'deploy');
    expect(error.message).toBe('a\nb');
    expect(error.command).toBe('deploy');
  });
});

describe('a ConfigurationError names its input; each presenter names it its own way', () => {
  const flag = (input: string): string | undefined => {
    const spec = SPECS.find((s) => (s.input ?? s.flag) === input);
    return spec ? `Option --${spec.flag}` : undefined;
  };
  test.each([
    [
      new ConfigurationError(' is required.', 'image-uri'),
      'Input `image-uri` is required.',
      'Option --image is required.',
    ],
    [
      new ConfigurationError(': expected KEY=value, got "x".', 'environment-variables'),
      'Input `environment-variables`: expected KEY=value, got "x".',
      'Option --env: expected KEY=value, got "x".',
    ],
    [
      new ConfigurationError(' must be a whole number, got "x".', 'events'),
      'Input `events` must be a whole number, got "x".',
      'Option --events must be a whole number, got "x".',
    ],
    // An input no flag stands for keeps the action's wording; an error about no input is left as it is.
    [
      new ConfigurationError(' is odd.', 'not-a-flag'),
      'Input `not-a-flag` is odd.',
      'Input `not-a-flag` is odd.',
    ],
    [new ConfigurationError('Cluster "x" not found.'), 'Cluster "x" not found.', 'Cluster "x" not found.'],
  ])('%#: %s', (error, actionMessage, cliMessage) => {
    expect(error.message).toBe(actionMessage);
    expect(error.describe(flag)).toBe(cliMessage);
  });
});
