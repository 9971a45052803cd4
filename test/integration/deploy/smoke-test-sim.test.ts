import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runDeploy } from '../../../src/use-cases/deploy';
import { renderReleaseSummary } from '../../../src/use-cases/summary';
import type { Simulator } from '../../../sim';
import { freePort } from '../../support/free-port';
import {
  deployInputs,
  simulatedJob,
  startSimulatedAws,
  type SimulatedAws,
} from '../../support/simulated-aws';

/**
 * The smoke test after a rollout, through a real HTTP server standing for the load balancer: it routes
 * each request to a RUNNING, HEALTHY task of the simulator's service (round robin, as an ALB spreads
 * requests over healthy targets) and answers as that task's image is told to, so what the smoke test
 * sees depends on what the simulator runs at that moment. No healthy task: 503, as an ALB answers
 * without healthy targets.
 */
const CLUSTER = 'strapi-production';
const REPO = '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi';
const TOKEN = 'smoke-token-0123456789abcdef';
const STRAPI_500 = JSON.stringify({
  data: null,
  error: { status: 500, name: 'InternalServerError', message: 'Internal Server Error', details: {} },
});

interface Answer {
  status: number;
  body?: string;
}
/** How each image answers, by path; unlisted images and paths answer like a healthy Strapi. */
const answersByImage = new Map<string, Record<string, Answer>>();
const seen: Array<{ path: string; image: string; authorization?: string }> = [];

let aws: SimulatedAws;
let sim: Simulator;
let balancer: Server;
let balancerUrl: string;
let service = '';
let turn = 0;

function healthyImages(): string[] {
  return sim.state
    .tasks(CLUSTER, service)
    .filter((t) => t.lastStatus === 'RUNNING' && t.healthStatus === 'HEALTHY')
    .map((t) => String((t.containers as Array<{ image: string }>)[0]?.image));
}

