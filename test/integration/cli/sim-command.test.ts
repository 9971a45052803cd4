import { main } from '../../../src/cli/cli';
import type { SimulatorModule } from '../../../src/cli/command';
import { SIM_REALISM_BEHAVIOURS } from '../../../src/cli/commands/simulator';
import { ALL_REALISM } from '../../../sim';
import * as serve from '../../../sim/serve';
import { memoryIo } from '../../support/memory-io';

/**
 * `strapi-deploy sim` serves the rollout simulator and prints the environment that points AWS tools
 * at it; here the CLI then runs against that environment, as a user would after `eval`. The process
 * entry loads the simulator from its bundle (dist/sim, see bundle.test.ts); this test hands in the sources.
 */
const loadSimulator = async (): Promise<SimulatorModule> => serve;

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

test('the sources satisfy the interface the CLI loads the simulator by', () => {
  const module: SimulatorModule = serve;
  expect(typeof module.serveSimulator).toBe('function');
});

test("--realism's list in the CLI is the simulator's", () => {
  expect([...SIM_REALISM_BEHAVIOURS].sort()).toEqual(Object.keys(ALL_REALISM).sort());
});

test('sim --seed prints export lines; the CLI pointed at them sees the seeded service; Ctrl-C stops it', async () => {
  const stop = new AbortController();
  const io = { ...memoryIo({ env: {} }), loadSimulator, signal: stop.signal };
  const serving = main(['sim', '--port', '0', '--seed'], io);
  await until(() => io.stdout.text.includes('export AWS_SECRET_ACCESS_KEY='), 'the export lines');

  const exported = Object.fromEntries(
    io.stdout.text
      .trim()
      .split('\n')
      .map((line) => /^export (AWS_[A-Z_]+)=(\S+)$/.exec(line))
      .map((match) => [match?.[1], match?.[2]]),
  ) as Record<string, string>;
  expect(Object.keys(exported).sort()).toEqual([
    'AWS_ACCESS_KEY_ID',
    'AWS_ENDPOINT_URL_CLOUDWATCH_LOGS',
    'AWS_ENDPOINT_URL_ECR',
    'AWS_ENDPOINT_URL_ECS',
    'AWS_ENDPOINT_URL_RDS',
    'AWS_REGION',
    'AWS_SECRET_ACCESS_KEY',
  ]);
  expect(io.stderr.text).toContain('seeded cluster "strapi", service "strapi"');

  const saved = { ...process.env };
  Object.assign(process.env, exported);
  delete process.env.AWS_PROFILE;
  try {
    const statusIo = memoryIo({ env: { ...process.env } });
    const code = await main(['status', '--cluster', 'strapi', '--service', 'strapi', '--json'], statusIo);
    expect(statusIo.stderr.text).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(statusIo.stdout.text).result.taskDefinitionArn).toMatch(/task-definition\/strapi:1$/);
  } finally {
    process.env = saved;
  }

  stop.abort();
  await expect(serving).resolves.toBe(0);
});
