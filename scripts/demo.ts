/**
 * `npm run demo`: a whole release cycle of a Strapi service on ECS Fargate, locally, with no AWS
 * account and nothing installed beyond `npm ci`. The rollout simulator (sim/) plays ECS, ECR and
 * CloudWatch Logs over real HTTP with accelerated time; the real strapi-deploy CLI (the same code as
 * the bundle, called in-process) drives it: a good release, a crash-looping one caught and rolled
 * back, a release that drops content stopped and then allowed with a database snapshot first, a manual
 * rollback to the first release (which names that snapshot), status and history, a release whose data
 * import fails before the rollout (run-before); then staging to production (scripts/demo-promotion.ts).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../src/cli/cli';
import {
  CONTENT_SCHEMA_LABEL,
  encodeSchemaLabel,
  readAppContentSchema,
  type ContentSchema,
} from '../src/content-schema';
import type { CliIo } from '../src/cli/command';
import type { OutputStream } from '../src/cli/terminal-reporter';
import { shortTaskDefinitionName } from '../src/ecs/names';
import { startSimulator, type Simulator } from '../sim';
import type { TimeMode } from '../sim/virtual-clock';
import { runPromotionDemo, type PromotionStep } from './demo-promotion';

export const CLUSTER = 'strapi';
export const SERVICE = 'strapi';
export const DB_INSTANCE = 'strapi-db';

export interface DemoStep {
  title: string;
  argv: string[];
  exitCode: number;
  /** The verdict line of the job summary the step wrote (or `ok` for read-only steps). */
  verdict: string;
  /** What the service runs after the step (family:revision). */
  runningAfter: string;
  virtualSeconds: number;
  realSeconds: number;
  summaryFile?: string | undefined;
}

export interface DemoResult {
  firstRevision: string;
  steps: DemoStep[];
  finalRevision: string;
  /** Staging to production: the same digest promoted, then a failed staging release refused. */
  promotion: PromotionStep[];
  realSeconds: number;
}

export interface DemoOptions {
  /** Accelerated for people (a rollout takes seconds but is watched live); manual in the tests. */
  time: TimeMode;
  outputDir: string;
  stdout: OutputStream;
  stderr: OutputStream;
}

const sha = (text: string): string => createHash('sha1').update(text).digest('hex');

/** The Strapi 1.2.0 image was built without the Postgres driver: it starts, then exits 1. */
function crashLogLines(): string[] {
  // The simulator writes the `npm start` banner itself; these are the lines Strapi adds before it dies.
  return [
    '[2026-01-15 10:03:41.512] info: Starting Strapi in production mode',
    "[2026-01-15 10:03:42.087] error: Could not load js config file /opt/app/config/database.js: Cannot find module 'pg'",
    'Require stack:',
    '- /opt/app/node_modules/knex/lib/dialects/postgres/index.js',
    '- /opt/app/node_modules/@strapi/database/dist/connection.js',
    "Error: Cannot find module 'pg'",
    '    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)',
  ];
}

interface PlanItem {
  title: string;
  argv: string[];
  summary?: string;
}

/** What the 1.4.0 release's data import prints before it gives up (hand-written, in Strapi's log format). */
const IMPORT_FAILURE_LINES = [
  '[2026-01-15 10:20:41.120] info: Starting import...',
  '[2026-01-15 10:20:44.507] error: Import failed: relation "components_shared_seos" does not exist',
  'error: Import process failed.',
];

/**
 * A release that needs a data import first (`run-before`): the import runs once on the new revision,
 * exits 1, and the rollout is skipped; the service keeps running what it ran.
 */
function runBeforeStep(sim: Simulator, registry: string, base: string[]): PlanItem {
  const command = 'npm run strapi -- import -f /data/export.tar.gz --force';
  sim.setCommandBehaviour(command, { exitCode: 1, runSeconds: 25, logLines: IMPORT_FAILURE_LINES });
  return {
    title:
      '8. Deploy 1.4.0 after a data import on the new revision (run-before): the import fails, nothing is rolled out',
    argv: [
      'deploy',
      ...base,
      '--image',
      `${registry}:1.4.0`,
      '--git-sha',
      sha('1.4.0'),
      '--run-before',
      command,
    ],
    summary: '8-deploy-1.4.0-run-before.md',
  };
}

/**
 * The starter app's content schema (examples/strapi-app), as build-push labels its images, and release
 * 1.3.0's: the same without Article.body, which Strapi would drop at boot.
 */
function demoSchemas(): { starter: ContentSchema; withoutBody: ContentSchema } {
  const starter = readAppContentSchema(path.join(__dirname, '..', 'examples', 'strapi-app'));
  if (!starter) throw new Error('demo: examples/strapi-app has no content types');
  const withoutBody: ContentSchema = JSON.parse(JSON.stringify(starter)) as ContentSchema;
  delete withoutBody.contentTypes['api::article.article']?.attributes.body;
  return { starter, withoutBody };
}

