/**
 * Rollout benchmark: each scenario on the rollout simulator, decided by this engine and by the
 * approach the reference action (aws-actions/amazon-ecs-deploy-task-definition) uses, side by side.
 * All times are simulated seconds on the simulator's virtual clock.
 *
 * The reference waits with the SDK's `waitUntilServicesStable({ minDelay: 15, maxWaitTime: 30 min })`:
 * one DescribeServices right after UpdateService, then the smithy waiter's exponential backoff with
 * jitter between minDelay 15 s and the ECS waiter's maxDelay 600 s; success when the service has one
 * deployment and runningCount == desiredCount; failure only when the service is MISSING, DRAINING or
 * INACTIVE, so task failures are never a verdict before the timeout. Reproduced here on the virtual
 * clock with a seeded random source, plus a fixed 15 s variant.
 *
 * Then, for each bundle in dist/: its size and the time from process start to its first AWS request.
 *
 *   npm run bench
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  type ECSClient,
} from '@aws-sdk/client-ecs';
import { createAwsClients } from '../test/support/aws-clients';
import { silentReporter } from '../src/core/reporter';
import { renderTaskDefinition, type EngineDeps } from '../src/deploy';
import { runDeploy } from '../src/use-cases/deploy';
import { startSimulator, type Simulator, type TaskBehaviour } from '../sim';

const CLUSTER = 'bench';
const REPO = '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi';
const REFERENCE_MIN_DELAY_S = 15;
const REFERENCE_MAX_DELAY_S = 600; // the ECS servicesStable waiter's default; the reference action does not set it
const REFERENCE_MAX_WAIT_MIN = 30; // the reference action's wait-for-minutes default
const OUR_WAIT = { waitMinutes: 15, pollSeconds: 10, maxTaskFailures: 2 };

interface Scenario {
  name: string;
  behaviour: TaskBehaviour;
  circuitBreaker?: boolean;
  /** What decides the verdict, found on the simulator after the fact. */
  decisive: 'steady-state' | 'second-failed-task' | 'circuit-breaker-failed';
  /** Overrides for our wait (the breaker scenario leaves the decision to ECS). */
  wait?: Partial<typeof OUR_WAIT>;
  expected: string;
}

const SCENARIOS: Scenario[] = [
  { name: 'healthy', behaviour: { kind: 'healthy' }, decisive: 'steady-state', expected: 'succeeded' },
  {
    name: 'slow start (4 min)',
    behaviour: { kind: 'slow-start', startSeconds: 240 },
    decisive: 'steady-state',
    expected: 'succeeded',
  },
  {
    name: 'crash loop',
    behaviour: { kind: 'crash', exitCode: 1, afterSeconds: 5, logLines: ['error: Missing APP_KEYS'] },
    decisive: 'second-failed-task',
    expected: 'failed',
  },
  {
    name: 'image pull error',
    behaviour: { kind: 'pull-error' },
    decisive: 'second-failed-task',
    expected: 'failed',
  },
  {
    name: 'health check failing',
    behaviour: { kind: 'health-check-fail', afterSeconds: 40 },
    decisive: 'second-failed-task',
    expected: 'failed',
  },
  {
    name: 'circuit breaker rollback',
    behaviour: { kind: 'crash', exitCode: 137, afterSeconds: 2 },
    circuitBreaker: true,
    decisive: 'circuit-breaker-failed',
    wait: { maxTaskFailures: 0 },
    expected: 'failed',
  },
];

interface Run {
  verdict: string;
  /** Virtual ms from the decisive event to the verdict. */
  latencyMs: number;
  /** Most ECS calls in any 60 s of the wait (what a rate limit sees). */
  peakCallsPerMinute: number;
  /** ECS calls over the whole wait, per minute. */
  meanCallsPerMinute: number;
  waitedMs: number;
}

/** The ECS requests of one wait: those after the run's UpdateService, among requests [from, to). */
function waitCalls(sim: Simulator, from: number, to: number): number[] {
  const slice = sim.requests.slice(from, to);
  const update = slice.findIndex((r) => r.operation === 'UpdateService');
  return slice
    .slice(update + 1)
    .filter((r) => r.service === 'ecs')
    .map((r) => r.at);
}

function rates(times: number[], waitedMs: number): Pick<Run, 'peakCallsPerMinute' | 'meanCallsPerMinute'> {
  const peak = Math.max(0, ...times.map((t) => times.filter((u) => u >= t && u < t + 60_000).length));
  return { peakCallsPerMinute: peak, meanCallsPerMinute: times.length / Math.max(waitedMs / 60_000, 1 / 60) };
}