beforeAll(async () => {
  aws = await startSimulatedAws();
  sim = aws.sim;
  balancer = createServer((req, res) => {
    const images = healthyImages();
    const image = images[turn++ % Math.max(1, images.length)];
    const path = req.url ?? '/';
    if (!image) {
      res
        .writeHead(503, { 'content-type': 'text/html' })
        .end('<html><body>503 Service Temporarily Unavailable</body></html>');
      return;
    }
    seen.push({
      path,
      image,
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    });
    const told = answersByImage.get(image)?.[path.split('?')[0] ?? path];
    const answer =
      told ?? (path === '/_health' ? { status: 204 } : { status: 200, body: '{"data":[],"meta":{}}' });
    res.writeHead(answer.status, {
      'content-type': 'application/json',
      'set-cookie': 'session=do-not-print',
    });
    res.end(answer.body ?? '');
  });
  await new Promise<void>((resolve) => balancer.listen(0, '127.0.0.1', resolve));
  balancerUrl = `http://127.0.0.1:${(balancer.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  await new Promise((resolve) => balancer.close(resolve));
  await aws.close();
});

interface Row {
  name: string;
  /** How the new image answers. */
  v2: Record<string, Answer>;
  url?: 'closed-port';
  rollbackOnFailure?: boolean;
  verdict: string;
  smoke: string;
  endsOnNew: boolean;
  reason: RegExp;
}

const ROWS: Row[] = [
  {
    name: 'healthy: /_health 204 and the content path 200',
    v2: {},
    verdict: 'succeeded',
    smoke: 'passed',
    endsOnNew: true,
    reason: /^Rollout COMPLETED/,
  },
  {
    name: '/_health answers 503: rolled back',
    v2: { '/_health': { status: 503, body: 'Service Unavailable' } },
    verdict: 'rolled-back',
    smoke: 'failed',
    endsOnNew: false,
    reason:
      /^Smoke test failed for 30 s \(7 looks\): GET http:\/\/127\.0\.0\.1:\d+\/_health answered 503, expected 204: Service Unavailable\. Rolled back to smoke-1:1 by strapi-deploy\.$/,
  },
  {
    name: 'the content path answers 500: rolled back to the previous revision',
    v2: { '/api/articles': { status: 500, body: STRAPI_500 } },
    verdict: 'rolled-back',
    smoke: 'failed',
    endsOnNew: false,
    reason:
      /^Smoke test failed for 30 s \(7 looks\): GET http:\/\/127\.0\.0\.1:\d+\/api\/articles\?pagination\[pageSize\]=1 answered 500, expected 2xx: \{"data":null,"error":\{"status":500,"name":"InternalServerError",.*\. Rolled back to smoke-2:1 by strapi-deploy\.$/,
  },
  {
    name: 'never reachable: failed after the bound (no rollback asked)',
    v2: {},
    url: 'closed-port',
    rollbackOnFailure: false,
    verdict: 'failed',
    smoke: 'failed',
    endsOnNew: true,
    reason:
      /^Smoke test failed for 30 s \(7 looks\): GET http:\/\/127\.0\.0\.1:\d+\/_health: could not connect \(ECONNREFUSED\)\.$/,
  },
];

describe('smoke test after the rollout, through a real HTTP server', () => {
  test.each(ROWS.map((row, i) => [row.name, row, `smoke-${i}`] as const))('%s', async (_name, row, name) => {
    service = name;
    seen.length = 0;
    const seeded = await sim.seedService({ cluster: CLUSTER, service, image: `${REPO}:v1` });
    const image = `${REPO}:${service}-v2`;
    answersByImage.set(image, row.v2);
    const url = row.url === 'closed-port' ? `http://127.0.0.1:${await freePort()}` : balancerUrl;
    const { env, reporter } = simulatedJob(sim);

    const result = await runDeploy(env, {
      inputs: deployInputs(CLUSTER, service, image, {
        rollbackOnFailure: row.rollbackOnFailure ?? true,
        smokeTest: {
          baseUrl: url.replace(/\/$/, ''),
          contentPath: '/api/articles?pagination[pageSize]=1',
          bearerToken: TOKEN,
          timeoutSeconds: 30,
        },
      }),
    });

    expect(result.verdict).toBe(row.verdict);
    expect(result.smokeTest?.verdict).toBe(row.smoke);
    expect(result.reason).toMatch(row.reason);
    // The rollout itself was healthy: ECS's verdict stays on record, the smoke test decided.
    expect(result.rollout?.verdict).toBe('succeeded');
    expect(sim.state.service(CLUSTER, service)?.taskDefinition).toBe(
      row.endsOnNew ? result.to.taskDefinitionArn : seeded.taskDefinitionArn,
    );
    if (row.verdict === 'rolled-back') {
      expect(result.rollback).toMatchObject({
        by: 'strapi-deploy',
        taskDefinitionArn: seeded.taskDefinitionArn,
      });
      expect(result.rollback?.rollout?.verdict).toBe('succeeded');
    }
    if (row.smoke === 'failed') {
      // Retried for the bound, not given up at the first bad answer.
      const took = (result.smokeTest?.endedAt ?? 0) - (result.smokeTest?.startedAt ?? 0);
      expect(took).toBe(30_000);
    }
    if (row.url !== 'closed-port') {
      // Every request reached the new revision's tasks (the smoke test runs after the rollout completed).
      expect(seen.length).toBeGreaterThan(0);
      expect(new Set(seen.map((s) => s.image))).toEqual(new Set([image]));
      // The token goes with the content path only.
      for (const request of seen)
        expect(request.authorization).toBe(request.path === '/_health' ? undefined : `Bearer ${TOKEN}`);
    }
    // Never a header or the token in what the step prints.
    const printed = [
      ...reporter.lines.map((l) => l.message),
      renderReleaseSummary(result),
      result.reason,
    ].join('\n');
    expect(printed).not.toContain(TOKEN);
    expect(printed).not.toContain('do-not-print');
    expect(renderReleaseSummary(result)).toMatch(new RegExp(`\\| Smoke test \\| ${row.smoke} in \\d+ s`));
  });
});
