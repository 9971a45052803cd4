import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  type DescribeServicesCommandOutput,
} from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { deployServiceAction, runnerRevisionTags } from '../../../src/action-kit/deploy-service-action';
import { ConfigurationError, DeploymentFailedError } from '../../../src/core/errors';
import type { DeploymentRecorder } from '../../../src/deploy';
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
  );
}

function recorder() {
  const calls: string[] = [];
  const value: DeploymentRecorder = {
    start: async (info) => void calls.push(`start ${info.cluster}/${info.service} ${info.consoleUrl}`),
    finish: async (status, info) => void calls.push(`finish ${status} ${info.outcome?.status ?? info.error}`),
  };
  return { recorder: value, calls };
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
  ecsMock
    .on(UpdateServiceCommand)
    .resolves({ service: fixture<DescribeServicesCommandOutput>('describe-services-rolling').services?.[0] });
});

afterAll(() => {
  process.env = savedEnv;
});

describe('deployServiceAction', () => {
  test('success: outputs, the job summary, the run tags on the revision, the recorder told', async () => {
    describeServices(fixture('describe-services-completed'));
    const { kit: k, outputs } = kit({});
    const { recorder: r, calls } = recorder();
    await deployServiceAction(k, r);

    expect(outputs).toEqual({
      'task-definition-arn': NEW_ARN,
      'previous-task-definition-arn': OLD_ARN,
      'deployment-id': 'ecs-svc/4474419915736127711',
      status: 'succeeded',
    });
    expect(readFileSync(summaryFile, 'utf8')).toContain('## Deploy strapi: ✅ Succeeded');
    expect(ecsMock.commandCalls(RegisterTaskDefinitionCommand)[0]?.args[0].input.tags).toEqual([
      { key: 'app', value: 'strapi' },
      { key: 'git-sha', value: 'c0ffee0000000000000000000000000000000001' },
      { key: 'run-id', value: '777' },
    ]);
    expect(calls).toEqual([
      'start strapi-production/strapi https://ap-south-1.console.aws.amazon.com/ecs/v2/clusters/strapi-production/services/strapi/deployments',
      'finish success succeeded',
    ]);
  });

  test('a failed rollout: outputs and summary first, then DeploymentFailedError', async () => {
    const failed = fixture<DescribeServicesCommandOutput>('describe-services-rolling');
    const ours = failed.services?.[0]?.deployments?.[0];
    if (ours)
      Object.assign(ours, {
        rolloutState: 'FAILED',
        rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
      });
    describeServices(failed);
    const { kit: k, outputs } = kit({ 'rollback-on-failure': 'false', 'job-summary': 'true' });
    const { recorder: r, calls } = recorder();

    const attempt = deployServiceAction(k, r);
    await expect(attempt).rejects.toThrow(DeploymentFailedError);
    await expect(attempt).rejects.toThrow(
      'Deploy failed: ECS marked the rollout FAILED: ECS deployment circuit breaker: tasks failed to start.',
    );
    expect(outputs.status).toBe('failed');
    expect(readFileSync(summaryFile, 'utf8')).toContain('❌ Failed');
    expect(calls.at(-1)).toBe('finish failure failed');
  });

  test('job-summary false writes no summary; a recorder that throws is only a warning', async () => {
    describeServices(fixture('describe-services-completed'));
    const { kit: k, reporter } = kit({ 'job-summary': 'false' });
    const broken: DeploymentRecorder = {
      start: async () => Promise.reject(new Error('GitHub API 502')),
      finish: async () => undefined,
    };
    await deployServiceAction(k, broken);
    expect(readFileSync(summaryFile, 'utf8')).toBe('');
    expect(reporter.text()).toContain('Could not record the deployment (start): GitHub API 502');
  });

  test('bad input: a ConfigurationError before any AWS call', async () => {
    const { kit: k } = kit({ 'wait-minutes': '500' });
    await expect(deployServiceAction(k)).rejects.toThrow(ConfigurationError);
    expect(ecsMock.calls()).toHaveLength(0);
  });

  test('runnerRevisionTags reads the commit and run from the runner', () => {
    expect(runnerRevisionTags({ GITHUB_SHA: 'abc', GITHUB_RUN_ID: '1' })).toEqual({
      'git-sha': 'abc',
      'run-id': '1',
    });
    expect(runnerRevisionTags({})).toEqual({});
  });
});
