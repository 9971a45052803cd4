import {
  ClientException,
  ClusterNotFoundException,
  CreateClusterCommand,
  CreateServiceCommand,
  DeregisterTaskDefinitionCommand,
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ListTagsForResourceCommand,
  ListTaskDefinitionsCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  ServiceNotFoundException,
  TagResourceCommand,
  UpdateServiceCommand,
  type ECSClient,
  type RegisterTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs';
import { startSimulator, strapiTaskDefinition, type Simulator } from '../../../sim';
import { simClients } from './sim-clients';

let sim: Simulator;
let ecs: ECSClient;

beforeEach(async () => {
  sim = await startSimulator({ region: 'eu-west-1' });
  ecs = simClients(sim).ecs;
});

afterEach(async () => {
  await sim.close();
});

const strapi = (image = 'registry.test/strapi:v1'): RegisterTaskDefinitionCommandInput =>
  strapiTaskDefinition(
    '123456789012',
    'eu-west-1',
    'strapi',
    'strapi',
    image,
    '/ecs/strapi',
  ) as unknown as RegisterTaskDefinitionCommandInput;

describe('RegisterTaskDefinition', () => {
  test('returns the full definition ECS would, with tags', async () => {
    const out = await ecs.send(
      new RegisterTaskDefinitionCommand({ ...strapi(), tags: [{ key: 'git-sha', value: 'abc123' }] }),
    );
    expect(out.taskDefinition).toMatchObject({
      taskDefinitionArn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/strapi:1',
      family: 'strapi',
      revision: 1,
      status: 'ACTIVE',
      compatibilities: ['EC2', 'FARGATE'],
      requiresCompatibilities: ['FARGATE'],
      registeredBy: expect.stringMatching(/^arn:aws:iam::123456789012:/),
    });
    expect(out.taskDefinition?.registeredAt).toEqual(new Date(sim.now()));
    expect(out.taskDefinition?.requiresAttributes?.map((a) => a.name)).toEqual(
      expect.arrayContaining([
        'com.amazonaws.ecs.capability.logging-driver.awslogs',
        'ecs.capability.container-health-check',
        'ecs.capability.task-eni',
      ]),
    );
    // ECS fills container defaults the renderer has to cope with.
    expect(out.taskDefinition?.containerDefinitions?.[0]).toMatchObject({
      cpu: 0,
      mountPoints: [],
      volumesFrom: [],
      portMappings: [{ containerPort: 1337, hostPort: 1337, protocol: 'tcp' }],
    });
    expect(out.tags).toEqual([{ key: 'git-sha', value: 'abc123' }]);
    const second = await ecs.send(new RegisterTaskDefinitionCommand(strapi('registry.test/strapi:v2')));
    expect(second.taskDefinition?.revision).toBe(2);
    expect(sim.schemaViolations).toEqual([]);
  });

  test.each<[string, Partial<RegisterTaskDefinitionCommandInput>, RegExp]>([
    ['an empty container list', { containerDefinitions: [] }, /Container list cannot be empty/],
    [
      'a container without image',
      { containerDefinitions: [{ name: 'strapi' }] },
      /Container.image should not be null or empty/,
    ],
    ['a bad family name', { family: 'my strapi!' }, /Family contains invalid characters/],
    ['Fargate without task cpu', { cpu: undefined }, /Fargate requires that 'cpu' be defined/],
    ['Fargate with bridge networking', { networkMode: 'bridge' }, /Fargate only supports network mode/],
  ])('rejects %s with ClientException', async (_name, change, message) => {
    const error = await ecs
      .send(new RegisterTaskDefinitionCommand({ ...strapi(), ...change }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientException);
    expect((error as Error).message).toMatch(message);
  });

  test('a missing required member is refused and recorded as a schema violation', async () => {
    const input = { family: 'strapi' } as RegisterTaskDefinitionCommandInput;
    await expect(ecs.send(new RegisterTaskDefinitionCommand(input))).rejects.toBeInstanceOf(ClientException);
    expect(sim.schemaViolations).toEqual([
      'ecs:RegisterTaskDefinition request: missing required member "containerDefinitions" of RegisterTaskDefinitionRequest',
    ]);
  });
});

describe('DescribeTaskDefinition / Deregister / List', () => {
  beforeEach(async () => {
    await ecs.send(
      new RegisterTaskDefinitionCommand({ ...strapi('img:1'), tags: [{ key: 'run-id', value: '42' }] }),
    );
    await ecs.send(new RegisterTaskDefinitionCommand(strapi('img:2')));
    await ecs.send(new RegisterTaskDefinitionCommand(strapi('img:3')));
  });

  const imageOf = async (ref: string): Promise<string | undefined> =>
    (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: ref }))).taskDefinition
      ?.containerDefinitions?.[0]?.image;

  test.each([
    ['strapi', 'img:3'],
    ['strapi:1', 'img:1'],
    ['arn:aws:ecs:eu-west-1:123456789012:task-definition/strapi:2', 'img:2'],
  ])('finds %s', async (ref, image) => {
    expect(await imageOf(ref)).toBe(image);
  });

  test('tags only with include TAGS', async () => {
    const plain = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'strapi:1' }));
    expect(plain.tags).toBeUndefined();
    const tagged = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: 'strapi:1', include: ['TAGS'] }),
    );
    expect(tagged.tags).toEqual([{ key: 'run-id', value: '42' }]);
  });

  test('a deregistered revision is INACTIVE, still describable, and no longer the family default', async () => {
    const out = await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'strapi:3' }));
    expect(out.taskDefinition?.status).toBe('INACTIVE');
    const again = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'strapi:3' }));
    expect(again.taskDefinition?.status).toBe('INACTIVE');
    expect(again.taskDefinition?.deregisteredAt).toBeInstanceOf(Date);
    expect(await imageOf('strapi')).toBe('img:2');
    const active = await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: 'strapi', sort: 'DESC' }));
    expect(active.taskDefinitionArns?.map((a) => a.split('/')[1])).toEqual(['strapi:2', 'strapi:1']);
    const inactive = await ecs.send(
      new ListTaskDefinitionsCommand({ familyPrefix: 'strapi', status: 'INACTIVE' }),
    );
    expect(inactive.taskDefinitionArns?.map((a) => a.split('/')[1])).toEqual(['strapi:3']);
  });

  test('an unknown task definition is a ClientException', async () => {
    await expect(
      ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'nope:1' })),
    ).rejects.toBeInstanceOf(ClientException);
  });

  test('TagResource then ListTagsForResource', async () => {
    const arn = 'arn:aws:ecs:eu-west-1:123456789012:task-definition/strapi:2';
    await ecs.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'git-sha', value: 'def' }] }));
    const out = await ecs.send(new ListTagsForResourceCommand({ resourceArn: arn }));
    expect(out.tags).toEqual([{ key: 'git-sha', value: 'def' }]);
  });
});