/** mulberry32: a small seeded PRNG so the reference's jitter is repeatable. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** @smithy/core util-waiter `exponentialBackoffWithJitter`, with the clock and random source injected. */
function waiterDelayMs(
  attempt: number,
  now: number,
  waitUntil: number,
  random: () => number,
  fixed: boolean,
): number {
  const minMs = REFERENCE_MIN_DELAY_S * 1000;
  if (fixed) return minMs;
  const maxMs = REFERENCE_MAX_DELAY_S * 1000;
  const ceiling = Math.log(maxMs / minMs) / Math.log(2) + 1;
  if (attempt > ceiling) return maxMs;
  const capped = Math.min(minMs * 2 ** (attempt - 1), maxMs);
  const waitFor = minMs + random() * (capped - minMs);
  if (now + waitFor > waitUntil) return Math.max(0, waitUntil - now - 500);
  return waitFor;
}

/** The reference: register + UpdateService, then waitUntilServicesStable's polling on the virtual clock. */
async function referenceDeploy(
  sim: Simulator,
  ecs: ECSClient,
  service: string,
  image: string,
  fixed: boolean,
  seed: number,
) {
  const current = (await ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [service] })))
    .services?.[0];
  const described = await ecs.send(
    new DescribeTaskDefinitionCommand({ taskDefinition: current?.taskDefinition, include: ['TAGS'] }),
  );
  const rendered = renderTaskDefinition(
    { taskDefinition: described.taskDefinition ?? {}, tags: described.tags ?? [] },
    { image },
  );
  const arn = (await ecs.send(new RegisterTaskDefinitionCommand(rendered.input))).taskDefinition
    ?.taskDefinitionArn;
  await ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service, taskDefinition: arn }));
  const random = seededRandom(seed);
  const startedAt = sim.now();
  const waitUntil = startedAt + REFERENCE_MAX_WAIT_MIN * 60_000;
  let calls = 0;
  for (let attempt = 0; ; attempt++) {
    if (attempt > 0) {
      const delay = waiterDelayMs(attempt, sim.now(), waitUntil, random, fixed);
      if (sim.now() + delay > waitUntil)
        return { verdict: 'timed-out', startedAt, endedAt: sim.now(), calls };
      await sim.clock.sleep(delay);
    }
    calls++;
    const out = await ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [service] }));
    const s = out.services?.[0];
    if (
      out.failures?.some((f) => f.reason === 'MISSING') ||
      s?.status === 'DRAINING' ||
      s?.status === 'INACTIVE'
    ) {
      return { verdict: 'failed', startedAt, endedAt: sim.now(), calls };
    }
    if (s && s.deployments?.length === 1 && s.runningCount === s.desiredCount) {
      return { verdict: 'succeeded', startedAt, endedAt: sim.now(), calls };
    }
  }
}

/** When the scenario's decisive event happened, from what the simulator shows after the fact. */
async function decisiveAt(
  sim: Simulator,
  ecs: ECSClient,
  service: string,
  taskDefinitionArn: string,
  kind: Scenario['decisive'],
): Promise<number> {
  if (kind === 'second-failed-task') {
    const stopped = sim.state
      .tasks(CLUSTER, service)
      .filter(
        (t) =>
          t.taskDefinitionArn === taskDefinitionArn &&
          t.desiredStatus === 'STOPPED' &&
          (t.stopCode !== 'ServiceSchedulerInitiated' || /health check/.test(String(t.stoppedReason))),
      )
      // The moment ECS stopped it (STOPPING), not when the stop finished.
      .map((t) => Number(t.stoppingAt ?? t.stoppedAt) * 1000)
      .sort((a, b) => a - b);
    return stopped[1] ?? NaN;
  }
  const events =
    (await ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [service] }))).services?.[0]
      ?.events ?? [];
  const pattern = kind === 'steady-state' ? /has reached a steady state/ : /deployment failed/;
  // Events are newest first: the first steady state after the deploy started is the last match.
  const matches = events
    .filter((e) => pattern.test(e.message ?? ''))
    .map((e) => e.createdAt?.getTime() ?? NaN);
  return kind === 'steady-state' ? (matches[0] ?? NaN) : (matches.at(-1) ?? NaN);
}

