import { ConfigurationError } from '../../../src/core/errors';
import { InputReader } from '../../../src/core/inputs';
import { readDeployServiceInputs } from '../../../src/deploy';
import { parseCommand, RELEASE_CHECK_LIMITS } from '../../../src/deploy/release-check-inputs';

/** The run-before and smoke-test inputs, read as the deploy-service action and the CLI read them. */
const REQUIRED = { cluster: 'strapi', service: 'strapi', 'image-uri': 'registry.example/strapi:v2' };

function read(values: Record<string, string>, masked: string[] = []) {
  const reader = new InputReader({
    get: (name) => ({ ...REQUIRED, ...values })[name] ?? '',
    maskSecret: (value) => masked.push(value),
  });
  const { runBefore, smokeTest } = readDeployServiceInputs(reader);
  return { runBefore, smokeTest };
}

describe('parseCommand: argv without a shell', () => {
  test.each([
    ['npm run migrate', ['npm', 'run', 'migrate']],
    ['  npm   run\tmigrate  ', ['npm', 'run', 'migrate']],
    [
      `node scripts/import.js --file 'export 2026.tar.gz'`,
      ['node', 'scripts/import.js', '--file', 'export 2026.tar.gz'],
    ],
    ['sh -c "npm run build && npm run migrate"', ['sh', '-c', 'npm run build && npm run migrate']],
    ['echo "say \\"hi\\"" a\\ b', ['echo', 'say "hi"', 'a b']],
    [`echo '$HOME' ""`, ['echo', '$HOME', '']],
    [
      '["npm", "run", "strapi", "--", "import", "-f", "a b.tar.gz"]',
      ['npm', 'run', 'strapi', '--', 'import', '-f', 'a b.tar.gz'],
    ],
  ])('%s -> %j', (text, argv) => {
    expect(parseCommand(text)).toEqual(argv);
  });
});

describe('readReleaseCheckInputs: good values', () => {
  test('defaults: no run-before, no smoke test without service-url', () => {
    expect(read({})).toEqual({ runBefore: undefined, smokeTest: undefined });
  });

  test.each([
    [
      { 'run-before': 'npm run migrate' },
      { runBefore: { text: 'npm run migrate', command: ['npm', 'run', 'migrate'], timeoutMinutes: 10 } },
    ],
    [
      { 'run-before': 'npm run migrate', 'run-before-minutes': '120' },
      { runBefore: { text: 'npm run migrate', command: ['npm', 'run', 'migrate'], timeoutMinutes: 120 } },
    ],
    [
      { 'service-url': 'https://cms.example.com/' },
      { smokeTest: { baseUrl: 'https://cms.example.com', timeoutSeconds: 120 } },
    ],
    [
      {
        'service-url': 'http://alb-123.eu-west-1.elb.amazonaws.com',
        'smoke-path': '/api/articles?populate=*',
      },
      {
        smokeTest: {
          baseUrl: 'http://alb-123.eu-west-1.elb.amazonaws.com',
          contentPath: '/api/articles?populate=*',
          timeoutSeconds: 120,
        },
      },
    ],
    [
      { 'service-url': 'https://cms.example.com/strapi', 'smoke-test-seconds': '10', 'smoke-token': 'tok' },
      { smokeTest: { baseUrl: 'https://cms.example.com/strapi', bearerToken: 'tok', timeoutSeconds: 10 } },
    ],
    // service-url stays the GitHub deployment URL; the smoke test can be turned off.
    [{ 'service-url': 'https://cms.example.com', 'smoke-test': 'false' }, { smokeTest: undefined }],
    [{ 'smoke-path': '/api/articles', 'smoke-test': 'false' }, { smokeTest: undefined }],
  ])('%j -> %j', (values, expected) => {
    expect(read(values)).toEqual({ runBefore: undefined, smokeTest: undefined, ...expected });
  });

  test('the smoke token is masked the moment it is read', () => {
    const masked: string[] = [];
    read({ 'service-url': 'https://cms.example.com', 'smoke-token': 'secret-token-1' }, masked);
    expect(masked).toEqual(['secret-token-1']);
  });
});

