import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ListServicesCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  TagResourceCommand,
  UpdateServiceCommand,
  type DescribeServicesCommandOutput,
} from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { deployServiceAction } from '../../../src/action-kit/deploy-service-action';
import { ConfigurationError } from '../../../src/core/errors';
import { recordingActionKit } from '../../support/action-kit';
import { fixture } from './fixtures';

const ecsMock = mockClient(ECSClient);
mockClient(CloudWatchLogsClient);
const OLD_ARN = 'arn:aws:ecs:ap-south-1:123456789012:task-definition/strapi-production:7';
const NEW_ARN = 'arn:aws:ecs:ap-south-1:123456789012:task-definition/strapi-production:8';

function kit(inputs: Record<string, string>) {
  let now = Date.UTC(2026, 0, 15, 10);
  return recordingActionKit(
    { cluster: 'strapi-production', service: 'strapi', 'image-uri': 'registry.example/strapi:v2', ...inputs },
    { now: () => now, sleep: async (ms) => void (now += ms) },
    { env: { ...process.env, GITHUB_REPOSITORY: '' } },
  );
}

// @actions/core's summary remembers the first file it wrote to: one file, emptied per test.
const summaryFile = join(mkdtempSync(join(tmpdir(), 'summary-')), 'summary.md');
const savedEnv = { ...process.env };

/** DescribeServices: the service before the deploy, then `during` for every poll. */
function describeServices(during: DescribeServicesCommandOutput): void {
  const before = fixture<DescribeServicesCommandOutput>('describe-services-completed');
  const service = before.services?.[0];
  if (service) {
    service.taskDefinition = OLD_ARN;
    service.deployments = [
      { ...service.deployments?.[0], id: 'ecs-svc/0912774163598412345', taskDefinition: OLD_ARN },
    ];
  }
  ecsMock.on(DescribeServicesCommand).resolvesOnce(before).resolves(during);
}

beforeEach(() => {
  ecsMock.reset();
  writeFileSync(summaryFile, '');
  process.env.GITHUB_STEP_SUMMARY = summaryFile;
  process.env.GITHUB_SHA = 'c0ffee0000000000000000000000000000000001';
  process.env.GITHUB_RUN_ID = '777';
  ecsMock.on(DescribeTaskDefinitionCommand).resolves(fixture('describe-task-definition-strapi'));
  ecsMock.on(RegisterTaskDefinitionCommand).resolves({ taskDefinition: { taskDefinitionArn: NEW_ARN } });
  ecsMock.on(TagResourceCommand).resolves({});
  ecsMock
    .on(UpdateServiceCommand)
    .resolves({ service: fixture<DescribeServicesCommandOutput>('describe-services-rolling').services?.[0] });
});

afterAll(() => {
  process.env = savedEnv;
});

/** The deploy-result tags written, in order: only ever after the verdict. */
function resultTags(): string[] {
  return ecsMock
    .commandCalls(TagResourceCommand)
    .flatMap((c) =>
      (c.args[0].input.tags ?? []).map((t) => `${c.args[0].input.resourceArn} ${t.key}=${t.value}`),
    );
}

describe('deployServiceAction', () => {
  test('success: outputs, the job summary, the run tags on the revision, the result tag after the verdict', async () => {
    describeServices(fixture('describe-services-completed'));
    const { kit: k, outputs } = kit({});
    const end = await deployServiceAction(k);

    expect(end).toEqual({});
    expect(outputs).toEqual({
      'task-definition-arn': NEW_ARN,
      'previous-task-definition-arn': OLD_ARN,
      'deployment-id': 'ecs-svc/4474419915736127711',
      status: 'succeeded',
    });
    expect(readFileSync(summaryFile, 'utf8')).toContain('## Deploy strapi: ✅ succeeded');
    expect(ecsMock.commandCalls(RegisterTaskDefinitionCommand)[0]?.args[0].input.tags).toEqual([
      { key: 'app', value: 'strapi' },
      { key: 'git-sha', value: 'c0ffee0000000000000000000000000000000001' },
      { key: 'run-id', value: '777' },
    ]);
    expect(resultTags()).toEqual([`${NEW_ARN} deploy-result=success`]);
  });

  test('a failed rollout: outputs and summary, then the step fails with the verdict and reason', async () => {
    const failed = fixture<DescribeServicesCommandOutput>('describe-services-rolling');
    const ours = failed.services?.[0]?.deployments?.[0];
    if (ours)
      Object.assign(ours, {
        rolloutState: 'FAILED',
        rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
      });
    describeServices(failed);
    const { kit: k, outputs } = kit({ 'rollback-on-failure': 'false', 'job-summary': 'true' });

    const end = await deployServiceAction(k);
    expect(end.failed).toBe(
      'Deploy failed: ECS marked the rollout FAILED: ECS deployment circuit breaker: tasks failed to start.',
    );
    expect(outputs.status).toBe('failed');
    expect(readFileSync(summaryFile, 'utf8')).toContain('❌ failed');
    expect(resultTags()).toEqual([`${NEW_ARN} deploy-result=failure`]);
  });

  test('job-summary false writes no summary', async () => {
    describeServices(fixture('describe-services-completed'));
    const { kit: k } = kit({ 'job-summary': 'false' });
    await deployServiceAction(k);
    expect(readFileSync(summaryFile, 'utf8')).toBe('');
  });

  test('bad input: a ConfigurationError naming the input, before any AWS call', async () => {
    const { kit: k } = kit({ 'wait-minutes': '500' });
    const attempt = deployServiceAction(k);
    await expect(attempt).rejects.toThrow(ConfigurationError);
    await expect(attempt).rejects.toMatchObject({ input: 'wait-minutes' });
    expect(ecsMock.calls()).toHaveLength(0);
  });

  test('a cluster ARN of another region than aws-region: refused before any AWS call', async () => {
    const { kit: k } = kit({ cluster: 'arn:aws:ecs:eu-west-1:123456789012:cluster/strapi-production' });
    await expect(deployServiceAction(k)).rejects.toMatchObject({ input: 'cluster' });
    await expect(
      deployServiceAction(kit({ cluster: 'arn:aws:ecs:eu-west-1:123456789012:cluster/x' }).kit),
    ).rejects.toThrow(/is in eu-west-1, but the step works in ap-south-1/);
    expect(ecsMock.calls()).toHaveLength(0);
  });

  test('a missing service: the step fails, a "not started" summary and status=failed are still written', async () => {
    ecsMock
      .on(DescribeServicesCommand)
      .resolves({ services: [], failures: [{ arn: 'x', reason: 'MISSING' }] });
    ecsMock.on(ListServicesCommand).resolves({ serviceArns: ['arn:aws:ecs:ap-south-1:1:service/c/other'] });
    const { kit: k, outputs } = kit({});
    await expect(deployServiceAction(k)).rejects.toThrow(ConfigurationError);
    expect(outputs.status).toBe('failed');
    expect(readFileSync(summaryFile, 'utf8')).toMatch(
      /## Deploy: not started[\s\S]*services that exist: other/,
    );
    expect(ecsMock.commandCalls(RegisterTaskDefinitionCommand)).toHaveLength(0);
  });
});
