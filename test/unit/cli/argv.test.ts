import { readCommandLine, VALUE_FLAGS } from '../../../src/cli/cli';
import { COMMANDS } from '../../../src/cli/commands';
import { splitCommand } from '../../../src/cli/options';
import { WAIT_LIMITS } from '../../../src/deploy/inputs';

/**
 * The CLI's argument handling as a specification: a command line in, either the inputs the command's
 * reader gets (global options wherever they were typed) or the exact messages the user sees, all of
 * them at once. Nothing here reaches AWS: the command line is read and checked, never run.
 */
function interpret(argv: string[]): { command: string; inputs: Record<string, string> } | string[] {
  const { command: name, args } = splitCommand(argv, VALUE_FLAGS);
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw new Error(`no command in ${argv.join(' ')}`);
  const { parsed, problems } = readCommandLine(command, args, { env: {} });
  return problems.length ? problems.map((p) => p.message) : { command: command.name, inputs: parsed.inputs };
}

const SERVICE = ['--cluster', 'strapi', '--service', 'strapi'];
const IMAGE = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/strapi:v2';

describe('argv -> the inputs the command reads', () => {
  test.each<[string, string[], string, Record<string, string>]>([
    [
      'global options before the command',
      ['--json', '--verbose', 'status', ...SERVICE],
      'status',
      { cluster: 'strapi', service: 'strapi', json: 'true', verbose: 'true' },
    ],
    [
      'global options after the command',
      ['status', ...SERVICE, '--json'],
      'status',
      { cluster: 'strapi', service: 'strapi', json: 'true' },
    ],
    [
      'a valued global option before the command',
      ['--region', 'eu-west-1', '--profile', 'oncall', 'status', ...SERVICE],
      'status',
      { cluster: 'strapi', service: 'strapi', 'aws-region': 'eu-west-1', profile: 'oncall' },
    ],
    [
      '--opt=value before the command',
      ['--region=eu-west-1', 'history', ...SERVICE],
      'history',
      { cluster: 'strapi', service: 'strapi', 'aws-region': 'eu-west-1' },
    ],
    [
      'deploy flags name the action inputs',
      ['deploy', ...SERVICE, '--image', IMAGE, '--env', 'A=1', '--env', 'B=2', '--no-rollback'],
      'deploy',
      {
        cluster: 'strapi',
        service: 'strapi',
        'image-uri': IMAGE,
        'environment-variables': 'A=1\nB=2',
        'rollback-on-failure': 'false',
      },
    ],
    [
      'rollback --to family:revision',
      ['rollback', ...SERVICE, '--to', 'strapi:3'],
      'rollback',
      { cluster: 'strapi', service: 'strapi', to: 'strapi:3' },
    ],
    [
      'rollback --to FAMILY --revision N is family:revision',
      ['rollback', ...SERVICE, '--to', 'strapi', '--revision', '3'],
      'rollback',
      { cluster: 'strapi', service: 'strapi', to: 'strapi:3', revision: '3' },
    ],
    [
      'rollback --revision N alone is revision N',
      ['rollback', ...SERVICE, '--revision', '7'],
      'rollback',
      { cluster: 'strapi', service: 'strapi', to: '7', revision: '7' },
    ],
    [
      'rollback --force --wait-for-idle',
      ['rollback', ...SERVICE, '--force', '--wait-for-idle'],
      'rollback',
      { cluster: 'strapi', service: 'strapi', force: 'true', 'wait-for-idle': 'true' },
    ],
    [
      'status --events 0',
      ['status', ...SERVICE, '--events', '0'],
      'status',
      { cluster: 'strapi', service: 'strapi', events: '0' },
    ],
    [
      'sim flags',
      ['sim', '--port', '0', '--seed', '--timing', 'realistic', '--realism', 'all'],
      'sim',
      { port: '0', seed: 'true', timing: 'realistic', realism: 'all' },
    ],
    ['completion bash', ['completion', 'bash'], 'completion', {}],
    ['completion zsh, global option first', ['--json', 'completion', 'zsh'], 'completion', { json: 'true' }],
  ])('%s', (_name, argv, command, inputs) => {
    expect(interpret(argv)).toEqual({ command, inputs });
  });
});