const { runBeforeMinutes: MINUTES, smokeTestSeconds: SECONDS } = RELEASE_CHECK_LIMITS;
const URL_ONLY = { 'service-url': 'https://cms.example.com' };

describe('readReleaseCheckInputs: bad input names the input and changes nothing', () => {
  test.each([
    ['run-before', { 'run-before': 'npm run "migrate' }, 'Input `run-before`: has an unclosed " quote.'],
    ['run-before', { 'run-before': "echo 'x" }, "Input `run-before`: has an unclosed ' quote."],
    ['run-before', { 'run-before': 'npm run migrate \\' }, 'Input `run-before`: ends with a lone backslash.'],
    ['run-before', { 'run-before': 'npm run migrate\nnpm run seed' }, 'Input `run-before`: must be one line'],
    ['run-before', { 'run-before': '""' }, 'Input `run-before` has no command.'],
    [
      'run-before',
      { 'run-before': '[npm run' },
      'Input `run-before`: starts with "[" but is not a JSON array',
    ],
    [
      'run-before',
      { 'run-before': '["npm", 1]' },
      'Input `run-before`: a JSON command must be a non-empty array',
    ],
    ['run-before', { 'run-before': '[]' }, 'Input `run-before`: a JSON command must be a non-empty array'],
    [
      'run-before',
      { 'run-before': `echo ${'x'.repeat(8000)}` },
      'Input `run-before` is longer than a RunTask override allows',
    ],
    [
      'run-before-minutes',
      { 'run-before-minutes': '0' },
      `must be between ${MINUTES.min} and ${MINUTES.max}, got 0.`,
    ],
    ['run-before-minutes', { 'run-before-minutes': '121' }, 'must be between 1 and 120, got 121.'],
    ['run-before-minutes', { 'run-before-minutes': '1.5' }, 'must be a whole number, got "1.5".'],
    [
      'smoke-test-seconds',
      { ...URL_ONLY, 'smoke-test-seconds': '9' },
      `must be between ${SECONDS.min} and ${SECONDS.max}, got 9.`,
    ],
    [
      'smoke-test-seconds',
      { ...URL_ONLY, 'smoke-test-seconds': '901' },
      'must be between 10 and 900, got 901.',
    ],
    ['smoke-test-seconds', { 'smoke-test-seconds': 'two minutes' }, 'must be a whole number'],
    ['smoke-test', { 'smoke-test': 'yes' }, 'Input `smoke-test` must be true or false, got "yes".'],
    [
      'smoke-path',
      { ...URL_ONLY, 'smoke-path': 'api/articles' },
      'Input `smoke-path` must be a path starting with one "/"',
    ],
    [
      'smoke-path',
      { ...URL_ONLY, 'smoke-path': '//evil.example/api' },
      'must be a path starting with one "/"',
    ],
    ['smoke-path', { ...URL_ONLY, 'smoke-path': '/api/my articles' }, 'without blanks or "#"'],
    ['smoke-path', { ...URL_ONLY, 'smoke-path': '/api/articles#x' }, 'without blanks or "#"'],
    ['smoke-path', { 'smoke-path': '/api/articles' }, 'Input `smoke-path` needs `service-url`'],
    ['service-url', { 'service-url': 'cms.example.com' }, 'Input `service-url` must be an http(s) URL'],
    [
      'service-url',
      { 'service-url': 'ftp://cms.example.com' },
      'must be an http(s) URL for the smoke test, got "ftp:"',
    ],
    ['service-url', { 'service-url': 'https://admin:hunter2@cms.example.com' }, 'must not carry credentials'],
    ['service-url', { 'service-url': 'https://cms.example.com/?x=1' }, 'must not have a query or fragment'],
  ])('%s: %j -> %s', (input, values, message) => {
    let thrown: unknown;
    try {
      read(values);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigurationError);
    expect((thrown as ConfigurationError).input).toBe(input);
    expect((thrown as Error).message).toContain(message);
  });

  test('credentials in service-url are not repeated in the error', () => {
    expect(() => read({ 'service-url': 'https://admin:hunter2@cms.example.com' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });
});
