import { DescribeTasksCommand, ListTagsForResourceCommand, ListTasksCommand } from '@aws-sdk/client-ecs';
import { ONE_OFF_STARTED_BY } from '../../../src/deploy/one-off-task';
import { parseCommand } from '../../../src/deploy/release-check-inputs';
import { runDeploy } from '../../../src/use-cases/deploy';
import { renderReleaseSummary } from '../../../src/use-cases/summary';
import type { CommandBehaviour, Simulator, TaskBehaviour } from '../../../sim';
import { createAwsClients } from '../../support/aws-clients';
import {
  abortingClock,
  deployInputs,
  simulatedJob,
  startSimulatedAws,
  type SimulatedAws,
} from '../../support/simulated-aws';

/**
 * `run-before` on the rollout simulator: the deploy use case runs the command once on the new revision
 * (RunTask over real HTTP, virtual time) and rolls out only when it exits 0. Each row seeds its own
 * service, so the rows share one simulator and nothing else.
 */
const CLUSTER = 'strapi-production';
const REPO = '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi';
const MIGRATE = 'npm run strapi -- migrate --to "release 2"';

let aws: SimulatedAws;
let sim: Simulator;

beforeAll(async () => {
  aws = await startSimulatedAws();
  sim = aws.sim;
});
afterAll(() => aws.close());

interface Row {
  name: string;
  image?: TaskBehaviour;
  command?: CommandBehaviour;
  cancelAfterMs?: number;
  verdict: string;
  oneOff: string;
  rolledOut: boolean;
  /** What history says of the new revision (deploy-result tag), or undefined for never judged. */
  recorded: string | undefined;
  reason: RegExp;
  stopTask: RegExp | undefined;
  /** Lines of the one-off task's log tail in the result. */
  logTail: string[];
}

const ROWS: Row[] = [
  {
    name: 'exit 0: the rollout goes on',
    command: { exitCode: 0, runSeconds: 40, logLines: ['migrated 3 tables'] },
    verdict: 'succeeded',
    oneOff: 'succeeded',
    rolledOut: true,
    recorded: 'success',
    reason: /^Rollout COMPLETED/,
    stopTask: undefined,
    logTail: [],
  },
  {
    name: 'exit 1: the rollout is skipped, exit code and log tail in the reason',
    command: {
      exitCode: 1,
      runSeconds: 20,
      logLines: [
        '> migrate',
        'error: relation "articles" does not exist',
        '    at Migrator.run (migrate.js:10:5)',
      ],
    },
    verdict: 'failed',
    oneOff: 'failed',
    rolledOut: false,
    recorded: 'failure',
    reason:
      /^The run-before task \(`npm run strapi -- migrate --to "release 2"`\) failed after \d+ s: task [0-9a-f]{32}: EssentialContainerExited: "Essential container in task exited": strapi exit 1; log: error: relation "articles" does not exist\. The rollout was skipped: [\w-]+ still runs [\w-]+:1\.$/,
    stopTask: undefined,
    logTail: [
      '> migrate',
      'error: relation "articles" does not exist',
      '    at Migrator.run (migrate.js:10:5)',
    ],
  },
  {
    name: 'the image cannot be pulled: the task never starts, the stop reason says why',
    image: { kind: 'pull-error' },
    verdict: 'failed',
    oneOff: 'failed',
    rolledOut: false,
    recorded: 'failure',
    reason:
      /failed after \d+ s: task [0-9a-f]{32}: TaskFailedToStart: "CannotPullContainerError: .*not found"; strapi never ran to an exit code\. The rollout was skipped/,
    stopTask: undefined,
    logTail: [],
  },
  {
    name: 'never ends: stopped (StopTask) at run-before-minutes, failed',
    command: { neverEnds: true, logLines: [] },
    verdict: 'failed',
    oneOff: 'timed-out',
    rolledOut: false,
    recorded: 'failure',
    reason: /did not finish in 1 min \(last seen RUNNING\); it was stopped\. The rollout was skipped/,
    stopTask: /^strapi-deploy: run-before did not finish in 1 min$/,
    logTail: [],
  },
  {
    name: 'cancelled while it runs: stopped (StopTask), nothing rolled out, never judged',
    command: { neverEnds: true },
    cancelAfterMs: 30_000,
    verdict: 'cancelled',
    oneOff: 'cancelled',
    rolledOut: false,
    recorded: undefined,
    reason:
      /^The run was cancelled while the run-before task [0-9a-f]{32} ran .*; the task was stopped\. The rollout was skipped/,
    stopTask: /^strapi-deploy: the run was cancelled$/,
    logTail: [],
  },
];

