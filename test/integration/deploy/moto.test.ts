import { RecordingReporter } from '../../support/recording-reporter';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DeregisterTaskDefinitionCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  RegisterTaskDefinitionCommand,
  type ECSClient,
} from '@aws-sdk/client-ecs';
import { createAwsClients } from '../../../src/aws/clients';
import type { Clock } from '../../../src/core/clock';
import { ConfigurationError } from '../../../src/core/errors';

import {
  deployService,
  findService,
  renderTaskDefinition,
  type DeployRequest,
  type EngineDeps,
} from '../../../src/deploy';
import { explainAwsError } from '../../../src/deploy/service-lookup';
import { describeIfAvailable, missingCommand } from '../../support/components';
import { startMoto, type MotoServer } from '../../support/moto';
import { taskDefinitionFixture } from '../../unit/deploy/fixtures';

/**
 * The engine's AWS edges against moto_server, for what moto models: task definition
 * register/describe/tags/deregister, cluster and service lookups, error shapes.
 *
 * moto 5.2.1 quirks (why rollouts are tested on the simulator in sim/ instead):
 * - services never run tasks: runningCount stays 0 and pendingCount == desiredCount, so a wait can only time out;
 * - UpdateService does not start a new deployment: the one PRIMARY deployment keeps its id and only its
 *   taskDefinition changes, and rolloutState stays IN_PROGRESS;
 * - the MISSING failure of DescribeServices names `service/<name>` without the cluster;
 * - a missing task definition is a ClientException "Unable to describe task definition." (as in AWS).
 */
const CLUSTER = 'strapi-production';
const SERVICE = 'strapi';

/** Virtual time: sleeping moves it, nothing waits for real. */
function manualClock(start = Date.UTC(2026, 0, 15, 10)): Clock {
  let now = start;
  return { now: () => now, sleep: async (ms) => void (now += ms) };
}

