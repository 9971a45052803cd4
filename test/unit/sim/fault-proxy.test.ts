import {
  DescribeServicesCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  ServerException,
  UpdateServiceCommand,
  type RegisterTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs';
import { startSimulator, strapiTaskDefinition, type Simulator } from '../../../sim';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';

/**
 * The fault proxy with the real SDK client in front of it: what the caller sees, what the SDK's
 * own retry does with it (maxAttempts), and what reached the simulator.
 */

let sim: Simulator;
let proxy: FaultProxy;
let newTaskDefinitionArn: string;

const clientVia = (maxAttempts: number): ECSClient =>
  new ECSClient({
    endpoint: proxy.url,
    region: sim.region,
    maxAttempts,
    credentials: { accessKeyId: 'simulator', secretAccessKey: 'simulator' },
  });

const updateService = (ecs: ECSClient) =>
  ecs.send(
    new UpdateServiceCommand({ cluster: 'strapi', service: 'strapi', taskDefinition: newTaskDefinitionArn }),
  );

const simCalls = (operation: string) => sim.requests.filter((r) => r.operation === operation);

beforeEach(async () => {
  sim = await startSimulator();
  await sim.seedService({ cluster: 'strapi', service: 'strapi', image: 'registry.test/strapi:v1' });
  proxy = await startFaultProxy(sim.url);
  const definition = strapiTaskDefinition(
    '123456789012',
    sim.region,
    'strapi',
    'strapi',
    'registry.test/strapi:v2',
    '/ecs/strapi',
  ) as unknown as RegisterTaskDefinitionCommandInput;
  const registered = await clientVia(1).send(new RegisterTaskDefinitionCommand(definition));
  newTaskDefinitionArn = registered.taskDefinition?.taskDefinitionArn ?? '';
});

afterEach(async () => {
  expect(sim.schemaViolations).toEqual([]);
  await proxy.close();
  await sim.close();
});

describe('apply-then-500: the ambiguous write', () => {
  test('maxAttempts 1: the caller gets ServerException, yet the new deployment exists', async () => {
    proxy.inject({ operation: 'UpdateService', kind: 'apply-then-500' });
    const error = await updateService(clientVia(1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerException);
    expect((error as ServerException).$metadata).toMatchObject({ httpStatusCode: 500, attempts: 1 });
    expect(simCalls('UpdateService')).toHaveLength(1);
    const service = sim.state.service('strapi', 'strapi');
    expect(service?.taskDefinition).toBe(newTaskDefinitionArn);
    expect(service?.deployments[0]).toMatchObject({
      status: 'PRIMARY',
      taskDefinitionArn: newTaskDefinitionArn,
    });
  });

  test('SDK default maxAttempts 3: the SDK sends the write again and reports success on attempt 2', async () => {
    proxy.inject({ operation: 'UpdateService', kind: 'apply-then-500' });
    const out = await updateService(clientVia(3));
    expect(out.$metadata.attempts).toBe(2);
    // The write reached ECS twice; the second one changed nothing (same task definition).
    expect(simCalls('UpdateService')).toHaveLength(2);
    expect(proxy.calls('UpdateService').map((c) => [c.fault, c.status])).toEqual([
      ['apply-then-500', 500],
      [undefined, 200],
    ]);
    expect(
      sim.state.service('strapi', 'strapi')?.deployments.filter((d) => d.status === 'PRIMARY'),
    ).toHaveLength(1);
  });
});

// [faults in a row, maxAttempts, attempts the SDK made, succeeded]
test.each([
  [2, 3, 3, true],
  [3, 3, 3, false],
  [1, 1, 1, false],
])(
  'throttle %i in a row with maxAttempts %i: %i attempts, success %s',
  async (times, maxAttempts, attempts, ok) => {
    proxy.inject({ operation: 'DescribeServices', kind: 'throttle', times });
    const call = clientVia(maxAttempts).send(
      new DescribeServicesCommand({ cluster: 'strapi', services: ['strapi'] }),
    );
    if (ok) {
      const out = await call;
      expect(out.$metadata.attempts).toBe(attempts);
      expect(simCalls('DescribeServices')).toHaveLength(1);
    } else {
      const error = (await call.catch((e: unknown) => e)) as Error & { $metadata: { attempts: number } };
      expect(error.name).toBe('ThrottlingException');
      expect(error.message).toBe('Rate exceeded');
      expect(error.$metadata.attempts).toBe(attempts);
      // Throttled calls never reach ECS.
      expect(simCalls('DescribeServices')).toHaveLength(0);
    }
    expect(proxy.calls('DescribeServices').filter((c) => c.fault === 'throttle')).toHaveLength(
      Math.min(times, maxAttempts),
    );
  },
);

describe('dropped connections', () => {
  test('drop once: the SDK retries a read on a new connection (maxAttempts 3)', async () => {
    proxy.inject({ operation: 'DescribeServices', kind: 'drop' });
    const out = await clientVia(3).send(
      new DescribeServicesCommand({ cluster: 'strapi', services: ['strapi'] }),
    );
    expect(out.$metadata.attempts).toBe(2);
    expect(proxy.calls('DescribeServices').map((c) => [c.fault, c.forwarded])).toEqual([
      ['drop', false],
      [undefined, true],
    ]);
  });

  test('apply-then-drop with maxAttempts 1: a network error, and the write was applied', async () => {
    proxy.inject({ operation: 'UpdateService', kind: 'apply-then-drop' });
    const error = (await updateService(clientVia(1)).catch((e: unknown) => e)) as Error & { code?: string };
    expect(error).toBeInstanceOf(Error);
    expect(`${error.code ?? ''} ${error.message}`).toMatch(/ECONNRESET|socket hang up/);
    expect(simCalls('UpdateService')).toHaveLength(1);
    expect(sim.state.service('strapi', 'strapi')?.taskDefinition).toBe(newTaskDefinitionArn);
  });

  test('apply-then-drop with maxAttempts 3: the SDK sends the write again, which ECS applies twice', async () => {
    proxy.inject({ operation: 'UpdateService', kind: 'apply-then-drop' });
    const out = await updateService(clientVia(3));
    expect(out.$metadata.attempts).toBe(2);
    expect(simCalls('UpdateService')).toHaveLength(2);
  });
});

test('faults are per operation and per count; everything else passes through', async () => {
  proxy.inject({ operation: 'AmazonEC2ContainerServiceV20141113.UpdateService', kind: 'throttle', times: 1 });
  const ecs = clientVia(1);
  await ecs.send(new DescribeServicesCommand({ cluster: 'strapi', services: ['strapi'] }));
  expect(proxy.pending()).toEqual([
    { operation: 'AmazonEC2ContainerServiceV20141113.UpdateService', kind: 'throttle', times: 1 },
  ]);
  await expect(updateService(ecs)).rejects.toThrow('Rate exceeded');
  expect(proxy.pending()).toEqual([]);
  await updateService(ecs);
  expect(proxy.log.map((r) => [r.operation, r.fault ?? null, r.status])).toEqual([
    ['RegisterTaskDefinition', null, 200],
    ['DescribeServices', null, 200],
    ['UpdateService', 'throttle', 400],
    ['UpdateService', null, 200],
  ]);
});

test('only a loopback upstream is accepted', async () => {
  await expect(startFaultProxy('http://ecs.ap-south-1.amazonaws.com')).rejects.toThrow(/loopback/);
});
