import { main } from '../../../src/cli/cli';
import { memoryIo } from '../../support/memory-io';
import { WAIT_LIMITS } from '../../../src/deploy/inputs';

// Every invocation here must stop before its first AWS call; if one did not, it would reach a
// closed local port, never an AWS account.
process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:9';

const VALID = ['--cluster', 'strapi', '--service', 'strapi'];
const IMAGE = ['--image', '123456789012.dkr.ecr.eu-west-1.amazonaws.com/strapi:v2'];

async function run(argv: string[], env: NodeJS.ProcessEnv = { AWS_REGION: 'eu-west-1' }) {
  const io = memoryIo({ env });
  const code = await main(argv, io);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
}

describe('strapi-deploy command lines: exit code and the message the user sees', () => {
  test.each<[string, string[], number, 'stdout' | 'stderr', string]>([
    [
      'no command prints the usage',
      [],
      2,
      'stderr',
      'Usage: strapi-deploy [global options] <command> [options]',
    ],
    ['--help lists the commands', ['--help'], 0, 'stdout', '  deploy      register a revision'],
    [
      '--verbose --help: global options before no command',
      ['--verbose', '--help'],
      0,
      'stdout',
      '  sim         run the rollout simulator',
    ],
    ['--version after a global option', ['--json', '--version'], 0, 'stdout', 'strapi-deploy 1.0.0'],
    [
      '--help after global options and the command',
      ['--json', 'status', '--help'],
      0,
      'stdout',
      'Usage: strapi-deploy status [options]',
    ],
    [
      'completion --help names its argument',
      ['completion', '--help'],
      0,
      'stdout',
      'Usage: strapi-deploy completion <SHELL> [options]',
    ],
    ['help <command>', ['help', 'rollback'], 0, 'stdout', 'Usage: strapi-deploy rollback [options]'],
    [
      'help of an unknown command',
      ['help', 'nope'],
      2,
      'stderr',
      'Unknown command "nope". Commands: deploy,',
    ],
    ['--version', ['--version'], 0, 'stdout', 'strapi-deploy 1.0.0'],
    ['unknown command', ['frobnicate'], 2, 'stderr', 'strapi-deploy: Unknown command "frobnicate".'],
    [
      'unknown command after global options',
      ['--region', 'eu-west-1', '--json', 'frobnicate'],
      2,
      'stderr',
      'strapi-deploy: Unknown command "frobnicate".',
    ],
    [
      'an unknown option and no command',
      ['--verbos'],
      2,
      'stderr',
      "strapi-deploy: Unknown option '--verbos'. Did you mean '--verbose'?\nRun 'strapi-deploy --help' for the commands.",
    ],
    ['deploy --help', ['deploy', '--help'], 0, 'stdout', '--image <URI>'],
    [
      'deploy -h names the action input',
      ['deploy', '-h'],
      0,
      'stdout',
      '[required; action input: image-uri]',
    ],
    ['status --help', ['status', '--help'], 0, 'stdout', 'Usage: strapi-deploy status [options]'],
    ['history --help', ['history', '--help'], 0, 'stdout', 'Usage: strapi-deploy history [options]'],
    ['render --help', ['render', '--help'], 0, 'stdout', 'Usage: strapi-deploy render [options]'],
    [
      'unknown option',
      ['deploy', '--bogus'],
      2,
      'stderr',
      "strapi-deploy deploy: Unknown option '--bogus'.\n",
    ],
    ['missing value', ['deploy', '--cluster'], 2, 'stderr', "Option '--cluster <NAME>' needs a value."],
    ['stray argument', ['status', 'strapi'], 2, 'stderr', "Unexpected argument 'strapi'"],
    [
      'repeated flag',
      ['deploy', '--cluster', 'a', '--cluster', 'b'],
      2,
      'stderr',
      'Option --cluster was given more than once (--cluster, --cluster).',
    ],
    [
      'required image',
      ['deploy', ...VALID],
      2,
      'stderr',
      'strapi-deploy deploy: Option --image is required.',
    ],
    [
      'required cluster',
      ['deploy', ...IMAGE, '--service', 's'],
      2,
      'stderr',
      'Option --cluster is required.',
    ],
    [
      'bad image URI',
      ['deploy', ...VALID, '--image', 'Not An Image'],
      2,
      'stderr',
      'Option --image: "Not An Image" is not a valid image reference',
    ],
    [
      'wait bound',
      ['deploy', ...VALID, ...IMAGE, '--wait-minutes', '0'],
      2,
      'stderr',
      `Option --wait-minutes must be between ${WAIT_LIMITS.waitMinutes.min} and ${WAIT_LIMITS.waitMinutes.max}, got 0.`,
    ],
    [
      'poll bound',
      ['deploy', ...VALID, ...IMAGE, '--poll-seconds', '60'],
      2,
      'stderr',
      `Option --poll-seconds must be between ${WAIT_LIMITS.pollSeconds.min} and ${WAIT_LIMITS.pollSeconds.max}, got 60.`,
    ],
    [
      'whole numbers',
      ['deploy', ...VALID, ...IMAGE, '--desired-count', 'two'],
      2,
      'stderr',
      'Option --desired-count must be a whole number, got "two".',
    ],
    [
      'env lines',
      ['deploy', ...VALID, ...IMAGE, '--env', 'NOEQUALS'],
      2,
      'stderr',
      'Option --env: expected KEY=value, got "NOEQUALS".',
    ],
    [
      'env names',
      ['deploy', ...VALID, ...IMAGE, '--env', '1BAD=x'],
      2,
      'stderr',
      'Option --env: "1BAD" is not a valid variable name.',
    ],
    [
      'secret needs an ARN',
      ['deploy', ...VALID, ...IMAGE, '--secret', 'APP_KEYS='],
      2,
      'stderr',
      'Option --secret: APP_KEYS must be the ARN',
    ],
    [
      'status needs a service',
      ['status', '--cluster', 'strapi'],
      2,
      'stderr',
      'Option --service is required.',
    ],
    [
      'status events',
      ['status', ...VALID, '--events', 'x'],
      2,
      'stderr',
      'Option --events must be a whole number, got "x".',
    ],
    [
      'rollback target has no spaces',
      ['rollback', ...VALID, '--to', 'a b'],
      2,
      'stderr',
      'Option --to must be previous',
    ],
    [
      'history limit',
      ['history', ...VALID, '--limit', '0'],
      2,
      'stderr',
      'Option --limit must be between 1 and',
    ],
    ['render needs an image', ['render', ...VALID], 2, 'stderr', 'Option --image is required.'],
    [
      'render: unreadable file',
      ['render', ...VALID, ...IMAGE, '--task-definition', '/nonexistent.json'],
      2,
      'stderr',
      'Option --task-definition: cannot read /nonexistent.json',
    ],
  ])('%s', async (_name, argv, code, stream, message) => {
    const out = await run(argv);
    expect(out[stream]).toContain(message);
    expect(out.code).toBe(code);
  });

  test('every problem at once: one line each, then where to read the options', async () => {
    const out = await run(['--verbose', 'deploy', '--cluster', 'strapi', '--wait-minutes', '0']);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(
      [
        'strapi-deploy deploy: Option --service is required.',
        'strapi-deploy deploy: Option --image is required.',
        `strapi-deploy deploy: Option --wait-minutes must be between ${WAIT_LIMITS.waitMinutes.min} and ${WAIT_LIMITS.waitMinutes.max}, got 0.`,
        "Run 'strapi-deploy deploy --help' for the options.",
        '',
      ].join('\n'),
    );
  });

  test('--json: usage problems are one JSON document on stdout, each naming its input', async () => {
    const out = await run(['--json', 'deploy', '--cluster', 'strapi']);
    expect(out.code).toBe(2);
    expect(JSON.parse(out.stdout)).toEqual({
      command: 'deploy',
      exitCode: 2,
      error: {
        kind: 'usage',
        message: 'Option --service is required.\nOption --image is required.',
        problems: [
          { message: 'Option --service is required.', input: 'service' },
          { message: 'Option --image is required.', input: 'image-uri' },
        ],
      },
    });
  });

  test('--json: an unknown option is reported as usage', async () => {
    const out = await run(['status', '--json', '--nope']);
    expect(JSON.parse(out.stdout)).toMatchObject({
      command: 'status',
      exitCode: 2,
      error: { kind: 'usage' },
    });
  });
});