describe('argv -> every problem, exactly as printed', () => {
  test.each<[string, string[], string[]]>([
    [
      'deploy with only a cluster: both missing flags at once',
      ['deploy', '--cluster', 'strapi'],
      ['Option --service is required.', 'Option --image is required.'],
    ],
    [
      'status with nothing: both missing flags',
      ['--json', 'status'],
      ['Option --cluster is required.', 'Option --service is required.'],
    ],
    [
      'usage problems, missing flags and invalid values in one go',
      ['deploy', '--cluster', '--image', 'x', '--wait-minutes', '0', '--env', '1A=b', '--bogus'],
      [
        "Option '--cluster <NAME>' needs a value, got the option '--image' after it.",
        "Unknown option '--bogus'.",
        'Option --service is required.',
        'Option --image: "x" has no tag or digest; pin the image you built (…:tag or …@sha256:…).',
        'Option --env: "1A" is not a valid variable name.',
        `Option --wait-minutes must be between ${WAIT_LIMITS.waitMinutes.min} and ${WAIT_LIMITS.waitMinutes.max}, got 0.`,
      ],
    ],
    [
      'a missing image and a bad count',
      ['deploy', ...SERVICE, '--desired-count', 'two'],
      ['Option --image is required.', 'Option --desired-count must be a whole number, got "two".'],
    ],
    [
      'a negative number is a value, judged by its bounds',
      ['status', ...SERVICE, '--events', '-3'],
      ['Option --events must be between 0 and 100, got -3.'],
    ],
    [
      'a negative limit',
      ['history', ...SERVICE, '--limit', '-1'],
      ['Option --limit must be between 1 and 100, got -1.'],
    ],
    [
      'a typo gets a suggestion',
      ['status', ...SERVICE, '--event', '3'],
      [
        "Unknown option '--event'. Did you mean '--events'?",
        "Unexpected argument '3': this command takes options only.",
      ],
    ],
    [
      'a repeated flag names both',
      ['status', '--cluster', 'a', '--cluster=b', '--service', 's'],
      ['Option --cluster was given more than once (--cluster, --cluster=b).'],
    ],
    [
      '--revision is a revision number',
      ['rollback', ...SERVICE, '--revision', '0'],
      ['Option --revision must be a revision number (1 or more), got "0".'],
    ],
    [
      '--revision goes with a family, not family:revision',
      ['rollback', ...SERVICE, '--to', 'strapi:2', '--revision', '3'],
      ['Option --revision goes with --to FAMILY (a task definition family name), got --to "strapi:2".'],
    ],
    [
      'rollback: missing flags and a bad wait together',
      ['rollback', '--to', 'a b', '--poll-seconds', '1'],
      [
        'Option --cluster is required.',
        'Option --service is required.',
        'Option --to must be previous, a revision number, a task definition ARN, a git SHA or an image tag; got "a b".',
        `Option --poll-seconds must be between ${WAIT_LIMITS.pollSeconds.min} and ${WAIT_LIMITS.pollSeconds.max}, got 1.`,
      ],
    ],
    [
      'deploy: the content-schema guard’s flags, named as typed',
      ['deploy', ...SERVICE, '--image', 'r/s:1', '--snapshot', 'sometimes', '--db-instance', '9db'],
      [
        'Option --db-instance: "9db" is not an RDS DB instance identifier (a letter, then letters, digits and single hyphens, at most 63).',
        'Option --snapshot must be one of auto, always, never; got "sometimes".',
      ],
    ],
    [
      '--github-repo must be OWNER/NAME',
      ['history', ...SERVICE, '--github-repo', 'nope'],
      ['Option --github-repo must be OWNER/NAME, got "nope".'],
    ],
    [
      'sim: a choice and an unknown behaviour',
      ['sim', '--timing', 'slow', '--realism', 'all,nope'],
      [
        'Option --timing must be one of fast, realistic; got "slow".',
        'Option --realism: unknown behaviour "nope" (all, or any of listTasksFilterRules, describeServicesLagMs, failedTasksReset, rollbackLikeEcs).',
      ],
    ],
    [
      'sim: --image needs --seed',
      ['sim', '--image', 'x:1', '--port', '70000'],
      [
        "Option --image is the seeded service's image: give --seed too.",
        'Option --port must be between 0 and 65535, got 70000.',
      ],
    ],
    ['completion needs a shell', ['completion'], ['Missing SHELL: one of bash, zsh.']],
    [
      'completion of an unknown shell',
      ['completion', 'fish'],
      ["SHELL must be one of bash, zsh; got 'fish'."],
    ],
  ])('%s', (_name, argv, messages) => {
    expect(interpret(argv)).toEqual(messages);
  });
});

describe('the specs and the readers agree', () => {
  test.each(COMMANDS.filter((c) => c.readInputs).map((c) => [c.name, c] as const))(
    '%s: the flags marked required are exactly those its reader requires',
    (_name, command) => {
      const required = command.options
        .filter((o) => o.required)
        .map((o) => `Option --${o.flag} is required.`);
      // Read an empty command line without the specs' own check: what the reader alone demands.
      const withoutSpecs = { ...command, options: command.options.map((o) => ({ ...o, required: false })) };
      const { problems } = readCommandLine(withoutSpecs, [], { env: {} });
      expect(problems.map((p) => p.message).sort()).toEqual(required.sort());
    },
  );
});
