import {
  ConflictException,
  DescribeServiceDeploymentsCommand,
  InvalidParameterException,
  ListServiceDeploymentsCommand,
  ServiceDeploymentNotFoundException,
  StopServiceDeploymentCommand,
  type ECSClient,
  type ServiceDeployment,
  type ServiceDeploymentBrief,
  type ServiceDeploymentStatus,
} from '@aws-sdk/client-ecs';
import { checkResponse, startSimulator, type Simulator } from '../../../sim';
import { advanceUntil, deployImage, describeService, simClients } from './sim-clients';

/**
 * ECS's own record of rollouts: ListServiceDeployments, DescribeServiceDeployments and
 * StopServiceDeployment for rolling (ECS controller) services, checked against the SDK's schemas
 * by the simulator on every call (schemaViolations stays empty).
 */

const OLD_IMAGE = 'registry.test/strapi:v1';
const NEW_IMAGE = 'registry.test/strapi:v2';

let sim: Simulator;
let ecs: ECSClient;

async function seed(circuitBreaker = { enable: true, rollback: true }, desiredCount = 2): Promise<void> {
  await sim.seedService({
    cluster: 'strapi',
    service: 'strapi',
    image: OLD_IMAGE,
    desiredCount,
    circuitBreaker,
  });
}

async function list(status?: ServiceDeploymentStatus[]): Promise<ServiceDeploymentBrief[]> {
  const out = await ecs.send(
    new ListServiceDeploymentsCommand({
      cluster: 'strapi',
      service: 'strapi',
      ...(status ? { status } : {}),
    }),
  );
  return out.serviceDeployments ?? [];
}

async function describe1(arn: string | undefined): Promise<ServiceDeployment> {
  const out = await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn ?? ''] }));
  const found = out.serviceDeployments?.[0];
  if (!found) throw new Error(`no service deployment ${arn}: ${JSON.stringify(out.failures)}`);
  return found;
}

const statusOf = async (arn: string | undefined): Promise<string | undefined> =>
  (await describe1(arn)).status;

beforeEach(async () => {
  sim = await startSimulator();
  ecs = simClients(sim).ecs;
});

afterEach(async () => {
  expect(sim.schemaViolations).toEqual([]);
  await sim.close();
});

test('a healthy rollout: IN_PROGRESS then SUCCESSFUL, newest first, source and target revisions', async () => {
  await seed();
  const [seeded] = await list();
  expect(seeded).toMatchObject({
    status: 'SUCCESSFUL',
    serviceArn: expect.stringContaining(':service/strapi/strapi'),
  });
  expect(seeded?.serviceDeploymentArn).toMatch(
    /^arn:aws:ecs:ap-south-1:123456789012:service-deployment\/strapi\/strapi\/[\w-]{22}$/,
  );

  await deployImage(ecs, NEW_IMAGE);
  const [current, previous] = await list();
  expect(previous?.serviceDeploymentArn).toBe(seeded?.serviceDeploymentArn);
  expect(current?.status).toBe('IN_PROGRESS');
  expect((await describeService(ecs, 'strapi', 'strapi')).currentServiceDeployment).toBe(
    current?.serviceDeploymentArn,
  );
  const running = await describe1(current?.serviceDeploymentArn);
  expect(running.sourceServiceRevisions?.map((r) => r.arn)).toEqual([seeded?.targetServiceRevisionArn]);
  expect(running.targetServiceRevision?.arn).toBe(current?.targetServiceRevisionArn);
  expect(running.targetServiceRevision?.arn).toMatch(/:service-revision\/strapi\/strapi\/\d{19}$/);
  expect(running.deploymentCircuitBreaker).toEqual({ status: 'MONITORING', failureCount: 0, threshold: 3 });

  expect(
    advanceUntil(
      sim,
      () => sim.state.service('strapi', 'strapi')?.serviceDeployments.at(-1)?.status === 'SUCCESSFUL',
      10 * 60_000,
    ),
  ).toBe(true);
  const done = await describe1(current?.serviceDeploymentArn);
  expect(done).toMatchObject({
    status: 'SUCCESSFUL',
    deploymentCircuitBreaker: { status: 'MONITORING_COMPLETE' },
  });
  expect(done.finishedAt).toBeInstanceOf(Date);
  expect(done.targetServiceRevision).toMatchObject({
    requestedTaskCount: 2,
    runningTaskCount: 2,
    pendingTaskCount: 0,
  });
});

