import {
  DescribeClustersCommand,
  ECSClient,
  ListTasksCommand,
  type ECSServiceException,
} from '@aws-sdk/client-ecs';
import { startSimulator, type Simulator } from '../../../sim';
import { checkResponse, checkShape, inputShape, outputShape } from '../../../sim/schema-check';
import { SimServer } from '../../../sim/server';
import { VirtualClock } from '../../../sim/virtual-clock';
import { simClients } from './sim-clients';

describe('fault injection and the request log', () => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = await startSimulator();
    await sim.seedService({ cluster: 'strapi', service: 'strapi', image: 'img:1' });
  });
  afterEach(async () => {
    await sim.close();
  });

  test.each([
    ['throttle', 'ThrottlingException', 400],
    ['serverError', 'ServerException', 500],
  ] as const)('%s bursts are survived through the SDK retries', async (kind, _type, _status) => {
    sim.injectFaults({ [kind]: { operation: 'DescribeClusters', count: 2 } });
    const out = await simClients(sim, 3).ecs.send(new DescribeClustersCommand({ clusters: ['strapi'] }));
    expect(out.clusters?.[0]?.clusterName).toBe('strapi');
    expect(out.$metadata.attempts).toBe(3);
    expect(sim.requests.map((r) => [r.operation, r.fault])).toEqual([
      ['DescribeClusters', kind],
      ['DescribeClusters', kind],
      ['DescribeClusters', undefined],
    ]);
  });

  test.each([
    ['throttle', 'ThrottlingException', 400],
    ['serverError', 'ServerException', 500],
  ] as const)('%s beyond the retry budget surfaces as %s (HTTP %d)', async (kind, type, status) => {
    sim.injectFaults({ [kind]: { count: 5 } });
    const error = (await simClients(sim, 2)
      .ecs.send(new DescribeClustersCommand({ clusters: ['strapi'] }))
      .catch((e: unknown) => e)) as ECSServiceException;
    expect(error.name).toBe(type);
    expect(error.$metadata.httpStatusCode).toBe(status);
  });

  test('faults for one operation leave the others alone', async () => {
    sim.injectFaults({ throttle: { operation: 'DescribeServices', count: 1 } });
    const ecs = simClients(sim, 1).ecs;
    await expect(ecs.send(new ListTasksCommand({ cluster: 'strapi' }))).resolves.toBeDefined();
    expect(sim.requests.at(-1)?.fault).toBeUndefined();
  });

  test('requests are recorded with service, operation, input and virtual time', async () => {
    const { ecs, logs } = simClients(sim);
    await ecs.send(new ListTasksCommand({ cluster: 'strapi', serviceName: 'strapi' }));
    sim.advance(30_000);
    await logs.send(
      new (await import('@aws-sdk/client-cloudwatch-logs')).DescribeLogStreamsCommand({
        logGroupName: '/ecs/strapi',
      }),
    );
    expect(sim.requests).toEqual([
      {
        service: 'ecs',
        operation: 'ListTasks',
        input: { cluster: 'strapi', serviceName: 'strapi' },
        at: sim.now() - 30_000,
      },
      {
        service: 'logs',
        operation: 'DescribeLogStreams',
        input: { logGroupName: '/ecs/strapi' },
        at: sim.now(),
      },
    ]);
  });

  test('a client built without an endpoint reaches the simulator through env()', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, sim.env());
    try {
      const { CloudWatchLogsClient, DescribeLogStreamsCommand } =
        await import('@aws-sdk/client-cloudwatch-logs');
      const { ECRClient, GetAuthorizationTokenCommand } = await import('@aws-sdk/client-ecr');
      await new ECSClient({}).send(new ListTasksCommand({ cluster: 'strapi' }));
      await new ECRClient({}).send(new GetAuthorizationTokenCommand({}));
      await new CloudWatchLogsClient({}).send(new DescribeLogStreamsCommand({ logGroupName: '/ecs/strapi' }));
      expect(sim.requests.map((r) => `${r.service}:${r.operation}`)).toEqual([
        'ecs:ListTasks',
        'ecr:GetAuthorizationToken',
        'logs:DescribeLogStreams',
      ]);
    } finally {
      process.env = saved;
    }
  });

  test('env() points the SDK standard variables at the simulator', () => {
    expect(sim.env()).toMatchObject({
      AWS_ENDPOINT_URL_ECS: sim.url,
      AWS_ENDPOINT_URL_ECR: sim.url,
      AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: sim.url,
      AWS_REGION: 'ap-south-1',
    });
  });
});

