/**
 * Cold start of every action bundle: process start, as a runner starts an action (INPUT_* env), to its
 * first AWS request (bench/cold-start.ts), against the anchor's bundle measured in the same run.
 * Bundles run one after another in interleaved rounds, so a busy moment of a shared machine falls on
 * every bundle alike; medians over the rounds.
 *
 *   npm run bench:start                      dist/*, 7 rounds
 *   ANCHOR_BUNDLE=/path/to/amazon-ecs-deploy-task-definition/dist/index.js npm run bench:start
 *   npm run bench:start -- --runs 21         more rounds (or BENCH_RUNS=21)
 *   npm run bench:start -- --dist DIR        another build's bundles (npm run build -- --out DIR)
 *   npm run bench:start -- --readme          also rewrites the README between <!-- start-bench:start/end -->
 *
 * The bundles run on the Node that runs this script (process.execPath): put the runners' Node first on PATH.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { ANCHOR } from './anchor-reference';
import { firstRequest, median, type BundleUnderTest, type FirstRequest } from './cold-start';
import { machineLine, rewriteReadmeSection } from './readme-section';

/** The issue's goal: each bundle's median at most half the anchor's. */
const GOAL = 0.5;
const REGION = 'ap-south-1';
const CLUSTER = 'bench';
const SERVICE = 'strapi';
const REPO = `123456789012.dkr.ecr.${REGION}.amazonaws.com/strapi`;
/** Bundles in dist/ that are not actions: the simulator the CLI's `sim` command loads. */
const NOT_ACTIONS = new Set(['sim']);

const printed: string[] = [];
function print(line: string): void {
  printed.push(line);
  console.log(line);
}

