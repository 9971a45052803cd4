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
  type Tag,
} from '@aws-sdk/client-ecs';
import { createAwsClients } from '../../support/aws-clients';
import { explainAwsError } from '../../../src/core/aws-errors';
import type { Clock } from '../../../src/core/clock';
import { ConfigurationError } from '../../../src/core/errors';

import { renderTaskDefinition, type DeployServiceInputs } from '../../../src/deploy';
import { ServiceBusyError } from '../../../src/deploy/idle';
import { findService } from '../../../src/ecs/service';
import { runDeploy, type DeployJob } from '../../../src/use-cases/deploy';
import type { JobEnvironment } from '../../../src/use-cases/job-context';
import { describeIfAvailable, missingCommand } from '../../support/components';
import { startMoto, type MotoServer } from '../../support/moto';
import { deployInputs } from '../../support/simulated-aws';
import { taskDefinitionFixture } from '../../unit/deploy/fixtures';

/**
 * The engine's AWS edges against moto_server, for what moto models: task definition
 * register/describe/tags/deregister, cluster and service lookups, error shapes.
 *
 * moto 5.2.1 quirks (why rollouts are tested on the simulator in sim/ instead):
 * - services never run tasks: runningCount stays 0 and pendingCount == desiredCount, so a wait can only time out;
 * - UpdateService does not start a new deployment: the one PRIMARY deployment keeps its id and only its
 *   taskDefinition changes;
 * - a deployment's rolloutState is COMPLETED when no task is needed (desired 0), else IN_PROGRESS forever,
 *   so a service with tasks always has a deployment in flight (a deploy refuses to start on it);
 * - the MISSING failure of DescribeServices names `service/<name>` without the cluster;
 * - a missing task definition is a ClientException "Unable to describe task definition." (as in AWS).
 */
const CLUSTER = 'strapi-production';
const SERVICE = 'strapi';

/** Tags in key order: moto lists a tag added by TagResource before the ones registered with the revision. */
function byKey(tags: Tag[] | undefined): Tag[] {
  return [...(tags ?? [])].sort((a, b) => (a.key ?? '').localeCompare(b.key ?? ''));
}

/** Virtual time: sleeping moves it, nothing waits for real. */
function manualClock(start = Date.UTC(2026, 0, 15, 10)): Clock {
  let now = start;
  return { now: () => now, sleep: async (ms) => void (now += ms) };
}

