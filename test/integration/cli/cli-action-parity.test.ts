import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deployServiceAction } from '../../../src/action-kit/deploy-service-action';
import { rollbackAction } from '../../../src/action-kit/rollback-action';
import { main } from '../../../src/cli/cli';
import { memoryIo } from '../../support/memory-io';
import { silentReporter } from '../../../src/core/reporter';
import { runDeploy } from '../../../src/use-cases/deploy';
import type { ReleaseResult } from '../../../src/use-cases/release-result';
import type { Simulator, TaskBehaviour } from '../../../sim';
import { recordingActionKit } from '../../support/action-kit';
import { deployInputs, startSimulatedAws } from '../../support/simulated-aws';

/**
 * The CLI and the actions are two thin shells over the same use cases (runDeploy, runRollback), so
 * this is a small guard, not what keeps them in step: for one scenario each, both front doors make
 * the same AWS calls, say the same verdict word for the same reason, write the same job summary and
 * leave the service on the same revision.
 */
const REGISTRY = '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi';
// @actions/core resolves GITHUB_STEP_SUMMARY once per process and keeps the path: one file, emptied per run.
const ACTION_SUMMARY = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'parity-')), 'step-summary.md');

interface Run {
  status: string;
  reason: string;
  taskDefinition: string;
  operations: string[];
  summary: string;
  failed: boolean;
}

/** Task ids, deployment ids and ARNs' random parts differ between two simulators; the decisions must not. */
function normalize(text: string): string {
  return text.replace(/\b[0-9a-f]{32}\b/g, '<task>').replace(/ecs-svc\/\d+/g, 'ecs-svc/<id>');
}

async function withSimulator<T>(behaviour: TaskBehaviour, run: (sim: Simulator) => Promise<T>): Promise<T> {
  const { sim, close } = await startSimulatedAws();
  // Both front doors read GitHub settings from the environment; keep a CI runner's own out of this.
  for (const key of ['GITHUB_TOKEN', 'GITHUB_REPOSITORY', 'GITHUB_SHA', 'GITHUB_RUN_ID'])
    delete process.env[key];
  try {
    await sim.seedService({ cluster: 'strapi', service: 'strapi', image: `${REGISTRY}:1.0.0` });
    sim.setImageBehaviour(`${REGISTRY}:2.0.0`, behaviour);
    return await run(sim);
  } finally {
    await close();
  }
}

function finish(sim: Simulator, fields: Omit<Run, 'operations' | 'taskDefinition'>): Run {
  return {
    ...fields,
    reason: normalize(fields.reason),
    summary: normalize(fields.summary),
    operations: sim.requests.map((r) => `${r.service}:${r.operation}`),
    taskDefinition: sim.state.service('strapi', 'strapi')?.taskDefinition ?? '',
  };
}

async function viaAction(behaviour: TaskBehaviour, inputs: Record<string, string>): Promise<Run> {
  return withSimulator(behaviour, async (sim) => {
    const summaryFile = ACTION_SUMMARY;
    fs.writeFileSync(summaryFile, '');
    process.env.GITHUB_STEP_SUMMARY = summaryFile;
    const { kit, outputs } = recordingActionKit(inputs, sim.clock);
    const end = await deployServiceAction(kit);
    const summary = fs.readFileSync(summaryFile, 'utf8');
    // The summary's third line is the result's one-line reason.
    const reason = summary.split('\n')[2] ?? '';
    return finish(sim, {
      status: outputs.status ?? '',
      reason,
      summary: summary.trim(),
      failed: !!end.failed,
    });
  });
}

async function viaCli(behaviour: TaskBehaviour, argv: string[]): Promise<Run> {
  return withSimulator(behaviour, async (sim) => {
    const summaryFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'parity-')), 'summary.md');
    const io = memoryIo({ clock: sim.clock, env: process.env });
    const code = await main(['deploy', ...argv, '--json', '--summary-file', summaryFile], io);
    const result = JSON.parse(io.stdout.text).result as ReleaseResult;
    return finish(sim, {
      status: result.verdict,
      reason: result.reason,
      summary: fs.readFileSync(summaryFile, 'utf8').trim(),
      failed: code !== 0,
    });
  });
}