function option(flag: string): string | undefined {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The anchor's task definition file, in the workspace as its `task-definition` input names it. */
const ANCHOR_TASK_DEFINITION = JSON.stringify({
  family: 'strapi',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '512',
  memory: '1024',
  containerDefinitions: [{ name: 'strapi', image: `${REPO}:bench-bundle`, essential: true }],
});

function bundles(distDir: string): BundleUnderTest[] {
  const list: BundleUnderTest[] = [];
  const anchor = process.env.ANCHOR_BUNDLE;
  if (anchor) {
    if (!existsSync(anchor)) throw new Error(`ANCHOR_BUNDLE=${anchor} does not exist`);
    list.push({
      label: `anchor ${ANCHOR.version} dist/index.js`,
      path: anchor,
      inputs: { 'task-definition': 'task-definition.json', cluster: CLUSTER, service: SERVICE },
      files: { 'task-definition.json': ANCHOR_TASK_DEFINITION },
    });
  }
  if (!existsSync(distDir)) return list;
  for (const name of readdirSync(distDir).sort()) {
    const path = join(distDir, name, 'index.js');
    if (NOT_ACTIONS.has(name) || !existsSync(path)) continue;
    list.push({
      label: `dist/${name}`,
      path,
      ...(name === 'cli' ? { args: ['status', '--cluster', CLUSTER, '--service', SERVICE] } : {}),
      inputs: {
        cluster: CLUSTER,
        service: SERVICE,
        'image-uri': `${REPO}:bench-bundle`,
        'aws-region': REGION,
        repository: 'strapi',
        'stack-name': 'strapi-bench',
        'wait-minutes': '1',
        // promote reads the service it promotes from first.
        'source-cluster': `${CLUSTER}-staging`,
        'source-service': SERVICE,
      },
    });
  }
  return list;
}

/** Size of the entry file, and of every .js beside it (lazy chunks, loaded only on their paths). */
function sizes(bundlePath: string): { entry: number; all: number } {
  const dir = dirname(bundlePath);
  const all = readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
  return { entry: statSync(bundlePath).size, all };
}

const cpuTimes = (runs: FirstRequest[]): number[] =>
  runs.flatMap((r) => (r.cpuMs === undefined ? [] : [r.cpuMs]));
const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;
const ms = (value: number): string => `${value.toFixed(0)} ms`;

function printTable(list: BundleUnderTest[], runs: Map<string, FirstRequest[]>, rounds: number): boolean {
  const anchorLabel = list.find((b) => b.path === process.env.ANCHOR_BUNDLE)?.label;
  const anchorRuns = anchorLabel ? (runs.get(anchorLabel) ?? []) : [];
  const anchorMedian = anchorRuns.length ? median(anchorRuns.map((r) => r.wallMs)) : undefined;
  const anchorCpu = cpuTimes(anchorRuns);
  const anchorCpuMedian = anchorCpu.length ? median(anchorCpu) : undefined;
  print(
    `\nCold start: process start, as a runner starts an action, to its first AWS request; ${rounds} interleaved` +
      ` rounds, median, min and max wall clock, and the process's CPU time (user + system) at that request.` +
      (anchorMedian
        ? ` Ratio: the median to the anchor's median in the same rounds (goal ≤ ${GOAL}); the CPU ratio the same` +
          ' for CPU time, which moves less with what else the machine runs.'
        : ''),
  );
  print('');
  print(
    '| bundle | entry file (all chunks) | median | min | max | ratio to anchor | goal ≤ 0.5 | CPU at first request, median | CPU ratio |',
  );
  print('| --- | --: | --: | --: | --: | --: | --- | --: | --: |');
  let allMet = true;
  for (const b of list) {
    const wall = (runs.get(b.label) ?? []).map((r) => r.wallMs);
    const cpu = cpuTimes(runs.get(b.label) ?? []);
    const cpuRatio = anchorCpuMedian && cpu.length ? `${(median(cpu) / anchorCpuMedian).toFixed(2)}×` : '';
    const size = sizes(b.path);
    const ratio = anchorMedian && wall.length ? median(wall) / anchorMedian : undefined;
    const isAnchor = b.label === anchorLabel;
    const met = isAnchor || ratio === undefined ? '' : ratio <= GOAL ? 'met' : '**not met**';
    if (!isAnchor && ratio !== undefined && ratio > GOAL) allMet = false;
    const cells = wall.length
      ? [ms(median(wall)), ms(Math.min(...wall)), ms(Math.max(...wall))]
      : ['no AWS request within 10 s', '', ''];
    print(
      `| ${b.label} | ${kib(size.entry)} (${kib(size.all)}) | ${cells.join(' | ')} | ` +
        `${ratio === undefined ? '' : `${ratio.toFixed(2)}×`} | ${met} | ${cpu.length ? ms(median(cpu)) : ''} | ${cpuRatio} |`,
    );
  }
  return allMet;
}

async function main(): Promise<void> {
  const rounds = Number(option('--runs') ?? process.env.BENCH_RUNS ?? 7);
  if (!Number.isInteger(rounds) || rounds < 1)
    throw new Error(`--runs must be a whole number ≥ 1, got ${rounds}`);
  const distDir = option('--dist') ?? join(__dirname, '..', 'dist');
  const list = bundles(distDir);
  if (!list.length) throw new Error(`No bundles in ${distDir} (npm run build) and no ANCHOR_BUNDLE`);

  const loadBefore = loadavg()[0] ?? 0;
  const runs = new Map<string, FirstRequest[]>(list.map((b) => [b.label, []]));
  for (let round = 0; round < rounds; round++)
    for (const b of list) {
      const result = await firstRequest(b, REGION);
      if (result) runs.get(b.label)?.push(result);
    }
  const loadAfter = loadavg()[0] ?? 0;

  print(machineLine());
  print(`Load average (1 min) ${loadBefore.toFixed(1)} before the rounds, ${loadAfter.toFixed(1)} after.`);
  const allMet = printTable(list, runs, rounds);
  if (process.argv.includes('--readme')) rewriteReadmeSection('start-bench', printed);
  if (process.env.ANCHOR_BUNDLE)
    console.log(`\nEvery bundle ≤ ${GOAL}× the anchor: ${allMet ? 'yes' : 'NO'}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