function bold(stream: OutputStream, text: string): string {
  return stream.isTTY ? `\x1b[1m${text}\x1b[0m` : text;
}

export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const { stdout } = options;
  const say = (line = ''): void => void stdout.write(`${line}\n`);
  const startedAt = Date.now();
  const sim: Simulator = await startSimulator({ time: options.time });
  // The real AWS SDK clients find the simulator through the standard endpoint variables.
  const savedEnv = { ...process.env };
  delete process.env.AWS_PROFILE;
  Object.assign(process.env, sim.env());
  try {
    const registry = `123456789012.dkr.ecr.${sim.region}.amazonaws.com/strapi`;
    const seeded = await sim.seedService({
      cluster: CLUSTER,
      service: SERVICE,
      image: `${registry}:1.0.0`,
      desiredCount: 2,
    });
    const firstRevision = shortTaskDefinitionName(seeded.taskDefinitionArn);
    // The images carry the content-schema label build-push writes; 1.3.0 drops Article.body.
    const schemas = demoSchemas();
    for (const [tag, schema] of [
      ['1.0.0', schemas.starter],
      ['1.1.0', schemas.starter],
      ['1.2.0', schemas.starter],
      ['1.3.0', schemas.withoutBody],
      ['1.4.0', schemas.starter],
    ] as const) {
      sim.putImage('strapi', tag, undefined, undefined, {
        [CONTENT_SCHEMA_LABEL]: encodeSchemaLabel(schema),
      });
    }
    sim.rds.addInstance(DB_INSTANCE);
    sim.setImageBehaviour(`${registry}:1.2.0`, {
      kind: 'crash',
      exitCode: 1,
      afterSeconds: 8,
      logLines: crashLogLines(),
    });
    fs.mkdirSync(options.outputDir, { recursive: true });

    say(
      bold(stdout, 'strapi-deploy demo: a release cycle on a simulated ECS Fargate service (no AWS account)'),
    );
    say(
      `Rollout simulator at ${sim.url} (ECS, ECR, CloudWatch Logs over HTTP), ${describeTime(options.time)}.`,
    );
    say(
      `Seeded: cluster "${CLUSTER}", service "${SERVICE}", 2 tasks running ${firstRevision} (${registry}:1.0.0).`,
    );
    say(
      `Its database: RDS instance "${DB_INSTANCE}" (simulated RDS: a snapshot takes 30 s of simulated time).`,
    );

    const base = ['--cluster', CLUSTER, '--service', SERVICE];
    const plan: PlanItem[] = [
      {
        title: '1. Deploy a healthy release (1.1.0)',
        argv: ['deploy', ...base, '--image', `${registry}:1.1.0`, '--git-sha', sha('1.1.0')],
        summary: '1-deploy-1.1.0.md',
      },
      {
        title: '2. Deploy a crash-looping release (1.2.0): caught, diagnosed, rolled back automatically',
        argv: ['deploy', ...base, '--image', `${registry}:1.2.0`, '--git-sha', sha('1.2.0')],
        summary: '2-deploy-1.2.0.md',
      },
      {
        title: '3. Deploy a release that drops Article.body (1.3.0): stopped before any change',
        argv: ['deploy', ...base, '--image', `${registry}:1.3.0`, '--git-sha', sha('1.3.0')],
      },
      {
        title: '4. The same release, allowed: the database is snapshotted first',
        argv: [
          'deploy',
          ...base,
          '--image',
          `${registry}:1.3.0`,
          '--git-sha',
          sha('1.3.0'),
          '--allow-destructive-schema',
          '--db-instance',
          DB_INSTANCE,
        ],
        summary: '4-deploy-1.3.0.md',
      },
      {
        title: `5. Roll back by hand to the first release (${firstRevision}): it names the snapshot to restore`,
        argv: ['rollback', ...base, '--to', firstRevision.split(':')[1] ?? firstRevision],
        summary: '5-rollback.md',
      },
      { title: '6. Status of the service', argv: ['status', ...base, '--events', '6'] },
      { title: '7. Release history', argv: ['history', ...base] },
      runBeforeStep(sim, registry, base),
    ];

    // Run inside a workflow, the demo must not record its simulated releases in the real repository.
    const cliEnv: NodeJS.ProcessEnv = { ...process.env };
    for (const key of ['GITHUB_TOKEN', 'GITHUB_REPOSITORY', 'GITHUB_SHA']) delete cliEnv[key];
    const steps: DemoStep[] = [];
    for (const item of plan) {
      const summaryFile = item.summary ? path.join(options.outputDir, item.summary) : undefined;
      const argv = summaryFile
        ? [...item.argv, '--summary-file', path.relative(process.cwd(), summaryFile)]
        : item.argv;
      say();
      say(bold(stdout, `== ${item.title}`));
      say(`$ strapi-deploy ${argv.map((a) => (/\s/.test(a) ? `'${a}'` : a)).join(' ')}`);
      const io: CliIo = {
        stdout,
        stderr: options.stderr,
        env: cliEnv,
        cwd: process.cwd(),
        clock: sim.clock,
      };
      const virtualStart = sim.now();
      const realStart = Date.now();
      const exitCode = await main(argv, io);
      const running = sim.state.service(CLUSTER, SERVICE)?.taskDefinition ?? '';
      steps.push({
        title: item.title,
        argv,
        exitCode,
        verdict: summaryFile ? summaryVerdict(summaryFile) : exitCode === 0 ? 'ok' : `exit ${exitCode}`,
        runningAfter: shortTaskDefinitionName(running),
        virtualSeconds: Math.round((sim.now() - virtualStart) / 1000),
        realSeconds: (Date.now() - realStart) / 1000,
        summaryFile,
      });
      say(`(exit code ${exitCode})`);
    }

    const finalRevision = shortTaskDefinitionName(sim.state.service(CLUSTER, SERVICE)?.taskDefinition ?? '');
    const promotion = await runPromotionDemo({
      sim,
      outputDir: options.outputDir,
      stdout,
      stderr: options.stderr,
      env: cliEnv,
      say,
      heading: (text) => bold(stdout, text),
    });
    const result: DemoResult = {
      firstRevision,
      steps,
      finalRevision,
      promotion,
      realSeconds: (Date.now() - startedAt) / 1000,
    };
    say();
    say(bold(stdout, 'Job summaries (the Markdown the GitHub Action writes to the run page):'));
    for (const step of steps)
      if (step.summaryFile) say(`  ${path.relative(process.cwd(), step.summaryFile)}`);
    say();
    say(bold(stdout, 'Recap'));
    say(renderRecap(result));
    return result;
  } finally {
    await sim.close();
    for (const key of Object.keys(sim.env())) {
      if (key in savedEnv) process.env[key] = savedEnv[key];
      else delete process.env[key];
    }
    if (savedEnv.AWS_PROFILE !== undefined) process.env.AWS_PROFILE = savedEnv.AWS_PROFILE;
  }
}