describeIfAvailable(missingCommand('moto_server'))('deploy engine on moto_server', () => {
  let moto: MotoServer;
  let ecs: ECSClient;
  let deps: EngineDeps;
  let seededArn: string;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    moto = await startMoto();
    Object.assign(process.env, moto.env());
    const clients = createAwsClients({ region: 'ap-south-1', maxAttempts: 2 });
    ecs = clients.ecs;
    deps = { ecs, logs: clients.logs, clock: manualClock(), reporter: new RecordingReporter() };
    await ecs.send(new CreateClusterCommand({ clusterName: CLUSTER }));
    // The saved production task definition, rendered: proves the rendered request is one AWS's model accepts.
    const rendered = renderTaskDefinition(taskDefinitionFixture('describe-task-definition-strapi'), {
      image: '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi:v1',
    });
    seededArn =
      (await ecs.send(new RegisterTaskDefinitionCommand(rendered.input))).taskDefinition?.taskDefinitionArn ??
      '';
    await ecs.send(
      new CreateServiceCommand({
        cluster: CLUSTER,
        serviceName: SERVICE,
        taskDefinition: seededArn,
        desiredCount: 2,
        launchType: 'FARGATE',
      }),
    );
    await ecs.send(
      new CreateServiceCommand({
        cluster: CLUSTER,
        serviceName: 'strapi-admin',
        taskDefinition: seededArn,
        desiredCount: 1,
        launchType: 'FARGATE',
      }),
    );
    await ecs.send(new CreateClusterCommand({ clusterName: 'strapi-staging' }));
  });

  afterAll(async () => {
    await moto?.stop();
    process.env = savedEnv;
  });

  function request(extra: Partial<DeployRequest> = {}): DeployRequest {
    return {
      cluster: CLUSTER,
      service: SERVICE,
      image: '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi:v2',
      forceNewDeployment: false,
      rollbackOnFailure: false,
      wait: { waitMinutes: 1, pollSeconds: 10, maxTaskFailures: 2 },
      ...extra,
    };
  }

  test('findService returns the service by name', async () => {
    const service = await findService(ecs, CLUSTER, SERVICE);
    expect(service.serviceName).toBe(SERVICE);
    expect(service.taskDefinition).toBe(seededArn);
  });

  test.each([
    [
      'an unknown cluster lists the clusters',
      'strapi-prod',
      SERVICE,
      'Cluster "strapi-prod" not found; clusters that exist: strapi-production, strapi-staging.',
    ],
    [
      'an unknown service lists the services',
      CLUSTER,
      'strapy',
      'Service "strapy" not found in cluster "strapi-production"; services that exist: strapi, strapi-admin.',
    ],
    [
      'an empty cluster says so',
      'strapi-staging',
      SERVICE,
      'Service "strapi" not found in cluster "strapi-staging"; no services exist there.',
    ],
  ])('%s', async (_name, cluster, service, message) => {
    const attempt = findService(ecs, cluster, service);
    await expect(attempt).rejects.toThrow(ConfigurationError);
    await expect(findService(ecs, cluster, service)).rejects.toThrow(message);
  });

  test('deploy registers a revision with the new image, the old tags and the run tags, then updates the service', async () => {
    const outcome = await deployService(
      deps,
      request({ revisionTags: { 'git-sha': 'c0ffee', 'run-id': '4242' } }),
    );

    // moto never runs tasks, so the wait can only time out: the state is summarised.
    expect(outcome.status).toBe('timed-out');
    expect(outcome.rollout.reason).toMatch(
      /^Timed out after 1 min waiting for ecs-svc\/\d+: rollout IN_PROGRESS, 0 running \/ 2 pending \/ 2 desired/,
    );
    expect(outcome.previousTaskDefinitionArn).toBe(seededArn);
    expect(outcome.taskDefinitionArn).toBe(seededArn.replace(/:1$/, ':2'));

    const registered = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: outcome.taskDefinitionArn, include: ['TAGS'] }),
    );
    expect(registered.taskDefinition?.containerDefinitions?.[0]?.image).toBe(
      '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi:v2',
    );
    expect(registered.taskDefinition?.containerDefinitions?.[0]?.secrets?.map((s) => s.name)).toEqual([
      'DATABASE_URL',
      'APP_KEYS',
      'JWT_SECRET',
    ]);
    expect(registered.tags).toEqual([
      { key: 'app', value: 'strapi' },
      { key: 'git-sha', value: 'c0ffee' },
      { key: 'run-id', value: '4242' },
    ]);
    const service = (await ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [SERVICE] })))
      .services?.[0];
    expect(service?.taskDefinition).toBe(outcome.taskDefinitionArn);

    // A deregistered revision stays describable, INACTIVE, with its tags (the release history reads them).
    await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: outcome.taskDefinitionArn }));
    const after = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: outcome.taskDefinitionArn, include: ['TAGS'] }),
    );
    expect(after.taskDefinition?.status).toBe('INACTIVE');
    expect(after.tags?.map((t) => t.key)).toEqual(['app', 'git-sha', 'run-id']);
  });

  test('a task definition file RegisterTaskDefinition rejects is a ConfigurationError, and the service is untouched', async () => {
    const before = await findService(ecs, CLUSTER, 'strapi-admin');
    const dir = mkdtempSync(join(tmpdir(), 'td-'));
    const file = join(dir, 'task-definition.json');
    // No memory anywhere: ECS (and moto) reject it.
    writeFileSync(
      file,
      JSON.stringify({
        family: 'strapi-admin',
        containerDefinitions: [{ name: 'strapi', image: 'placeholder', essential: true }],
      }),
    );
    const attempt = deployService(deps, request({ service: 'strapi-admin', taskDefinitionFile: file }));
    await expect(attempt).rejects.toThrow(ConfigurationError);
    await expect(
      deployService(deps, request({ service: 'strapi-admin', taskDefinitionFile: file })),
    ).rejects.toThrow(/^ecs:RegisterTaskDefinition was rejected: Invalid setting for container 'strapi'/);
    expect((await findService(ecs, CLUSTER, 'strapi-admin')).taskDefinition).toBe(before.taskDefinition);
  });

  test('error shapes: a missing task definition is a ClientException, explained as a rejected call', async () => {
    const error = await ecs
      .send(new DescribeTaskDefinitionCommand({ taskDefinition: 'strapi-production:99' }))
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe('ClientException');
    const explained = explainAwsError(error, 'ecs:DescribeTaskDefinition');
    expect(explained).toBeInstanceOf(ConfigurationError);
    expect(explained.message).toBe(
      'ecs:DescribeTaskDefinition was rejected: Unable to describe task definition.',
    );
  });
});
