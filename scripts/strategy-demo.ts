/**
 * `npx tsx scripts/strategy-demo.ts [output-dir]`: the strapi-deploy CLI (in-process, the same code as the
 * bundle) deploying to two simulated services that use ECS's built-in strategies, on virtual time:
 * - a CANARY service with ECS's defaults (5 % for 10 min, then the rest) and 10 min of bake time: healthy;
 * - a BLUE_GREEN service with 15 min of bake time whose target-group 5xx alarm goes into ALARM 4 min into
 *   the bake time: ECS rolls it back and the CLI reports that, naming the alarm.
 * Prints the CLI's output and the job summaries it writes (--summary-file).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../src/cli/cli';
import type { CliIo } from '../src/cli/command';
import type { OutputStream } from '../src/cli/terminal-reporter';
import { startSimulator, type StrategyConfigRecord } from '../sim';

const CLUSTER = 'strapi';
const ALARM = 'strapi-production-target-5xx';

interface DemoService {
  service: string;
  config: Partial<StrategyConfigRecord>;
  /** Puts the alarm into ALARM this long after the deployment enters BAKE_TIME. */
  alarmAfterBakeSeconds?: number;
}

const SERVICES: DemoService[] = [
  {
    service: 'cms-canary',
    config: {
      strategy: 'CANARY',
      bakeTimeInMinutes: 10,
      canaryConfiguration: { canaryPercent: 5, canaryBakeTimeInMinutes: 10 },
    },
  },
  {
    service: 'cms-bluegreen',
    config: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 15 },
    alarmAfterBakeSeconds: 240,
  },
];

export async function runStrategyDemo(outputDir: string, out: OutputStream): Promise<string[]> {
  const sim = await startSimulator({ time: 'manual' });
  const saved = { ...process.env };
  Object.assign(process.env, sim.env());
  const summaries: string[] = [];
  try {
    const registry = `123456789012.dkr.ecr.${sim.region}.amazonaws.com/strapi`;
    fs.mkdirSync(outputDir, { recursive: true });
    for (const demo of SERVICES) {
      await sim.seedService({
        cluster: CLUSTER,
        service: demo.service,
        image: `${registry}:1.0.0`,
        desiredCount: 2,
        deploymentConfiguration: {
          ...demo.config,
          alarms: { alarmNames: [ALARM], enable: true, rollback: true },
        },
      });
      if (demo.alarmAfterBakeSeconds !== undefined)
        sim.armAlarm(ALARM, { stage: 'BAKE_TIME', afterSeconds: demo.alarmAfterBakeSeconds });
      const summaryFile = path.join(outputDir, `${demo.service}.md`);
      const argv = [
        'deploy',
        '--cluster',
        CLUSTER,
        '--service',
        demo.service,
        '--image',
        `${registry}:1.1.0`,
      ];
      argv.push('--wait-minutes', '40', '--poll-seconds', '15', '--summary-file', summaryFile);
      out.write(`\n$ strapi-deploy ${argv.join(' ')}\n`);
      const env: NodeJS.ProcessEnv = { ...process.env };
      for (const key of ['GITHUB_TOKEN', 'GITHUB_REPOSITORY', 'GITHUB_SHA']) delete env[key];
      const io: CliIo = { stdout: out, stderr: out, env, cwd: process.cwd(), clock: sim.clock };
      const exitCode = await main(argv, io);
      out.write(`(exit code ${exitCode})\n\n`);
      const summary = fs.readFileSync(summaryFile, 'utf8');
      summaries.push(summary);
      out.write(`--- ${summaryFile}\n${summary}\n`);
      sim.setAlarmState(ALARM, 'OK');
    }
    return summaries;
  } finally {
    await sim.close();
    process.env = saved;
  }
}

if (require.main === module) {
  const dir = process.argv[2] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'strategy-demo-'));
  runStrategyDemo(dir, process.stdout).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
