import { lastLines, processRunner } from '../../../src/image/command-runner';

const node = process.execPath;

describe('processRunner', () => {
  test('captures exit code, stdout and stderr separately', async () => {
    const result = await processRunner.run(node, [
      '-e',
      'process.stdout.write("out"); process.stderr.write("err"); process.exit(3)',
    ]);
    expect(result).toEqual({ exitCode: 3, stdout: 'out', stderr: 'err' });
  });

  test.each([['$(echo injected)'], ['a; rm -rf /tmp/nothing'], ['`id`'], ['quote " and \' and spaces']])(
    'passes %j to the program verbatim, no shell in between',
    async (arg) => {
      const result = await processRunner.run(node, ['-e', 'process.stdout.write(process.argv[1])', arg]);
      expect(result.stdout).toBe(arg);
    },
  );

  test('writes stdin and closes it (docker login --password-stdin)', async () => {
    const result = await processRunner.run(node, ['-e', 'process.stdin.pipe(process.stdout)'], {
      stdin: 's3cret',
    });
    expect(result.stdout).toBe('s3cret');
  });

  test('streams complete lines, including a last line without newline', async () => {
    const lines: string[] = [];
    await processRunner.run(
      node,
      ['-e', 'console.log("one"); console.error("two"); process.stdout.write("three")'],
      {
        onLine: (line, stream) => lines.push(`${stream}:${line}`),
      },
    );
    expect(lines.sort()).toEqual(['stderr:two', 'stdout:one', 'stdout:three']);
  });

  test('adds env to the parent environment', async () => {
    const result = await processRunner.run(
      node,
      ['-e', 'process.stdout.write(process.env.DOCKER_CONFIG + "|" + (process.env.PATH ? "path" : ""))'],
      { env: { DOCKER_CONFIG: '/tmp/x' } },
    );
    expect(result.stdout).toBe('/tmp/x|path');
  });

  test('a program that is not installed is exit 127, notFound', async () => {
    const result = await processRunner.run('strapi-deploy-no-such-program', ['x']);
    expect(result).toMatchObject({ exitCode: 127, notFound: true });
  });
});

test('lastLines keeps the last N non-blank lines', () => {
  const log = Array.from({ length: 50 }, (_, i) => `line ${i + 1}`).join('\n') + '\n\n';
  const tail = lastLines(log, 30).split('\n');
  expect(tail).toHaveLength(30);
  expect(tail[0]).toBe('line 21');
  expect(tail[29]).toBe('line 50');
});