// [case, circuit breaker, the statuses seen in order, breaker status at the end]
test.each([
  [
    'breaker with rollback',
    { enable: true, rollback: true },
    ['IN_PROGRESS', 'ROLLBACK_IN_PROGRESS', 'ROLLBACK_SUCCESSFUL'],
    'TRIGGERED',
  ],
  ['breaker without rollback', { enable: true, rollback: false }, ['IN_PROGRESS', 'STOPPED'], 'TRIGGERED'],
] as const)('a crash loop with %s', async (_name, breaker, statuses, breakerStatus) => {
  await seed({ ...breaker });
  sim.setImageBehaviour(NEW_IMAGE, { kind: 'crash' });
  await deployImage(ecs, NEW_IMAGE);
  const [current, seeded] = await list();
  const seen: string[] = [];
  const record = () => sim.state.service('strapi', 'strapi')?.serviceDeployments.at(-1);
  advanceUntil(
    sim,
    () => {
      const status = record()?.status ?? '';
      if (seen.at(-1) !== status) seen.push(status);
      return status === statuses.at(-1);
    },
    15 * 60_000,
  );
  expect(seen).toEqual(statuses);
  const final = await describe1(current?.serviceDeploymentArn);
  expect(final.deploymentCircuitBreaker).toMatchObject({ status: breakerStatus, threshold: 3 });
  expect(final.deploymentCircuitBreaker?.failureCount).toBeGreaterThanOrEqual(3);
  expect(final.statusReason).toBe('ECS deployment circuit breaker: tasks failed to start.');
  if (breaker.rollback) {
    expect(final.rollback).toMatchObject({
      reason: 'ECS deployment circuit breaker: tasks failed to start.',
      serviceRevisionArn: seeded?.targetServiceRevisionArn,
    });
    expect(final.finishedAt).toBeInstanceOf(Date);
  } else {
    expect(final.rollback).toBeUndefined();
    expect(final.stoppedAt).toBeInstanceOf(Date);
  }
});

describe('StopServiceDeployment', () => {
  test('ROLLBACK rescues a crash loop without a circuit breaker: back on the source revision', async () => {
    await seed({ enable: false, rollback: false });
    const oldTaskDefinition = sim.state.service('strapi', 'strapi')?.taskDefinition;
    sim.setImageBehaviour(NEW_IMAGE, { kind: 'crash' });
    await deployImage(ecs, NEW_IMAGE);
    sim.advance(3 * 60_000);
    const [current, seeded] = await list();

    const stopped = await ecs.send(
      new StopServiceDeploymentCommand({
        serviceDeploymentArn: current?.serviceDeploymentArn,
        stopType: 'ROLLBACK',
      }),
    );
    expect(stopped.serviceDeploymentArn).toBe(current?.serviceDeploymentArn);
    expect(await statusOf(current?.serviceDeploymentArn)).toBe('ROLLBACK_REQUESTED');
    // Asking again while it rolls back is fine.
    await ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: current?.serviceDeploymentArn }));
    sim.advance(1000);
    expect(await statusOf(current?.serviceDeploymentArn)).toBe('ROLLBACK_IN_PROGRESS');
    expect(
      advanceUntil(
        sim,
        () =>
          sim.state.service('strapi', 'strapi')?.serviceDeployments.at(-1)?.status === 'ROLLBACK_SUCCESSFUL',
        10 * 60_000,
      ),
    ).toBe(true);
    const final = await describe1(current?.serviceDeploymentArn);
    expect(final.rollback?.serviceRevisionArn).toBe(seeded?.targetServiceRevisionArn);
    const service = await describeService(ecs, 'strapi', 'strapi');
    expect(service.taskDefinition).toBe(oldTaskDefinition);
    expect(service.deployments).toHaveLength(1);
    expect(service.deployments?.[0]?.rolloutState).toBe('COMPLETED');

    // A finished deployment cannot be stopped.
    const again = await ecs
      .send(
        new StopServiceDeploymentCommand({
          serviceDeploymentArn: current?.serviceDeploymentArn,
          stopType: 'ROLLBACK',
        }),
      )
      .catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ConflictException);
  });

  test.each([
    [
      'an unknown ARN',
      'arn:aws:ecs:ap-south-1:123456789012:service-deployment/strapi/strapi/AAAAAAAAAAAAAAAAAAAAAA',
      'ROLLBACK',
      ServiceDeploymentNotFoundException,
    ],
    ['stopType ABORT (not for rolling deployments)', '<current>', 'ABORT', InvalidParameterException],
  ] as const)('refuses %s', async (_name, arn, stopType, error) => {
    await seed();
    await deployImage(ecs, NEW_IMAGE);
    const [current] = await list();
    const answer = await ecs
      .send(
        new StopServiceDeploymentCommand({
          serviceDeploymentArn: arn === '<current>' ? current?.serviceDeploymentArn : arn,
          stopType,
        }),
      )
      .catch((e: unknown) => e);
    expect(answer).toBeInstanceOf(error);
  });
});

