/**
 * Holds bench/anchor-reference.ts to the anchor itself: runs the anchor's own bundle and the reproduction
 * side by side against the simulator (accelerated time, both polling on the real clock, as the bundle does)
 * and prints each one's verdict and message. Nothing of the anchor is kept here: its path comes from
 * ANCHOR_BUNDLE (its dist/index.js, e.g. from `git archive v2.6.3 dist`).
 *
 *   ANCHOR_BUNDLE=/path/to/dist/index.js npx tsx bench/anchor-check.ts
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeServicesCommand, DescribeTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { createAwsClients } from '../test/support/aws-clients';
import { renderTaskDefinition } from '../src/deploy';
import { ALL_REALISM, startSimulator, type Simulator, type TaskBehaviour } from '../sim';
import { ANCHOR, anchorDeploy, seededRandom, type AnchorInputs } from './anchor-reference';

const SPEED = 10;
const REPO = '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi';
const INPUTS: AnchorInputs = {
  'wait-for-service-stability': true,
  'wait-max-delay-seconds': 15,
  'wait-for-minutes': 10,
};

const SCENARIOS: { name: string; behaviour: TaskBehaviour; lagMs?: number }[] = [
  { name: 'healthy', behaviour: { kind: 'healthy' } },
  { name: 'crash loop, breaker rolls back', behaviour: { kind: 'crash', exitCode: 1 } },
  {
    name: 'healthy, DescribeServices 5 s behind UpdateService',
    behaviour: { kind: 'healthy' },
    lagMs: 5_000,
  },
];

async function seeded(behaviour: TaskBehaviour, image: string, lagMs = 0): Promise<Simulator> {
  const sim = await startSimulator({
    time: { accelerated: SPEED },
    realism: { ...ALL_REALISM, describeServicesLagMs: lagMs },
  });
  Object.assign(process.env, sim.env());
  sim.setImageBehaviour(image, behaviour);
  await sim.seedService({
    cluster: 'c',
    service: 's',
    image: `${REPO}:stable`,
    desiredCount: 1,
    circuitBreaker: { enable: true, rollback: true },
  });
  return sim;
}

/** The anchor's bundle as a runner starts it; its verdict is its exit code, its message the ::error:: line. */
async function runBundle(bundle: string, sim: Simulator, image: string): Promise<string> {
  const { ecs } = createAwsClients({ region: sim.region });
  const current = (await ecs.send(new DescribeServicesCommand({ cluster: 'c', services: ['s'] })))
    .services?.[0];
  const described = await ecs.send(
    new DescribeTaskDefinitionCommand({ taskDefinition: current?.taskDefinition }),
  );
  const rendered = renderTaskDefinition(
    { taskDefinition: described.taskDefinition ?? {}, tags: [] },
    { image },
  );
  const workspace = mkdtempSync(join(tmpdir(), 'anchor-check-'));
  writeFileSync(join(workspace, 'task-definition.json'), JSON.stringify(rendered.input));
  for (const f of ['output', 'state', 'summary']) writeFileSync(join(workspace, f), '');
  const inputs: Record<string, string> = {
    'task-definition': 'task-definition.json',
    cluster: 'c',
    service: 's',
    ...Object.fromEntries(Object.entries(INPUTS).map(([k, v]) => [k, String(v)])),
  };
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...sim.env(),
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: join(workspace, 'output'),
    GITHUB_STATE: join(workspace, 'state'),
    GITHUB_STEP_SUMMARY: join(workspace, 'summary'),
    RUNNER_TEMP: workspace,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  };
  const child = spawn(process.execPath, [bundle], { env });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.resume();
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  rmSync(workspace, { recursive: true, force: true });
  const error = /^::error::(.*)$/m.exec(stdout)?.[1] ?? '';
  return code === 0 ? 'succeeded' : `failed: ${error}`;
}

async function runReproduction(sim: Simulator, image: string): Promise<string> {
  const { ecs } = createAwsClients({ region: sim.region });
  // Poll on the real clock, as the bundle's waiter does.
  const clock = { now: () => sim.now(), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };
  const run = await anchorDeploy(ecs, clock, { cluster: 'c', service: 's', image }, INPUTS, seededRandom(1));
  return run.verdict === 'succeeded' ? 'succeeded' : `${run.verdict}: ${run.message}`;
}

async function main(): Promise<void> {
  const bundle = process.env.ANCHOR_BUNDLE;
  if (!bundle)
    throw new Error('ANCHOR_BUNDLE=/path/to/amazon-ecs-deploy-task-definition/dist/index.js is required');
  console.log(
    `${ANCHOR.name} ${ANCHOR.version} (${ANCHOR.commit.slice(0, 7)}): its bundle and bench/anchor-reference.ts,` +
      ` inputs ${JSON.stringify(INPUTS)}, simulator at ${SPEED}x with the breaker on (rollback).\n`,
  );
  console.log('| scenario | anchor bundle | reproduction | agree |');
  console.log('| --- | --- | --- | --- |');
  for (const [index, scenario] of SCENARIOS.entries()) {
    const image = `${REPO}:check-${index}`;
    const results: string[] = [];
    for (const side of ['bundle', 'reproduction'] as const) {
      const sim = await seeded(scenario.behaviour, image, scenario.lagMs);
      try {
        results.push(
          side === 'bundle' ? await runBundle(bundle, sim, image) : await runReproduction(sim, image),
        );
      } finally {
        await sim.close();
      }
    }
    const [real = '', ours = ''] = results;
    const same = real.replace(/ecs-svc\/\d+/g, 'ecs-svc/…') === ours.replace(/ecs-svc\/\d+/g, 'ecs-svc/…');
    console.log(`| ${scenario.name} | ${real} | ${ours} | ${same ? 'yes' : '**no**'} |`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
