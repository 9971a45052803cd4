import { RecordingReporter } from '../../support/recording-reporter';
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  ListStackResourcesCommand,
  type Stack,
  type DescribeChangeSetCommandOutput,
} from '@aws-sdk/client-cloudformation';
import { DescribeSubnetsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { ECSClient } from '@aws-sdk/client-ecs';
import { provisionAction } from '../../../src/action-kit/provision-action';
import type { ActionKit } from '../../../src/action-kit/run-action';
import type { JobSummary } from '../../../src/action-kit/job-summary';
import { InputReader, mapInputSource } from '../../../src/core/inputs';

import { loadBaselineTemplate } from '../../../src/provision/template';
import { FakeClock, loadFixture } from './support';

const cf = mockClient(CloudFormationClient);
const ec2 = mockClient(EC2Client);
mockClient(ECSClient);
const STACK_ID =
  'arn:aws:cloudformation:ap-south-1:123456789012:stack/strapi-prod/4f1b3c20-8e0a-11ef-9d3e-0a1b2c3d4e5f';

/** The image the tests say is deployed: the action has no ECS client to read it (see provision.test.ts). */
const DEPLOYED = {
  'image-uri': `123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi-prod@sha256:${'a'.repeat(64)}`,
};

function fakeKit(values: Record<string, string>) {
  const outputs: Record<string, string> = {};
  const summaries: string[] = [];
  const summary = {
    enabled: true,
    write: async (m: string) => void summaries.push(m),
  } as unknown as JobSummary;
  const kit: ActionKit = {
    inputs: new InputReader(
      mapInputSource({ 'stack-name': 'strapi-prod', 'aws-region': 'ap-south-1', ...values }),
    ),
    reporter: new RecordingReporter(),
    clock: new FakeClock(),
    setOutput: (name, value) => void (outputs[name] = String(value)),
    summary,
    saveState: () => undefined,
    getState: () => '',
    signal: new AbortController().signal,
    env: process.env,
  };
  return { kit, outputs, summaries, summary };
}

beforeEach(() => {
  cf.reset();
  ec2.reset();
  ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-0a1b2c3d4e5f60718' }] });
  ec2.on(DescribeSubnetsCommand).resolves({
    Subnets: [
      { SubnetId: 'subnet-0aa11bb22cc33dd44', AvailabilityZone: 'ap-south-1a', DefaultForAz: true },
      { SubnetId: 'subnet-0ee55ff66aa77bb88', AvailabilityZone: 'ap-south-1b', DefaultForAz: true },
    ],
  });
  cf.on(CreateChangeSetCommand).resolves({ Id: 'cs-1', StackId: STACK_ID });
  cf.on(DeleteChangeSetCommand).resolves({});
  // No ECS service in the stack's resources: the explicit image-uri is what the update runs.
  cf.on(ListStackResourcesCommand).resolves({ StackResourceSummaries: [] });
});

/** DescribeStacks answers with the stack as a finished update left it. */
function existingStack(extra: Partial<Stack> = {}): void {
  cf.on(DescribeStacksCommand).resolves({
    Stacks: [
      {
        StackId: STACK_ID,
        StackName: 'strapi-prod',
        StackStatus: 'UPDATE_COMPLETE',
        CreationTime: new Date(),
        ...extra,
      },
    ],
  });
}

test('no changes: every stack output becomes an action output, plus outputs-json and the result', async () => {
  existingStack({
    EnableTerminationProtection: true,
    Outputs: [
      { OutputKey: 'ClusterName', OutputValue: 'strapi-prod-Cluster-AbCdEfGh1234' },
      {
        OutputKey: 'RepositoryUri',
        OutputValue: '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi-prod',
      },
    ],
  });
  cf.on(DescribeChangeSetCommand).resolves(
    loadFixture<DescribeChangeSetCommandOutput>('describe-change-set-empty'),
  );
  const { kit, outputs, summaries } = fakeKit(DEPLOYED);
  await provisionAction(kit);
  expect(outputs).toEqual({
    'cluster-name': 'strapi-prod-Cluster-AbCdEfGh1234',
    'repository-uri': '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi-prod',
    'outputs-json': JSON.stringify({
      ClusterName: 'strapi-prod-Cluster-AbCdEfGh1234',
      RepositoryUri: '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi-prod',
    }),
    result: 'no-changes',
    'stack-id': STACK_ID,
    'change-count': '0',
  });
  expect(summaries).toHaveLength(1);
  // The template the action submits is the one shipped in templates/.
  expect(cf.commandCalls(CreateChangeSetCommand)[0]!.args[0].input.TemplateBody).toBe(loadBaselineTemplate());
});

test('a refused change set still writes the table to the job summary, then fails', async () => {
  existingStack();
  cf.on(DescribeChangeSetCommand).resolves(
    loadFixture<DescribeChangeSetCommandOutput>('describe-change-set-update-db-subnet-group'),
  );
  const { kit, outputs, summaries } = fakeKit(DEPLOYED);
  await expect(provisionAction(kit)).rejects.toThrow(/Refusing to execute/);
  expect(summaries[0]).toContain(
    '| **Database** (protected) | `AWS::RDS::DBInstance` | Modify | Conditional |',
  );
  expect(outputs).toEqual({});
  expect(cf.commandCalls(ExecuteChangeSetCommand)).toHaveLength(0);
});

test('job-summary: false turns the summary off', async () => {
  existingStack({ EnableTerminationProtection: true });
  cf.on(DescribeChangeSetCommand).resolves(
    loadFixture<DescribeChangeSetCommandOutput>('describe-change-set-no-updates'),
  );
  const { kit, summary } = fakeKit({ ...DEPLOYED, 'job-summary': 'false' });
  await provisionAction(kit);
  expect(summary.enabled).toBe(false);
});