describe('schema check against the SDK operation schemas', () => {
  test.each<[string, unknown, string]>([
    [
      'an unknown member',
      { services: [{ serviceName: 's', rolloutStatus: 'COMPLETED' }] },
      'unknown member "rolloutStatus" of Service',
    ],
    ['a millisecond timestamp', { services: [{ createdAt: 1768471200000 }] }, 'looks like milliseconds'],
    [
      'an ISO date string',
      { services: [{ deployments: [{ createdAt: '2026-01-15T10:00:00Z' }] }] },
      'expected epoch seconds',
    ],
    ['a string count', { services: [{ runningCount: '2' }] }, 'expected a number'],
    ['an object for a list', { failures: { arn: 'x' } }, 'expected a list'],
    [
      'an invalid enum value',
      { services: [{ deployments: [{ rolloutState: 'SUCCEEDED' }] }] },
      '"SUCCEEDED" is not a valid Deployment.rolloutState',
    ],
  ])('DescribeServices response with %s is a violation', (_name, output, message) => {
    const violations = checkResponse('ecs', 'DescribeServices', output);
    expect(violations).toHaveLength(1);
    expect(violations[0]).toContain(message);
  });

  test('a conforming response passes', () => {
    expect(
      checkResponse('ecs', 'DescribeServices', {
        services: [
          {
            serviceName: 's',
            createdAt: 1768471200.5,
            deployments: [{ id: 'ecs-svc/1', rolloutState: 'COMPLETED', runningCount: 1 }],
          },
        ],
        failures: [],
      }),
    ).toEqual([]);
  });

  test('required input members come from the schema', () => {
    expect(checkShape(inputShape('logs', 'GetLogEvents'), {}, 'in')).toEqual([
      'in: missing required member "logStreamName" of GetLogEventsRequest',
    ]);
    expect(
      checkShape(outputShape('ecr', 'GetAuthorizationToken'), { authorizationData: [{ token: 'x' }] }, 'out'),
    ).toEqual(['out.authorizationData[0]: unknown member "token" of AuthorizationData']);
  });

  test('a handler answering outside the schema fails loudly: HTTP 500 and a recorded violation', async () => {
    const server = new SimServer({
      handlers: {
        ecs: { DescribeClusters: () => ({ clusters: [{ clusterName: 'x', colour: 'blue' }] }) },
        ecr: {},
        logs: {},
      },
      now: () => 0,
      beforeRequest: () => undefined,
    });
    const url = await server.listen();
    try {
      const ecs = new ECSClient({
        endpoint: url,
        region: 'ap-south-1',
        maxAttempts: 1,
        credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      });
      const error = (await ecs
        .send(new DescribeClustersCommand({}))
        .catch((e: unknown) => e)) as ECSServiceException;
      expect(error.$metadata.httpStatusCode).toBe(500);
      expect(error.message).toContain('unknown member "colour" of Cluster');
      expect(server.schemaViolations).toEqual([
        'ecs:DescribeClusters response.clusters[0]: unknown member "colour" of Cluster',
      ]);
    } finally {
      await server.close();
    }
  });
});

describe('virtual clock', () => {
  test('advance runs every 1 s step in order, however far it jumps', () => {
    const steps: number[] = [];
    const clock = new VirtualClock(1_000_000, 'manual', (at) => steps.push(at));
    clock.advance(3_500);
    clock.advance(600);
    expect(steps).toEqual([1_001_000, 1_002_000, 1_003_000, 1_004_000]);
    expect(clock.now()).toBe(1_004_100);
  });

  test('sleep on the manual clock moves virtual time without waiting', async () => {
    const clock = new VirtualClock(0, 'manual', () => undefined).asClock();
    const started = Date.now();
    await clock.sleep(3_600_000);
    expect(clock.now()).toBe(3_600_000);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  test('accelerated time runs faster than real time', async () => {
    const clock = new VirtualClock(0, { accelerated: 100 }, () => undefined);
    try {
      await clock.asClock().sleep(5_000); // 50 ms of real time
      expect(clock.now()).toBeGreaterThanOrEqual(5_000);
      expect(clock.now()).toBeLessThan(60_000);
    } finally {
      clock.stop();
    }
  });
});
