import { execFile, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeIfAvailable } from '../../support/components';
import { startSimulator, type Simulator } from '../../../sim';

/**
 * What `npx strapi-deploy` runs: bin/strapi-deploy.js -> the committed ncc bundle, as a child
 * process configured only by the standard AWS variables (AWS_ENDPOINT_URL_*, AWS_REGION), talking
 * to the rollout simulator. The read-only commands need no waiting, so real time is fine here.
 */
const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin', 'strapi-deploy.js');
const BUNDLE = path.join(ROOT, 'dist', 'cli', 'index.js');
const IMAGE = '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi';

function cli(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env, cwd: ROOT, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** bin/strapi-deploy.js refuses Node < 22 (end-of-life); on such a machine these suites say so and skip. */
const NODE_MAJOR = Number(process.versions.node.split('.')[0]);
const OLD_NODE = NODE_MAJOR < 22 ? `the CLI needs Node >= 22 and this is ${process.version}` : undefined;

describeIfAvailable(
  OLD_NODE ?? (fs.existsSync(BUNDLE) ? undefined : 'dist/cli/index.js is not built (npm run build)'),
)('the bundled CLI (bin/strapi-deploy.js) against the rollout simulator', () => {
  let sim: Simulator;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    sim = await startSimulator({ time: 'manual' });
    await sim.seedService({ cluster: 'strapi', service: 'strapi', image: `${IMAGE}:1.0.0` });
    const rest: NodeJS.ProcessEnv = { ...process.env };
    for (const key of ['AWS_PROFILE', 'GITHUB_TOKEN', 'GITHUB_REPOSITORY']) delete rest[key];
    env = { ...rest, ...sim.env(), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  });
  afterAll(() => sim.close());

  test('status --json: one JSON document describing the running revision', async () => {
    const out = await cli(['status', '--cluster', 'strapi', '--service', 'strapi', '--json'], env);
    expect(out.code).toBe(0);
    const doc = JSON.parse(out.stdout);
    expect(doc).toMatchObject({
      command: 'status',
      exitCode: 0,
      result: { service: 'strapi', steady: true },
    });
    expect(doc.result.taskDefinitionArn).toMatch(/task-definition\/strapi:1$/);
  });

  test('render prints the RegisterTaskDefinition request and changes nothing', async () => {
    const before = sim.requests.length;
    const out = await cli(
      [
        'render',
        '--cluster',
        'strapi',
        '--service',
        'strapi',
        '--image',
        `${IMAGE}:2.0.0`,
        '--env',
        'NODE_ENV=staging',
      ],
      env,
    );
    expect(out.code).toBe(0);
    const input = JSON.parse(out.stdout);
    expect(input.family).toBe('strapi');
    expect(input.containerDefinitions[0]).toMatchObject({ name: 'strapi', image: `${IMAGE}:2.0.0` });
    expect(input.containerDefinitions[0].environment).toContainEqual({
      name: 'NODE_ENV',
      value: 'staging',
    });
    expect(input.revision).toBeUndefined();
    expect(out.stderr).toContain(`Container strapi: ${IMAGE}:1.0.0 -> ${IMAGE}:2.0.0`);
    const operations = sim.requests.slice(before).map((r) => r.operation);
    expect(operations).toEqual(['DescribeServices', 'DescribeTaskDefinition']);
  });

  test('history lists the seeded release', async () => {
    const out = await cli(['history', '--cluster', 'strapi', '--service', 'strapi'], env);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^\* strapi:1 .*strapi:1\.0\.0$/m);
  });

  test('a service that does not exist: exit 2 naming it', async () => {
    const out = await cli(['status', '--cluster', 'strapi', '--service', 'strapy'], env);
    expect(out).toMatchObject({ code: 2, stdout: '' });
    // (The simulator does not serve ListServices yet, so the list of existing services is not asserted.)
    expect(out.stderr).toContain('strapi-deploy status: Service "strapy" not found in cluster "strapi"');
  });

  test('bad usage: exit 2 without any AWS call', async () => {
    const before = sim.requests.length;
    const out = await cli(['deploy', '--cluster', 'strapi', '--service', 'strapi'], env);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('Option --image is required.');
    expect(sim.requests.length).toBe(before);
  });
});

const SIM_BUNDLE = path.join(ROOT, 'dist', 'sim', 'index.js');

describeIfAvailable(
  OLD_NODE ?? (fs.existsSync(SIM_BUNDLE) ? undefined : 'dist/sim/index.js is not built (npm run build)'),
)('strapi-deploy sim from the published package (bin -> dist/cli -> dist/sim)', () => {
  test('prints the export lines, serves the seeded service, stops cleanly on SIGINT', async () => {
    const child = spawn(process.execPath, [BIN, 'sim', '--port', '0', '--seed'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    for (let i = 0; i < 400 && !stdout.includes('AWS_SECRET_ACCESS_KEY='); i++) {
      await new Promise((r) => setTimeout(r, 25));
    }
    const exported = Object.fromEntries(
      [...stdout.matchAll(/^export (AWS_[A-Z_]+)=(\S+)$/gm)].map((m) => [m[1], m[2]]),
    ) as Record<string, string>;
    expect(exported.AWS_ENDPOINT_URL_ECS).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const status = await cli(['status', '--cluster', 'strapi', '--service', 'strapi', '--json'], {
      PATH: process.env.PATH,
      ...exported,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    });
    expect(status.code).toBe(0);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});

describe('bin/strapi-deploy.js on an end-of-life Node', () => {
  test('refuses Node < 22 in one line, exit 2', () => {
    // Run the bin's own check with a Node that claims to be 20, whatever runs the tests.
    const out = spawnSync(
      process.execPath,
      [
        '-e',
        `Object.defineProperty(process.versions, 'node', { value: '20.20.2' }); process.argv[1] = ${JSON.stringify(BIN)}; require(${JSON.stringify(BIN)});`,
      ],
      { encoding: 'utf8' },
    );
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/^strapi-deploy needs Node\.js 22 or newer; this is v/);
  });
});