async function runScenario(sim: Simulator, deps: EngineDeps, scenario: Scenario, index: number) {
  const image = `${REPO}:bench-${index}`;
  sim.setImageBehaviour(image, scenario.behaviour);
  const circuitBreaker = scenario.circuitBreaker ? { enable: true, rollback: true } : undefined;

  const oursService = `ours-${index}`;
  let from = sim.requests.length;
  await sim.seedService({
    cluster: CLUSTER,
    service: oursService,
    image: `${REPO}:stable`,
    ...(circuitBreaker ? { circuitBreaker } : {}),
  });
  const outcome = await runDeploy(
    { clock: deps.clock, reporter: deps.reporter, awsClients: () => ({ ecs: deps.ecs, logs: deps.logs }) },
    {
      inputs: {
        cluster: CLUSTER,
        service: oursService,
        image,
        environment: {},
        secrets: {},
        forceNewDeployment: false,
        rollbackOnFailure: false,
        waitForIdle: false,
        jobSummary: false,
        region: sim.region,
        wait: { ...OUR_WAIT, ...scenario.wait },
      },
    },
  );
  const r = outcome.rollout;
  if (!r) throw new Error(`${scenario.name}: the deploy stopped before its rollout: ${outcome.reason}`);
  const oursCalls = waitCalls(sim, from, sim.requests.length);
  const oursEvent = await decisiveAt(
    sim,
    deps.ecs,
    oursService,
    outcome.to.taskDefinitionArn,
    scenario.decisive,
  );
  const ours: Run = {
    verdict: r.verdict,
    latencyMs: r.decidedAt - oursEvent,
    waitedMs: r.endedAt - r.startedAt,
    ...rates(oursCalls, r.endedAt - r.startedAt),
  };
  if (oursCalls.length !== r.ecsApiCalls)
    throw new Error(
      `${scenario.name}: simulator saw ${oursCalls.length} ECS calls, the engine counted ${r.ecsApiCalls}`,
    );

  const reference: Run[] = [];
  for (const fixed of [false, true]) {
    const refService = `ref-${fixed ? 'fixed' : 'waiter'}-${index}`;
    from = sim.requests.length;
    await sim.seedService({
      cluster: CLUSTER,
      service: refService,
      image: `${REPO}:stable`,
      ...(circuitBreaker ? { circuitBreaker } : {}),
    });
    const ref = await referenceDeploy(sim, deps.ecs, refService, image, fixed, 1000 + index);
    const refCalls = waitCalls(sim, from, sim.requests.length);
    const current = sim.state.service(CLUSTER, refService);
    const arn =
      sim.state.service(CLUSTER, refService)?.deployments.find((d) => d.taskDefinitionArn.endsWith(':2'))
        ?.taskDefinitionArn ??
      current?.taskDefinition.replace(/:\d+$/, ':2') ??
      '';
    const refEvent = await decisiveAt(sim, deps.ecs, refService, arn, scenario.decisive);
    reference.push({
      verdict: ref.verdict,
      latencyMs: ref.endedAt - refEvent,
      waitedMs: ref.endedAt - ref.startedAt,
      ...rates(refCalls, ref.endedAt - ref.startedAt),
    });
  }
  if (process.env.BENCH_DEBUG)
    console.log(scenario.name, {
      ecsCalls: r.ecsApiCalls,
      calls: r.apiCalls,
      waitedS: (r.endedAt - r.startedAt) / 1000,
      decisiveAt: (oursEvent - r.startedAt) / 1000,
      decidedAt: (r.decidedAt - r.startedAt) / 1000,
    });
  return { scenario, ours, reference, reason: r.reason };
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function fmt(run: Run, expected: string): [string, string, string] {
  const verdict = run.verdict === expected ? run.verdict : `${run.verdict} (wrong: ${expected})`;
  return [
    verdict,
    `${(run.latencyMs / 1000).toFixed(0)} s`,
    `${run.peakCallsPerMinute} / ${run.meanCallsPerMinute.toFixed(1)}`,
  ];
}

/** Command-line arguments a bundle needs to reach AWS (only the CLI takes any). */
const BUNDLE_ARGS: Record<string, string[]> = {
  cli: ['status', '--cluster', CLUSTER, '--service', 'ours-0'],
};

/**
 * Time from spawning a bundle as a runner would to its first AWS request. Every service's endpoint
 * (AWS_ENDPOINT_URL) points at a listener that only notes when the first request arrives, so each
 * bundle is measured the same way whichever service it calls first (provision starts with EC2,
 * which the simulator does not speak).
 */
async function firstRequestMs(name: string, bundle: string, region: string): Promise<number | undefined> {
  let firstAt: number | undefined;
  const listener = createServer((_req, res) => {
    firstAt ??= performance.now();
    res.writeHead(500, { 'content-type': 'application/json' }).end('{"__type":"ServiceUnavailable"}');
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const { port } = listener.address() as AddressInfo;
  const workspace = mkdtempSync(join(tmpdir(), 'bench-runner-'));
  for (const f of ['output', 'state', 'summary', 'env', 'path']) writeFileSync(join(workspace, f), '');
  const inputs: Record<string, string> = {
    cluster: CLUSTER,
    service: 'ours-0',
    'image-uri': `${REPO}:bench-bundle`,
    'aws-region': region,
    repository: 'strapi',
    'stack-name': 'strapi-bench',
    'wait-minutes': '1',
  };
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
    AWS_REGION: region,
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    GITHUB_OUTPUT: join(workspace, 'output'),
    GITHUB_STATE: join(workspace, 'state'),
    GITHUB_STEP_SUMMARY: join(workspace, 'summary'),
    GITHUB_ENV: join(workspace, 'env'),
    GITHUB_PATH: join(workspace, 'path'),
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: workspace,
    GITHUB_SHA: '0000000000000000000000000000000000000001',
    GITHUB_RUN_ID: '1',
    ...Object.fromEntries(
      Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v]),
    ),
  };
  const started = performance.now();
  const child = spawn(process.execPath, [bundle, ...(BUNDLE_ARGS[name] ?? [])], { env, stdio: 'ignore' });
  try {
    for (;;) {
      if (firstAt !== undefined) return firstAt - started;
      if (child.exitCode !== null || performance.now() - started > 10_000) return undefined;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
    await new Promise((resolve) => listener.close(resolve));
    rmSync(workspace, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const sim = await startSimulator({ time: 'manual' });
  Object.assign(process.env, sim.env());
  const clients = createAwsClients({ region: sim.region });
  const deps: EngineDeps = {
    ecs: clients.ecs,
    logs: clients.logs,
    clock: sim.clock,
    reporter: silentReporter,
  };
  try {
    const rows = [];
    for (const [index, scenario] of SCENARIOS.entries())
      rows.push(await runScenario(sim, deps, scenario, index));

    const header = [
      'scenario',
      'decisive event',
      'ours: verdict',
      'latency',
      'calls/min peak / mean',
      'reference (waiter 15–600 s): verdict',
      'latency',
      'calls/min peak / mean',
      'reference (fixed 15 s): verdict',
      'latency',
      'calls/min peak / mean',
    ];
    const table = rows.map(({ scenario, ours, reference }) => [
      scenario.name,
      scenario.decisive,
      ...fmt(ours, scenario.expected),
      ...fmt(reference[0] as Run, scenario.expected),
      ...fmt(reference[1] as Run, scenario.expected),
    ]);
    console.log(
      '\nRollout verdicts (simulated seconds; latency = decisive event -> verdict; calls/min = ECS API calls while waiting:' +
        ' most in any 60 s / average per minute)\n',
    );
    console.log(`| ${header.join(' | ')} |`);
    console.log(`|${header.map(() => ' --- ').join('|')}|`);
    for (const row of table) console.log(`| ${row.join(' | ')} |`);
    const worstLatency = Math.max(...rows.map((r) => r.ours.latencyMs)) / 1000;
    const worstCalls = Math.max(...rows.map((r) => r.ours.peakCallsPerMinute));
    const wrong = rows.filter((r) => r.ours.verdict !== r.scenario.expected).map((r) => r.scenario.name);
    console.log(
      `\nOurs: worst latency ${worstLatency.toFixed(0)} s (target <= 15 s), at most ${worstCalls} ECS calls in any minute of waiting (target <= 8)` +
        (wrong.length ? `; WRONG VERDICT in ${wrong.join(', ')}` : '; every verdict as expected') +
        '.',
    );
    for (const row of rows)
      if (row.ours.verdict !== 'succeeded') console.log(`  ${row.scenario.name}: ${row.reason}`);

    // BENCH_DIST measures bundles built elsewhere (e.g. one `ncc build` into a temporary directory).
    const distDir = process.env.BENCH_DIST ?? join(__dirname, '..', 'dist');
    if (existsSync(distDir)) {
      console.log('\nBundles (reference action: dist/index.js 2.6 MB)\n');
      console.log('| bundle | size | process start -> first AWS request |');
      console.log('| --- | --: | --: |');
      for (const name of readdirSync(distDir).sort()) {
        const bundle = join(distDir, name, 'index.js');
        if (!existsSync(bundle)) continue;
        const size = statSync(bundle).size;
        const ms = await firstRequestMs(name, bundle, sim.region);
        console.log(
          `| ${pad(`dist/${name}`, 20)} | ${(size / 1024).toFixed(0)} KiB | ${ms === undefined ? 'no AWS request within 10 s' : `${ms.toFixed(0)} ms`} |`,
        );
      }
    } else {
      console.log('\n(no dist/: run `npm run build` for the bundle table)');
    }
  } finally {
    await sim.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