describeIfAvailable(missingCommand('moto_server'))('deploy on moto_server', () => {
  let moto: MotoServer;
  let ecs: ECSClient;
  let env: JobEnvironment;
  let seededArn: string;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    moto = await startMoto();
    Object.assign(process.env, moto.env());
    const clients = createAwsClients({ region: 'ap-south-1', maxAttempts: 2 });
    ecs = clients.ecs;
    env = {
      clock: manualClock(),
      reporter: new RecordingReporter(),
      awsClients: () => ({ ecs: clients.ecs, logs: clients.logs }),
    };
    await ecs.send(new CreateClusterCommand({ clusterName: CLUSTER }));
    // The saved production task definition, rendered: proves the rendered request is one AWS's model accepts.
    const rendered = renderTaskDefinition(taskDefinitionFixture('describe-task-definition-strapi'), {
      image: '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi:v1',
    });
    seededArn =
      (await ecs.send(new RegisterTaskDefinitionCommand(rendered.input))).taskDefinition?.taskDefinitionArn ??
      '';
    // Desired 0: the only services moto shows idle (see above), so a deploy starts on them.
    for (const [serviceName, desiredCount] of [
      [SERVICE, 0],
      ['strapi-admin', 0],
      ['strapi-busy', 2],
    ] as const) {
      await ecs.send(
        new CreateServiceCommand({
          cluster: CLUSTER,
          serviceName,
          taskDefinition: seededArn,
          desiredCount,
          launchType: 'FARGATE',
        }),
      );
    }
    await ecs.send(new CreateClusterCommand({ clusterName: 'strapi-staging' }));
  });

  afterAll(async () => {
    await moto?.stop();
    process.env = savedEnv;
  });

  function job(extra: Partial<DeployServiceInputs> = {}, release: Omit<DeployJob, 'inputs'> = {}): DeployJob {
    return {
      inputs: deployInputs(CLUSTER, SERVICE, '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi:v2', {
        rollbackOnFailure: false,
        wait: { waitMinutes: 1, pollSeconds: 10, maxTaskFailures: 2 },
        ...extra,
      }),
      ...release,
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
      'Service "strapy" not found in cluster "strapi-production"; services that exist: strapi, strapi-admin, strapi-busy.',
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

  test("deploy registers a revision with the new image, its own tags and this run's, then updates the service", async () => {
    const result = await runDeploy(env, job({}, { gitSha: 'c0ffee', runId: '4242' }));

    // moto runs no tasks: with desired 0 its deployment is COMPLETED at once, whatever it runs.
    expect(result.verdict).toBe('succeeded');
    expect(result.from.taskDefinitionArn).toBe(seededArn);
    expect(result.to.taskDefinitionArn).toBe(seededArn.replace(/:1$/, ':2'));

    const registered = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: result.to.taskDefinitionArn, include: ['TAGS'] }),
    );
    expect(registered.taskDefinition?.containerDefinitions?.[0]?.image).toBe(
      '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi:v2',
    );
    expect(registered.taskDefinition?.containerDefinitions?.[0]?.secrets?.map((s) => s.name)).toEqual([
      'DATABASE_URL',
      'APP_KEYS',
      'JWT_SECRET',
    ]);
    // Registered with its own tags and this run's; moto accepts the deploy-result TagResource of the verdict.
    expect(byKey(registered.tags)).toEqual([
      { key: 'app', value: 'strapi' },
      { key: 'deploy-result', value: 'success' },
      { key: 'git-sha', value: 'c0ffee' },
      { key: 'run-id', value: '4242' },
    ]);
    const service = (await ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [SERVICE] })))
      .services?.[0];
    expect(service?.taskDefinition).toBe(result.to.taskDefinitionArn);

    // A deregistered revision stays describable, INACTIVE, with its tags (the release history reads them).
    await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: result.to.taskDefinitionArn }));
    const after = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: result.to.taskDefinitionArn, include: ['TAGS'] }),
    );
    expect(after.taskDefinition?.status).toBe('INACTIVE');
    expect(byKey(after.tags).map((t) => t.key)).toEqual(['app', 'deploy-result', 'git-sha', 'run-id']);
  });

  test('a deployment in flight, as moto describes it, is refused naming it; nothing is registered', async () => {
    const before = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'strapi-production' }));
    const attempt = runDeploy(env, job({ service: 'strapi-busy' }));
    await expect(attempt).rejects.toThrow(ServiceBusyError);
    await expect(attempt).rejects.toThrow(
      /^Service "strapi-busy" has a deployment in flight: ecs-svc\/\d+ \(to strapi-production:\d+, IN_PROGRESS, started .*, 0\/2 tasks running\)/,
    );
    const after = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'strapi-production' }));
    expect(after.taskDefinition?.revision).toBe(before.taskDefinition?.revision);
  });

  test('a task definition file RegisterTaskDefinition rejects: a failed result naming the call, and the service is untouched', async () => {
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
    // Registering is the deploy's first change, so its refusal is a result (with a summary), not a throw.
    const result = await runDeploy(env, job({ service: 'strapi-admin', taskDefinitionFile: file }));
    expect(result.verdict).toBe('failed');
    expect(result.reason).toMatch(
      /^ecs:RegisterTaskDefinition was rejected: Invalid setting for container 'strapi'/,
    );
    expect(result.error).toMatchObject({ unexpected: false });
    expect(result.to.taskDefinitionArn).toBe('');
    expect(result.endedOn).toBe(before.taskDefinition);
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
