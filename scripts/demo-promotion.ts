/**
 * The demo's promotion step: staging and production as two services in two clusters of one simulated account
 * (what provision makes with `environment: staging` and `environment: production`). A release is deployed to
 * staging, then promoted: production runs the very digest staging runs, without a build. A release that failed
 * on staging is then refused, and production is left as it was.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { main } from '../src/cli/cli';
import type { CliIo } from '../src/cli/command';
import type { OutputStream } from '../src/cli/terminal-reporter';
import type { Simulator } from '../sim';

export const STAGING = { cluster: 'strapi-staging', service: 'strapi-staging' };
export const PRODUCTION = { cluster: 'strapi-production', service: 'strapi-production' };

export interface PromotionStep {
  title: string;
  argv: string[];
  exitCode: number;
  /** The image each environment's service runs after the step. */
  stagingImage: string;
  productionImage: string;
}

export interface PromotionDemoOptions {
  sim: Simulator;
  outputDir: string;
  stdout: OutputStream;
  stderr: OutputStream;
  /** The CLI's environment (GitHub variables removed by the caller). */
  env: NodeJS.ProcessEnv;
  say(line?: string): void;
  heading(text: string): string;
}

/** A digest as ECR would report it for a release, stable across runs. */
const digestOf = (version: string): string =>
  `sha256:${createHash('sha256').update(`strapi ${version}`).digest('hex')}`;

/** The app container's image in the revision a service runs now. */
export function runningImage(sim: Simulator, target: { cluster: string; service: string }): string {
  const arn = sim.state.service(target.cluster, target.service)?.taskDefinition ?? '';
  const td = sim.state.taskDefinition(arn) as
    { containerDefinitions?: Array<{ name?: string; image?: string }> } | undefined;
  return td?.containerDefinitions?.find((c) => c.name === 'strapi')?.image ?? '';
}

export async function runPromotionDemo(options: PromotionDemoOptions): Promise<PromotionStep[]> {
  const { sim, say } = options;
  const repository = `123456789012.dkr.ecr.${sim.region}.amazonaws.com/strapi-staging`;
  // Both environments start on the same release, each in its own cluster (provision's environment names).
  for (const target of [STAGING, PRODUCTION]) {
    await sim.seedService({
      ...target,
      family: `${target.cluster}-strapi`,
      image: `${repository}@${digestOf('1.0.0')}`,
      desiredCount: 2,
    });
  }
  // build-push pushed 2.0.0 and 2.1.0 to staging's repository; 2.1.0 runs a ten-minute migration before it answers.
  sim.putImage('strapi-staging', '2.0.0', digestOf('2.0.0'));
  sim.putImage('strapi-staging', '2.1.0', digestOf('2.1.0'));
  sim.setImageBehaviour(`${repository}:2.1.0`, { kind: 'slow-start', startSeconds: 600 });

  const staging = ['--cluster', STAGING.cluster, '--service', STAGING.service, '--environment', 'staging'];
  const promote = [
    'promote',
    '--source-cluster',
    STAGING.cluster,
    '--source-service',
    STAGING.service,
    '--cluster',
    PRODUCTION.cluster,
    '--service',
    PRODUCTION.service,
  ];
  const plan: { title: string; argv: string[]; summary?: string }[] = [
    {
      title: 'P1. Push to main deploys staging (2.0.0, pinned to its digest)',
      argv: [
        'deploy',
        ...staging,
        '--image',
        `${repository}@${digestOf('2.0.0')}`,
        '--git-sha',
        'a'.repeat(40),
      ],
    },
    {
      title: 'P2. Promote staging to production: the same digest, no build',
      argv: promote,
      summary: 'p2-promote.md',
    },
    {
      title:
        'P3. Staging gets 2.1.0: not healthy within 3 minutes, so its release failed (left in place: --no-rollback)',
      argv: [
        'deploy',
        ...staging,
        '--image',
        `${repository}:2.1.0`,
        '--git-sha',
        'b'.repeat(40),
        '--no-rollback',
        '--wait-minutes',
        '3',
      ],
    },
    { title: 'P4. Promoting it is refused: production keeps 2.0.0', argv: promote },
  ];

  const steps: PromotionStep[] = [];
  say();
  say(options.heading('== Environments: staging and production in one account, promotion of one digest'));
  say(`staging: cluster ${STAGING.cluster}; production: cluster ${PRODUCTION.cluster}; both on 1.0.0.`);
  for (const item of plan) {
    const summaryFile = item.summary ? path.join(options.outputDir, item.summary) : undefined;
    const argv = summaryFile
      ? [...item.argv, '--summary-file', path.relative(process.cwd(), summaryFile)]
      : item.argv;
    say();
    say(options.heading(`== ${item.title}`));
    say(`$ strapi-deploy ${argv.join(' ')}`);
    const io: CliIo = {
      stdout: options.stdout,
      stderr: options.stderr,
      env: options.env,
      cwd: process.cwd(),
      clock: sim.clock,
    };
    const exitCode = await main(argv, io);
    // The slow release becomes healthy later; staging then runs a release its history calls failed. The
    // quarter of an hour is jumped over, not waited for (2 minutes of real time at the demo's speed).
    if (item.argv.includes('--no-rollback')) sim.advance(15 * 60_000);
    const step: PromotionStep = {
      title: item.title,
      argv,
      exitCode,
      stagingImage: runningImage(sim, STAGING),
      productionImage: runningImage(sim, PRODUCTION),
    };
    steps.push(step);
    say(`(exit code ${exitCode})`);
    say(`staging runs ${shortName(step.stagingImage)}, production runs ${shortName(step.productionImage)}`);
  }
  return steps;
}

/** `…/strapi-staging@sha256:322e…` for a line people read. */
function shortName(image: string): string {
  const [name, digest] = image.split('@');
  return digest
    ? `${name?.split('/').pop() ?? ''}@${digest.slice(0, 19)}…`
    : (image.split('/').pop() ?? image);
}