test('a newer UpdateService stops the service deployment in progress', async () => {
  await seed();
  await deployImage(ecs, NEW_IMAGE);
  await deployImage(ecs, 'registry.test/strapi:v3');
  const [newest, superseded] = await list();
  expect(newest?.status).toBe('IN_PROGRESS');
  expect(superseded?.status).toBe('STOPPED');
  expect((await describe1(superseded?.serviceDeploymentArn)).stoppedAt).toBeInstanceOf(Date);
});

// [filter, the expected statuses, newest first]
test.each([
  [undefined, ['IN_PROGRESS', 'STOPPED', 'SUCCESSFUL']],
  [['IN_PROGRESS'], ['IN_PROGRESS']],
  [
    ['SUCCESSFUL', 'STOPPED'],
    ['STOPPED', 'SUCCESSFUL'],
  ],
] as const)('ListServiceDeployments with status %j', async (status, expected) => {
  await seed();
  await deployImage(ecs, NEW_IMAGE);
  await deployImage(ecs, 'registry.test/strapi:v3');
  expect((await list(status ? [...status] : undefined)).map((d) => d.status)).toEqual(expected);
});

test('ListServiceDeployments pages with maxResults/nextToken and filters by createdAt', async () => {
  await seed();
  const seededAt = sim.now();
  sim.advance(60_000);
  await deployImage(ecs, NEW_IMAGE);
  const page1 = await ecs.send(
    new ListServiceDeploymentsCommand({ cluster: 'strapi', service: 'strapi', maxResults: 1 }),
  );
  expect(page1.serviceDeployments).toHaveLength(1);
  const page2 = await ecs.send(
    new ListServiceDeploymentsCommand({
      cluster: 'strapi',
      service: 'strapi',
      maxResults: 1,
      nextToken: page1.nextToken,
    }),
  );
  expect(page2.serviceDeployments?.[0]?.status).toBe('SUCCESSFUL');
  expect(page2.nextToken).toBeUndefined();
  const recent = await ecs.send(
    new ListServiceDeploymentsCommand({
      cluster: 'strapi',
      service: 'strapi',
      createdAt: { after: new Date(seededAt) },
    }),
  );
  expect(recent.serviceDeployments?.map((d) => d.status)).toEqual(['IN_PROGRESS']);
});

test('DescribeServiceDeployments reports unknown ARNs as MISSING failures', async () => {
  await seed();
  const [seeded] = await list();
  const unknown =
    'arn:aws:ecs:ap-south-1:123456789012:service-deployment/strapi/strapi/BBBBBBBBBBBBBBBBBBBBBB';
  const out = await ecs.send(
    new DescribeServiceDeploymentsCommand({
      serviceDeploymentArns: [seeded?.serviceDeploymentArn ?? '', unknown],
    }),
  );
  expect(out.serviceDeployments?.map((d) => d.status)).toEqual(['SUCCESSFUL']);
  expect(out.failures).toEqual([{ arn: unknown, reason: 'MISSING' }]);
});

// The schema check knows these enums, so the simulator cannot answer a status ECS never sends.
test.each([
  [
    'DescribeServiceDeployments',
    { serviceDeployments: [{ status: 'FAILED' }] },
    '"FAILED" is not a valid ServiceDeployment.status',
  ],
  [
    'ListServiceDeployments',
    { serviceDeployments: [{ status: 'ROLLED_BACK' }] },
    '"ROLLED_BACK" is not a valid ServiceDeploymentBrief.status',
  ],
  [
    'DescribeServiceDeployments',
    { serviceDeployments: [{ deploymentCircuitBreaker: { status: 'OPEN' } }] },
    '"OPEN" is not a valid ServiceDeploymentCircuitBreaker.status',
  ],
])('%s answering %j is a schema violation', (operation, output, message) => {
  const violations = checkResponse('ecs', operation, output);
  expect(violations).toHaveLength(1);
  expect(violations[0]).toContain(message);
});