describe('the CLI and the deploy-service action decide alike on the same scenario', () => {
  test.each<[string, TaskBehaviour, Record<string, string>, string[], string]>([
    ['healthy release', { kind: 'healthy' }, {}, [], 'succeeded'],
    [
      'image pull error, no rollback',
      { kind: 'pull-error' },
      { 'rollback-on-failure': 'false' },
      ['--no-rollback'],
      'failed',
    ],
  ])('%s', async (_name, behaviour, extraInputs, extraFlags, expectedStatus) => {
    const action = await viaAction(behaviour, {
      cluster: 'strapi',
      service: 'strapi',
      'image-uri': `${REGISTRY}:2.0.0`,
      ...extraInputs,
    });
    const cli = await viaCli(behaviour, [
      '--cluster',
      'strapi',
      '--service',
      'strapi',
      '--image',
      `${REGISTRY}:2.0.0`,
      ...extraFlags,
    ]);

    expect(action.status).toBe(expectedStatus);
    expect(cli.status).toBe(action.status);
    expect(cli.failed).toBe(action.failed);
    expect(cli.reason).toBe(action.reason);
    expect(cli.taskDefinition).toBe(action.taskDefinition);
    expect(cli.operations).toEqual(action.operations);
    expect(cli.summary).toBe(action.summary);
  });
});

/** Two releases on the service (1.0.0 then 2.0.0), deployed by the engine itself, before the rollback under test. */
async function secondRelease(sim: Simulator): Promise<void> {
  const result = await runDeploy(
    { clock: sim.clock, reporter: silentReporter },
    {
      inputs: deployInputs('strapi', 'strapi', `${REGISTRY}:2.0.0`, { region: sim.region }),
      gitSha: 'b'.repeat(40),
    },
  );
  expect(result.verdict).toBe('succeeded');
  sim.requests.length = 0;
}

describe('the CLI and the rollback action decide alike', () => {
  test.each<[string, string, TaskBehaviour, string, number]>([
    ['rollback to a revision that crashes', '1', { kind: 'crash', exitCode: 3 }, 'strapi:1', 1],
  ])('%s', async (name, to, firstReleaseBehaviour, finalRevision, exitCode) => {
    const dryRun = name.startsWith('dry run');
    const run = (
      front: (
        sim: Simulator,
      ) => Promise<{ outputs: Record<string, string>; summary: string; failed: boolean }>,
    ) =>
      withSimulator({ kind: 'healthy' }, async (sim) => {
        await secondRelease(sim);
        sim.setImageBehaviour(`${REGISTRY}:1.0.0`, firstReleaseBehaviour);
        const out = await front(sim);
        return {
          ...out,
          outputs: Object.fromEntries(Object.entries(out.outputs).map(([k, v]) => [k, normalize(v)])),
          summary: normalize(out.summary),
          operations: sim.requests.map((r) => `${r.service}:${r.operation}`),
          running: sim.state.service('strapi', 'strapi')?.taskDefinition.split('/').pop(),
        };
      });

    const action = await run(async (sim) => {
      fs.writeFileSync(ACTION_SUMMARY, '');
      process.env.GITHUB_STEP_SUMMARY = ACTION_SUMMARY;
      const { kit, outputs } = recordingActionKit(
        { cluster: 'strapi', service: 'strapi', to, 'dry-run': String(dryRun) },
        sim.clock,
      );
      const end = await rollbackAction(kit);
      return { outputs, summary: fs.readFileSync(ACTION_SUMMARY, 'utf8').trim(), failed: !!end.failed };
    });
    const cli = await run(async (sim) => {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'parity-')), 'summary.md');
      const io = memoryIo({ clock: sim.clock, env: process.env });
      const argv = [
        'rollback',
        '--cluster',
        'strapi',
        '--service',
        'strapi',
        '--to',
        to,
        '--json',
        '--summary-file',
        file,
      ];
      const code = await main(dryRun ? [...argv, '--dry-run'] : argv, io);
      const result = JSON.parse(io.stdout.text).result as ReleaseResult;
      return {
        outputs: {
          status: result.verdict,
          'task-definition-arn': result.to.taskDefinitionArn,
          ...(result.deploymentId ? { 'deployment-id': normalize(result.deploymentId) } : {}),
          'rolled-back-from': result.from.taskDefinitionArn,
          ...(result.resolvedBy ? { 'resolved-by': result.resolvedBy } : {}),
        },
        summary: fs.readFileSync(file, 'utf8').trim(),
        failed: code !== 0,
      };
    });

    expect(action.running).toBe(finalRevision);
    expect(action.failed).toBe(exitCode === 1);
    expect(cli).toEqual(action);
  });
});