describe('clusters and services', () => {
  test('DescribeClusters reports missing clusters as failures', async () => {
    await ecs.send(new CreateClusterCommand({ clusterName: 'strapi' }));
    const out = await ecs.send(new DescribeClustersCommand({ clusters: ['strapi', 'ghost'] }));
    expect(out.clusters?.map((c) => c.clusterName)).toEqual(['strapi']);
    expect(out.failures).toEqual([
      { arn: 'arn:aws:ecs:eu-west-1:123456789012:cluster/ghost', reason: 'MISSING' },
    ]);
  });

  test('DescribeServices reports a missing service as MISSING, a missing cluster as an exception', async () => {
    await sim.seedService({ cluster: 'strapi', service: 'strapi', image: 'img:1' });
    const out = await ecs.send(
      new DescribeServicesCommand({ cluster: 'strapi', services: ['strapi', 'ghost'] }),
    );
    expect(out.services?.map((s) => s.serviceName)).toEqual(['strapi']);
    expect(out.failures).toEqual([
      { arn: 'arn:aws:ecs:eu-west-1:123456789012:service/strapi/ghost', reason: 'MISSING' },
    ]);
    await expect(
      ecs.send(new DescribeServicesCommand({ cluster: 'ghost', services: ['strapi'] })),
    ).rejects.toBeInstanceOf(ClusterNotFoundException);
    expect(sim.schemaViolations).toEqual([]);
  });

  test('UpdateService on a missing service is ServiceNotFoundException', async () => {
    await ecs.send(new CreateClusterCommand({ clusterName: 'strapi' }));
    await expect(
      ecs.send(new UpdateServiceCommand({ cluster: 'strapi', service: 'ghost', forceNewDeployment: true })),
    ).rejects.toBeInstanceOf(ServiceNotFoundException);
  });

  test('a seeded service is steady, with deployment configuration and tasks started by its deployment', async () => {
    await sim.seedService({
      cluster: 'strapi',
      service: 'strapi',
      image: 'img:1',
      desiredCount: 3,
      circuitBreaker: { enable: true, rollback: true },
    });
    const out = await ecs.send(new DescribeServicesCommand({ cluster: 'strapi', services: ['strapi'] }));
    const service = out.services?.[0];
    expect(service).toMatchObject({
      desiredCount: 3,
      runningCount: 3,
      pendingCount: 0,
      deploymentConfiguration: {
        deploymentCircuitBreaker: { enable: true, rollback: true },
        minimumHealthyPercent: 100,
        maximumPercent: 200,
      },
    });
    expect(service?.deployments).toHaveLength(1);
    expect(service?.events?.[0]?.message).toBe('(service strapi) has reached a steady state.');
    expect(service?.events?.[0]?.createdAt?.getTime()).toBeLessThanOrEqual(sim.now());
    const tasks = await ecs.send(
      new ListTasksCommand({
        cluster: 'strapi',
        serviceName: 'strapi',
        startedBy: service?.deployments?.[0]?.id,
      }),
    );
    expect(tasks.taskArns).toHaveLength(3);
  });

  test('CreateService then forceNewDeployment starts a new PRIMARY on the same task definition', async () => {
    await ecs.send(new CreateClusterCommand({ clusterName: 'strapi' }));
    const registered = await ecs.send(new RegisterTaskDefinitionCommand(strapi()));
    const arn = registered.taskDefinition?.taskDefinitionArn;
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'strapi',
        serviceName: 'strapi',
        taskDefinition: arn,
        desiredCount: 1,
        launchType: 'FARGATE',
      }),
    );
    sim.advance(2 * 60_000);
    const forced = await ecs.send(
      new UpdateServiceCommand({ cluster: 'strapi', service: 'strapi', forceNewDeployment: true }),
    );
    expect(forced.service?.deployments?.map((d) => [d.status, d.taskDefinition])).toEqual([
      ['PRIMARY', arn],
      ['ACTIVE', arn],
    ]);
    sim.advance(2 * 60_000);
    expect(sim.state.service('strapi', 'strapi')?.deployments.map((d) => d.rolloutState)).toEqual([
      'COMPLETED',
    ]);
    expect(sim.schemaViolations).toEqual([]);
  });
});