describe('run-before on the simulator', () => {
  test.each(ROWS.map((row, i) => [row.name, row, `oneoff-${i}`] as const))(
    '%s',
    async (_name, row, service) => {
      const seeded = await sim.seedService({ cluster: CLUSTER, service, image: `${REPO}:v1` });
      const image = `${REPO}:${service}-v2`;
      if (row.image) sim.setImageBehaviour(image, row.image);
      const command = parseCommand(MIGRATE);
      if (row.command) sim.setCommandBehaviour(command.join(' '), row.command);
      const controller = new AbortController();
      const { env, reporter } = simulatedJob(
        sim,
        row.cancelAfterMs
          ? { clock: abortingClock(sim, controller, row.cancelAfterMs), signal: controller.signal }
          : {},
      );
      const from = sim.requests.length;

      const result = await runDeploy(env, {
        inputs: deployInputs(CLUSTER, service, image, {
          runBefore: { text: MIGRATE, command, timeoutMinutes: 1 },
        }),
      });

      const ops = sim.requests.slice(from).filter((r) => !r.fault);
      const runTasks = ops.filter((r) => r.operation === 'RunTask');
      expect(runTasks).toHaveLength(1);
      // Where and how the service runs: launch type and network configuration copied, the command on the
      // app container of the NEW revision, marked as ours and tagged with the release.
      expect(runTasks[0]?.input).toEqual({
        cluster: CLUSTER,
        taskDefinition: result.to.taskDefinitionArn,
        count: 1,
        launchType: 'FARGATE',
        platformVersion: 'LATEST',
        networkConfiguration: {
          awsvpcConfiguration: {
            subnets: ['subnet-0a1b2c3d4e5f60001'],
            securityGroups: ['sg-0a1b2c3d4e5f60001'],
            assignPublicIp: 'DISABLED',
          },
        },
        overrides: { containerOverrides: [{ name: 'strapi', command }] },
        startedBy: ONE_OFF_STARTED_BY,
        tags: [{ key: 'strapi-deploy:release', value: `${service}:2` }],
        clientToken: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
      expect(command).toEqual(['npm', 'run', 'strapi', '--', 'migrate', '--to', 'release 2']);

      const opNames = ops.map((r) => r.operation);
      const updates = ops.filter((r) => r.operation === 'UpdateService');
      expect(updates).toHaveLength(row.rolledOut ? 1 : 0);
      if (row.rolledOut) expect(opNames.indexOf('RunTask')).toBeLessThan(opNames.indexOf('UpdateService'));
      expect(sim.state.service(CLUSTER, service)?.taskDefinition).toBe(
        row.rolledOut ? result.to.taskDefinitionArn : seeded.taskDefinitionArn,
      );

      expect(result.verdict).toBe(row.verdict);
      expect(result.oneOff?.verdict).toBe(row.oneOff);
      expect(result.reason).toMatch(row.reason);
      expect(result.rollout === undefined).toBe(!row.rolledOut);
      expect(result.oneOff?.task?.logTail ?? []).toEqual(row.logTail);

      const stops = ops.filter((r) => r.operation === 'StopTask');
      if (row.stopTask) {
        expect(stops).toHaveLength(1);
        expect(stops[0]?.input).toMatchObject({ cluster: CLUSTER, task: result.oneOff?.taskArn });
        expect((stops[0]?.input as { reason?: string }).reason).toMatch(row.stopTask);
      } else {
        expect(stops).toHaveLength(0);
      }

      // The task as ECS shows it afterwards: ours, on the new revision, stopped (StopTask's reason included).
      sim.advance(10_000);
      const { ecs } = createAwsClients({ region: sim.region });
      const listed = await ecs.send(
        new ListTasksCommand({ cluster: CLUSTER, family: service, desiredStatus: 'STOPPED' }),
      );
      expect(listed.taskArns).toContain(result.oneOff?.taskArn);
      const described = await ecs.send(
        new DescribeTasksCommand({ cluster: CLUSTER, tasks: [result.oneOff?.taskArn ?? ''] }),
      );
      const task = described.tasks?.[0];
      expect(task).toMatchObject({
        lastStatus: 'STOPPED',
        startedBy: ONE_OFF_STARTED_BY,
        taskDefinitionArn: result.to.taskDefinitionArn,
        group: `family:${service}`,
        overrides: { containerOverrides: [{ name: 'strapi', command }] },
      });
      if (row.stopTask) expect(task?.stopCode).toBe('UserInitiated');

      // The history of the new revision: a failed one-off judged it; a cancelled run did not.
      const tags = await ecs.send(
        new ListTagsForResourceCommand({ resourceArn: result.to.taskDefinitionArn }),
      );
      expect(tags.tags?.find((t) => t.key === 'deploy-result')?.value).toBe(row.recorded);

      // Progress lines while it ran, and the summary's line for it.
      expect(
        reporter.lines.some((l) =>
          /One-off task [0-9a-f]{32}: (PROVISIONING|PENDING|RUNNING)/.test(l.message),
        ),
      ).toBe(true);
      expect(renderReleaseSummary(result)).toMatch(/\| Run before \| `npm run strapi/);
      expect(sim.schemaViolations).toEqual([]);
    },
  );
});

test('a run-before task that succeeded judges nothing: a rollout refused after it leaves the release unknown', async () => {
  const service = 'oneoff-refused';
  await sim.seedService({ cluster: CLUSTER, service, image: `${REPO}:v1` });
  const command = ['npm', 'run', 'migrate'];
  const { env } = simulatedJob(sim);
  // A desired count the reader would refuse, handed in directly so that UpdateService refuses it.
  const result = await runDeploy(env, {
    inputs: deployInputs(CLUSTER, service, `${REPO}:${service}-v2`, {
      desiredCount: -1,
      runBefore: { text: command.join(' '), command, timeoutMinutes: 1 },
    }),
  });
  expect(result.oneOff?.verdict).toBe('succeeded');
  expect(result.verdict).toBe('failed');
  expect(result.reason).toMatch(/ecs:UpdateService was rejected: Desired count must be non-negative/);
  const { ecs } = createAwsClients({ region: sim.region });
  const tags = await ecs.send(new ListTagsForResourceCommand({ resourceArn: result.to.taskDefinitionArn }));
  expect(tags.tags?.find((t) => t.key === 'deploy-result')).toBeUndefined();
});
