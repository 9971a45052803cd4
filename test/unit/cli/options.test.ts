import {
  GLOBAL_OPTIONS,
  parseOptions,
  rewordForFlags,
  UsageError,
  type OptionSpec,
} from '../../../src/cli/options';

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
    [['--region', 'eu-west-1', '--json'], { 'aws-region': 'eu-west-1', json: 'true' }],
  ])('%j -> %j', (argv, inputs) => {
    expect(parseOptions('deploy', argv, SPECS).inputs).toEqual(inputs);
  });
});

describe('bad command lines are usage errors', () => {
  test.each<[string[], string]>([
    [['--bogus'], "Unknown option '--bogus'."],
    [['--cluster'], "Option '--cluster <value>' needs a value."],
    [['stray'], "Unexpected argument 'stray': this command takes options only."],
    [['--cluster', 'a', '--cluster', 'b'], '--cluster was given more than once.'],
    [['--cluster', '--image', 'x'], '--cluster needs a value, got another option after it.'],
    [['--json=yes'], "Option '--json' does not take an argument"],
  ])('%j -> %s', (argv, message) => {
    let caught: unknown;
    try {
      parseOptions('deploy', argv, SPECS);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as UsageError).message).toBe(message);
    expect((caught as UsageError).command).toBe('deploy');
  });
});

describe('core messages are reworded to name the flag the user typed', () => {
  test.each([
    ['Input `image-uri` is required.', 'Option --image is required.'],
    [
      'Input `environment-variables`: expected KEY=value, got "x".',
      'Option --env: expected KEY=value, got "x".',
    ],
    ['Input `events` must be a whole number, got "x".', 'Option --events must be a whole number, got "x".'],
    [
      'No AWS region: set the `aws-region` input or AWS_REGION.',
      'No AWS region: set --region or AWS_REGION.',
    ],
    ['Input `not-a-flag` is odd.', 'Input `not-a-flag` is odd.'],
  ])('%s', (message, expected) => {
    expect(rewordForFlags(message, SPECS)).toBe(expected);
  });
});