function describeTime(time: TimeMode): string {
  return time === 'manual'
    ? 'virtual time moved by the waits'
    : `time running ${time.accelerated}x faster than real`;
}

/** `## Deploy strapi: ✅ Succeeded` -> `✅ Succeeded`. */
function summaryVerdict(file: string): string {
  try {
    const heading =
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .find((l) => l.startsWith('## ')) ?? '';
    return heading.replace(/^## [^:]*: /, '') || '(no verdict)';
  } catch {
    return '(no summary written)';
  }
}

export function renderRecap(result: DemoResult): string {
  const rows = result.steps.map((s) => [
    s.title.split(' ')[0] ?? '',
    `${s.argv[0] ?? ''}${s.argv.includes('--image') ? ` ${s.argv[s.argv.indexOf('--image') + 1]?.split(':').pop() ?? ''}` : ''}${
      s.argv.includes('--to') ? ` --to ${s.argv[s.argv.indexOf('--to') + 1] ?? ''}` : ''
    }`,
    String(s.exitCode),
    s.verdict,
    s.runningAfter,
    `${s.virtualSeconds}s`,
    `${s.realSeconds.toFixed(1)}s`,
  ]);
  const header = ['step', 'command', 'exit', 'verdict', 'service runs', 'simulated', 'real'];
  const widths = header.map((h, i) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))),
  );
  const line = (cells: string[]): string =>
    `  ${cells.map((c, i) => c + ' '.repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(c)))).join('  ')}`.trimEnd();
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    `  First release ${result.firstRevision}; the service ends on ${result.finalRevision}. Whole demo: ${result.realSeconds.toFixed(1)} s real time.`,
  ].join('\n');
}

/** Emoji take two columns and variation selectors none; close enough to align the recap. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code === 0xfe0f || code === 0x200d) continue;
    width += code >= 0x2190 ? 2 : 1;
  }
  return width;
}

if (require.main === module) {
  // The SDK's notice about future Node versions is noise in a demo (the CLI itself keeps it).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const speed = Number(process.env.DEMO_SPEED ?? 8);
  runDemo({
    time: { accelerated: speed > 0 ? speed : 8 },
    outputDir: path.resolve('demo-output'),
    stdout: process.stdout,
    stderr: process.stderr,
  }).then(
    (result) => {
      const expected = [0, 1, 2, 0, 0, 0, 0, 1];
      // Promotion: deploy staging, promote, a failed staging release, its promotion refused (exit 2).
      const promotionExpected = [0, 0, 1, 2];
      const asExpected =
        result.steps.every((s, i) => s.exitCode === expected[i]) &&
        result.finalRevision === result.firstRevision &&
        result.promotion.every((s, i) => s.exitCode === promotionExpected[i]);
      process.exitCode = asExpected ? 0 : 1;
      if (!asExpected) process.stderr.write('The demo did not go as expected (see the exit codes above).\n');
    },
    (error: unknown) => {
      process.stderr.write(
        `demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
