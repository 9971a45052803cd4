import { RecordingReporter } from '../../support/recording-reporter';
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  ListStackResourcesCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  UpdateTerminationProtectionCommand,
  type DescribeChangeSetCommandOutput,
  type DescribeStackEventsCommandOutput,
  type Parameter,
  type ResourceStatus,
  type Stack,
  type StackEvent,
  type StackStatus,
} from '@aws-sdk/client-cloudformation';
import { DescribeSubnetsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  type DescribeTaskDefinitionCommandOutput,
} from '@aws-sdk/client-ecs';
import { mockClient, type AwsStub } from 'aws-sdk-client-mock';
import { ConfigurationError } from '../../../src/core/errors';
import { ProvisionFailedError } from '../../../src/provision/errors';

import {
  outputName,
  provisionStack,
  ReplacementRefusedError,
  StackOperationFailedError,
  type ProvisionRequest,
} from '../../../src/provision/provision';
import { loadBaselineTemplate } from '../../../src/provision/template';
import { START_FROM_TAG } from '../../../src/ecs/placeholder';
import { parseTemplate, type Json } from './template-loader';
import { BASE_PROVISION_REQUEST, FakeClock, loadFixture } from './support';

const STACK_ID =
  'arn:aws:cloudformation:ap-south-1:123456789012:stack/strapi-prod/4f1b3c20-8e0a-11ef-9d3e-0a1b2c3d4e5f';
const CHANGE_SET_ID =
  'arn:aws:cloudformation:ap-south-1:123456789012:changeSet/strapi-deploy-1764493961000/0c5b9a8e-2f4d-4b6a-9c1e-7d8f0a1b2c3d';

const request: ProvisionRequest = {
  ...BASE_PROVISION_REQUEST,
  stackName: 'strapi-prod',
  waitMinutes: 60,
  templateBody: 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n',
  pollMs: 5000,
};

const stack = (status: string, extra: Partial<Stack> = {}): Stack => ({
  StackId: STACK_ID,
  StackName: 'strapi-prod',
  StackStatus: status as StackStatus,
  CreationTime: new Date('2026-11-30T09:12:40Z'),
  EnableTerminationProtection: false,
  ...extra,
});
const notFound = () =>
  Object.assign(new Error('Stack with id strapi-prod does not exist'), { name: 'ValidationError' });
const event = (id: string, logicalId: string, status: string, reason?: string): StackEvent => ({
  EventId: id,
  StackId: STACK_ID,
  StackName: 'strapi-prod',
  LogicalResourceId: logicalId,
  ResourceType: logicalId === 'strapi-prod' ? 'AWS::CloudFormation::Stack' : 'AWS::ECS::Cluster',
  ResourceStatus: status as ResourceStatus,
  ResourceStatusReason: reason,
  Timestamp: new Date('2026-11-30T09:14:00Z'),
});
const OUTPUTS = [
  { OutputKey: 'ClusterName', OutputValue: 'strapi-prod-Cluster-AbCdEfGh1234' },
  { OutputKey: 'RepositoryUri', OutputValue: '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi-prod' },
];

let cloudformation: CloudFormationClient;
let ec2: EC2Client;
let ecs: ECSClient;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let ecsStub: AwsStub<any, any, any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let cf: AwsStub<any, any, any>;
let reporter: RecordingReporter;
let clock: FakeClock;

beforeEach(() => {
  cloudformation = new CloudFormationClient({ region: 'ap-south-1' });
  ec2 = new EC2Client({ region: 'ap-south-1' });
  cf = mockClient(cloudformation);
  const e = mockClient(ec2);
  e.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-0a1b2c3d4e5f60718', IsDefault: true }] });
  e.on(DescribeSubnetsCommand).resolves({
    Subnets: [
      {
        SubnetId: 'subnet-0ee55ff66aa77bb88',
        AvailabilityZone: 'ap-south-1b',
        DefaultForAz: true,
        VpcId: 'vpc-0a1b2c3d4e5f60718',
      },
      {
        SubnetId: 'subnet-0aa11bb22cc33dd44',
        AvailabilityZone: 'ap-south-1a',
        DefaultForAz: true,
        VpcId: 'vpc-0a1b2c3d4e5f60718',
      },
      {
        SubnetId: 'subnet-0cc99dd88ee77ff66',
        AvailabilityZone: 'ap-south-1c',
        DefaultForAz: true,
        VpcId: 'vpc-0a1b2c3d4e5f60718',
      },
    ],
  });
  reporter = new RecordingReporter();
  clock = new FakeClock();
  cf.on(CreateChangeSetCommand).resolves({ Id: CHANGE_SET_ID, StackId: STACK_ID });
  cf.on(DeleteChangeSetCommand).resolves({});
  cf.on(ExecuteChangeSetCommand).resolves({});
  cf.on(UpdateTerminationProtectionCommand).resolves({ StackId: STACK_ID });
  cf.on(DescribeStackEventsCommand).resolves({ StackEvents: [] });
  // Two pages, as a stack with more resources than one page answers.
  cf.on(ListStackResourcesCommand, { StackName: 'strapi-prod', NextToken: undefined }).resolves({
    StackResourceSummaries: [
      { LogicalResourceId: 'Cluster', PhysicalResourceId: CLUSTER } as never,
      { LogicalResourceId: 'Database', PhysicalResourceId: 'strapi-prod-database-1a2b3c' } as never,
    ],
    NextToken: 'page-2',
  });
  cf.on(ListStackResourcesCommand, { StackName: 'strapi-prod', NextToken: 'page-2' }).resolves({
    StackResourceSummaries: [{ LogicalResourceId: 'Service', PhysicalResourceId: SERVICE_ARN } as never],
  });
  ecs = new ECSClient({ region: 'ap-south-1' });
  ecsStub = mockClient(ecs);
  // By default the service still runs the placeholder; "keeping what runs" sets a Strapi revision.
  serviceRuns(PLACEHOLDER_REVISION);
});

const CLUSTER = 'strapi-prod-Cluster-AbCdEfGh1234';
const SERVICE_ARN = `arn:aws:ecs:ap-south-1:123456789012:service/${CLUSTER}/strapi-prod-Service-XyZ`;
const TD = (family: string, revision: number) =>
  `arn:aws:ecs:ap-south-1:123456789012:task-definition/${family}:${revision}`;
/** Hand-written DescribeTaskDefinition answers, shaped as ECS returns them (include: TAGS). */
const PLACEHOLDER_REVISION: DescribeTaskDefinitionCommandOutput = {
  $metadata: {},
  taskDefinition: {
    taskDefinitionArn: TD('strapi-prod-placeholder', 1),
    containerDefinitions: [{ name: 'strapi', image: 'public.ecr.aws/docker/library/nginx:1.27-alpine' }],
  },
  tags: [{ key: START_FROM_TAG, value: TD('strapi-prod-strapi', 1) }],
};
const DEPLOYED_IMAGE = `123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi-prod@sha256:${'b'.repeat(64)}`;
const DEPLOYED_REVISION: DescribeTaskDefinitionCommandOutput = {
  $metadata: {},
  taskDefinition: {
    taskDefinitionArn: TD('strapi-prod-strapi', 7),
    containerDefinitions: [
      {
        name: 'strapi',
        image: DEPLOYED_IMAGE,
        environment: [
          { name: 'NODE_ENV', value: 'production' },
          { name: 'DATABASE_USERNAME', value: 'strapi' },
          // Set by an earlier template; must not come back.
          { name: 'DATABASE_SSL_REJECT_UNAUTHORIZED', value: 'false' },
          { name: 'WHOAMI_PORT_NUMBER', value: '1337' },
          // Added by deploys (environment-variables / secrets inputs).
          { name: 'PUBLIC_URL', value: 'https://cms.example.com' },
          { name: 'SENTRY_DSN', value: 'https://k@o1.ingest.example/2 "quoted" } # not a comment' },
        ],
        secrets: [
          { name: 'APP_KEYS', valueFrom: 'arn:aws:secretsmanager:ap-south-1:123456789012:secret:old' },
          {
            name: 'SMTP_PASSWORD',
            valueFrom: 'arn:aws:secretsmanager:ap-south-1:123456789012:secret:smtp-AbCdEf',
          },
        ],
      },
    ],
  },
  tags: [{ key: 'strapi-deploy:git-sha', value: 'c0ffee' }],
};

function serviceRuns(revision: DescribeTaskDefinitionCommandOutput): void {
  ecsStub.on(DescribeServicesCommand, { cluster: CLUSTER, services: [SERVICE_ARN] }).resolves({
    services: [{ status: 'ACTIVE', taskDefinition: revision.taskDefinition!.taskDefinitionArn }],
  });
  ecsStub
    .on(DescribeTaskDefinitionCommand, { taskDefinition: revision.taskDefinition!.taskDefinitionArn })
    .resolves(revision);
}

const run = (overrides: Partial<ProvisionRequest> = {}) =>
  provisionStack({ cloudformation, ec2, ecs, clock, reporter }, { ...request, ...overrides });

const sentParameters = () =>
  Object.fromEntries(
    (cf.commandCalls(CreateChangeSetCommand)[0]!.args[0].input.Parameters ?? []).map((p: Parameter) => [
      p.ParameterKey,
      p.ParameterValue,
    ]),
  );

function changeSet(fixture: string): DescribeChangeSetCommandOutput {
  return loadFixture<DescribeChangeSetCommandOutput>(fixture);
}

describe('first create', () => {
  beforeEach(() => {
    cf.on(DescribeStacksCommand)
      .rejectsOnce(notFound())
      .resolvesOnce({ Stacks: [stack('CREATE_IN_PROGRESS')] })
      .resolves({ Stacks: [stack('CREATE_COMPLETE', { Outputs: OUTPUTS })] });
    cf.on(DescribeChangeSetCommand)
      .resolvesOnce(changeSet('describe-change-set-create.pending'))
      .resolvesOnce(changeSet('describe-change-set-create.page-1'))
      .resolvesOnce(changeSet('describe-change-set-create.page-2'));
    cf.on(DescribeStackEventsCommand)
      .resolvesOnce({ StackEvents: [event('e0', 'strapi-prod', 'REVIEW_IN_PROGRESS', 'User Initiated')] })
      .resolvesOnce({
        StackEvents: [
          event('e2', 'Cluster', 'CREATE_IN_PROGRESS'),
          event('e1', 'strapi-prod', 'CREATE_IN_PROGRESS', 'User Initiated'),
          event('e0', 'strapi-prod', 'REVIEW_IN_PROGRESS', 'User Initiated'),
        ],
      })
      .resolves({
        StackEvents: [
          event('e3', 'Cluster', 'CREATE_COMPLETE'),
          event('e2', 'Cluster', 'CREATE_IN_PROGRESS'),
          event('e1', 'strapi-prod', 'CREATE_IN_PROGRESS', 'User Initiated'),
        ],
      });
  });

  test('creates a CREATE change set with every parameter, on the discovered default VPC', async () => {
    await run();
    const input = cf.commandCalls(CreateChangeSetCommand)[0]!.args[0].input;
    expect(input).toMatchObject({
      StackName: 'strapi-prod',
      ChangeSetType: 'CREATE',
      Capabilities: ['CAPABILITY_IAM'],
    });
    expect(
      Object.fromEntries((input.Parameters ?? []).map((p: Parameter) => [p.ParameterKey, p.ParameterValue])),
    ).toEqual({
      VpcId: 'vpc-0a1b2c3d4e5f60718',
      SubnetIds: 'subnet-0aa11bb22cc33dd44,subnet-0ee55ff66aa77bb88',
      AllowedCidr: '',
      EnableLoadBalancer: 'false',
      CertificateArn: '',
      ImageUri: '',
      RepositoryName: 'strapi-prod',
      MinCapacity: '1',
      MaxCapacity: '2',
      DbInstanceClass: 'db.t3.micro',
      GitHubRepository: 'acme/site',
      GitHubEnvironment: 'production',
      CreateOidcProvider: 'true',
      DeploymentStrategy: 'ROLLING',
      BakeTimeMinutes: '10',
      CanaryPercent: '10',
      CanaryBakeTimeMinutes: '5',
      EnvironmentName: '',
      PromotionSourceStack: '',
      PromotionSourceRepository: '',
    });
  });

  test('reads every page of the change set, executes it, streams new events once, returns outputs', async () => {
    const result = await run();
    expect(
      cf
        .commandCalls(DescribeChangeSetCommand)
        .map((c) => (c.args[0].input as { NextToken?: string }).NextToken),
    ).toEqual([undefined, undefined, 'AAIAATJjM2Y0ZTQ2LWNhNzQtNGQ1Zi1iYjBmLWQ2OTk0NGI3YWM5Nw==']);
    expect(result.changes).toHaveLength(24);
    expect(cf.commandCalls(ExecuteChangeSetCommand)[0]!.args[0].input).toEqual({
      ChangeSetName: CHANGE_SET_ID,
      StackName: STACK_ID,
    });
    const eventLines = reporter.lines.filter(
      (l) => / (CREATE|REVIEW)_/.test(l.message) && /^\d\d:/.test(l.message),
    );
    expect(eventLines.map((l) => l.message)).toEqual([
      '09:14:00 strapi-prod (AWS::CloudFormation::Stack) CREATE_IN_PROGRESS - User Initiated',
      '09:14:00 Cluster (AWS::ECS::Cluster) CREATE_IN_PROGRESS',
      '09:14:00 Cluster (AWS::ECS::Cluster) CREATE_COMPLETE',
    ]);
    expect(result).toMatchObject({
      result: 'created',
      stackStatus: 'CREATE_COMPLETE',
      outputs: {
        ClusterName: 'strapi-prod-Cluster-AbCdEfGh1234',
        RepositoryUri: '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi-prod',
      },
    });
    expect(reporter.text()).toContain('Change set (CREATE) for strapi-prod, 24 change(s):');
    expect(result.summary).toContain('| Database | `AWS::RDS::DBInstance` | Add | - |');
  });

  test('turns termination protection on after the create', async () => {
    await run();
    expect(cf.commandCalls(UpdateTerminationProtectionCommand)[0]!.args[0].input).toEqual({
      StackName: STACK_ID,
      EnableTerminationProtection: true,
    });
  });

  test('a termination protection failure is a warning, not a failed run', async () => {
    cf.on(UpdateTerminationProtectionCommand).rejects(
      new Error('not authorized to perform: cloudformation:UpdateTerminationProtection'),
    );
    const result = await run();
    expect(result.result).toBe('created');
    expect(reporter.lines).toContainEqual({
      level: 'warning',
      message:
        'Could not turn on termination protection for strapi-prod: not authorized to perform: cloudformation:UpdateTerminationProtection',
    });
  });
});

describe('empty change set', () => {
  test.each(['describe-change-set-empty', 'describe-change-set-no-updates'])(
    '%s is "no changes": deleted, not executed, not an error',
    async (fixture) => {
      cf.on(DescribeStacksCommand).resolves({
        Stacks: [stack('UPDATE_COMPLETE', { EnableTerminationProtection: true, Outputs: OUTPUTS })],
      });
      cf.on(DescribeChangeSetCommand).resolves(changeSet(fixture));
      const result = await run();
      expect(result).toMatchObject({
        result: 'no-changes',
        changes: [],
        outputs: { ClusterName: 'strapi-prod-Cluster-AbCdEfGh1234' },
      });
      expect(cf.commandCalls(CreateChangeSetCommand)[0]!.args[0].input.ChangeSetType).toBe('UPDATE');
      expect(cf.commandCalls(DeleteChangeSetCommand)).toHaveLength(1);
      expect(cf.commandCalls(ExecuteChangeSetCommand)).toHaveLength(0);
      expect(cf.commandCalls(UpdateTerminationProtectionCommand)).toHaveLength(0);
      expect(reporter.text()).toContain(
        'No changes: stack strapi-prod already matches the template and inputs.',
      );
      expect(result.summary).toContain('No changes');
    },
  );

  test("any other FAILED change set is an error with CloudFormation's reason", async () => {
    cf.on(DescribeStacksCommand).resolves({ Stacks: [stack('UPDATE_COMPLETE')] });
    cf.on(DescribeChangeSetCommand).resolves(changeSet('describe-change-set-failed'));
    await expect(run()).rejects.toThrow(
      /could not create change set .*: Parameter validation failed: parameter value subnet-0zz99/,
    );
    expect(cf.commandCalls(DeleteChangeSetCommand)).toHaveLength(1);
    expect(cf.commandCalls(ExecuteChangeSetCommand)).toHaveLength(0);
  });
});

describe('replacement guard', () => {
  beforeEach(() => {
    cf.on(DescribeStacksCommand).resolves({
      Stacks: [stack('UPDATE_COMPLETE', { EnableTerminationProtection: true })],
    });
  });

  test.each([
    [
      'describe-change-set-update-db-subnet-group',
      'DatabaseSubnetGroup (AWS::RDS::DBSubnetGroup, replace), Database (AWS::RDS::DBInstance, may replace)',
    ],
    ['describe-change-set-update-repository-rename', 'Repository (AWS::ECR::Repository, replace)'],
    [
      'describe-change-set-update-remove-bucket',
      'UploadsBucket (AWS::S3::Bucket, remove), JwtSecret (AWS::SecretsManager::Secret, remove)',
    ],
  ])('%s: stops before executing, deletes the change set, names %s', async (fixture, named) => {
    cf.on(DescribeChangeSetCommand).resolves(changeSet(fixture));
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReplacementRefusedError);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toBe(
      `Refusing to execute: the change set would replace or remove ${named}. Nothing was changed; set \`allow-replacement: true\` to proceed.`,
    );
    expect((error as ReplacementRefusedError).summary).toContain('(protected)');
    expect(cf.commandCalls(ExecuteChangeSetCommand)).toHaveLength(0);
    expect(cf.commandCalls(DeleteChangeSetCommand)[0]!.args[0].input).toEqual({
      ChangeSetName: CHANGE_SET_ID,
      StackName: STACK_ID,
    });
  });

  test('allow-replacement executes it, with a warning naming what is affected', async () => {
    cf.on(DescribeChangeSetCommand).resolves(changeSet('describe-change-set-update-db-subnet-group'));
    cf.on(DescribeStacksCommand)
      .resolvesOnce({ Stacks: [stack('UPDATE_COMPLETE', { EnableTerminationProtection: true })] })
      .resolves({
        Stacks: [stack('UPDATE_COMPLETE', { EnableTerminationProtection: true, Outputs: OUTPUTS })],
      });
    const result = await run({ allowReplacement: true });
    expect(result.result).toBe('updated');
    expect(cf.commandCalls(ExecuteChangeSetCommand)).toHaveLength(1);
    expect(reporter.lines).toContainEqual({
      level: 'warning',
      message:
        'allow-replacement is true: executing although it affects DatabaseSubnetGroup (replace), Database (may replace).',
    });
    expect(result.summary).toContain('Executed with `allow-replacement: true`');
  });

  test('an update that replaces only unprotected resources executes', async () => {
    cf.on(DescribeChangeSetCommand).resolves(changeSet('describe-change-set-update-scaling'));
    const result = await run();
    expect(result).toMatchObject({
      result: 'updated',
      changes: expect.arrayContaining([
        expect.objectContaining({ logicalId: 'TaskDefinition', replacement: 'True' }),
      ]),
    });
    expect(cf.commandCalls(ExecuteChangeSetCommand)).toHaveLength(1);
  });
});

describe('failed first create, then retry', () => {
  const failedEvents = loadFixture<DescribeStackEventsCommandOutput>('describe-stack-events-create-failed');

  test('a failed create names the failed resources with their reasons (root cause first)', async () => {
    cf.on(DescribeStacksCommand)
      .rejectsOnce(notFound())
      .resolvesOnce({ Stacks: [stack('ROLLBACK_IN_PROGRESS')] })
      .resolves({ Stacks: [stack('ROLLBACK_COMPLETE')] });
    cf.on(DescribeChangeSetCommand).resolves(changeSet('describe-change-set-create.page-2'));
    cf.on(DescribeStackEventsCommand).resolvesOnce({ StackEvents: [] }).resolves(failedEvents);
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StackOperationFailedError);
    expect(error).toBeInstanceOf(ProvisionFailedError);
    const failures = (error as StackOperationFailedError).failures;
    expect(failures).toEqual([
      {
        logicalId: 'Repository',
        resourceType: 'AWS::ECR::Repository',
        status: 'CREATE_FAILED',
        reason: expect.stringContaining("with identifier 'strapi-prod' already exists"),
      },
    ]);
    expect((error as Error).message).toMatch(
      /^Stack strapi-prod ended ROLLBACK_COMPLETE: Repository: Resource handler returned message: .* The next run deletes the rolled-back stack and creates it again\.$/,
    );
    expect((error as StackOperationFailedError).summary).toContain(
      '| Repository | `AWS::ECR::Repository` | CREATE_FAILED |',
    );
    expect(cf.commandCalls(UpdateTerminationProtectionCommand)).toHaveLength(0);
  });

  test('the next run deletes the ROLLBACK_COMPLETE stack, says so, and creates it again', async () => {
    cf.on(DescribeStacksCommand)
      .resolvesOnce({ Stacks: [stack('ROLLBACK_COMPLETE')] })
      .resolvesOnce({ Stacks: [stack('DELETE_IN_PROGRESS')] })
      .resolvesOnce({ Stacks: [stack('DELETE_COMPLETE')] })
      .resolvesOnce({ Stacks: [stack('CREATE_IN_PROGRESS')] })
      .resolves({ Stacks: [stack('CREATE_COMPLETE', { Outputs: OUTPUTS })] });
    cf.on(DeleteStackCommand).resolves({});
    cf.on(DescribeChangeSetCommand).resolves(changeSet('describe-change-set-create.page-2'));
    const result = await run();
    expect(cf.commandCalls(DeleteStackCommand)[0]!.args[0].input).toEqual({ StackName: STACK_ID });
    expect(cf.commandCalls(CreateChangeSetCommand)[0]!.args[0].input.ChangeSetType).toBe('CREATE');
    expect(result.result).toBe('created');
    expect(reporter.lines[1]).toEqual({
      level: 'warning',
      message:
        'Stack strapi-prod is in ROLLBACK_COMPLETE after a failed first create; it holds no resources and cannot be updated, so it is deleted and created again.',
    });
    expect(reporter.text()).toContain('Deleted the rolled-back stack strapi-prod; creating it again.');
  });
});

describe('stack states that stop the run before any change set', () => {
  test.each([
    ['UPDATE_IN_PROGRESS', /is UPDATE_IN_PROGRESS; wait for the current operation to finish/],
    ['UPDATE_ROLLBACK_FAILED', /is UPDATE_ROLLBACK_FAILED: .*Fix it in the CloudFormation console first/],
  ])('%s', async (status, message) => {
    cf.on(DescribeStacksCommand).resolves({ Stacks: [stack(status)] });
    await expect(run()).rejects.toThrow(message);
    expect(cf.commandCalls(CreateChangeSetCommand)).toHaveLength(0);
  });

  test('REVIEW_IN_PROGRESS (a create change set never executed) takes a CREATE change set', async () => {
    cf.on(DescribeStacksCommand).resolves({ Stacks: [stack('REVIEW_IN_PROGRESS')] });
    cf.on(DescribeChangeSetCommand).resolves(changeSet('describe-change-set-update-remove-bucket'));
    await expect(run()).rejects.toThrow(ReplacementRefusedError);
    expect(cf.commandCalls(CreateChangeSetCommand)[0]!.args[0].input.ChangeSetType).toBe('CREATE');
  });
});

describe('waits are bounded by wait-minutes on the injected clock', () => {
  test('a stack still in progress after wait-minutes fails with the state it was in', async () => {
    cf.on(DescribeStacksCommand)
      .resolvesOnce({ Stacks: [stack('UPDATE_COMPLETE', { EnableTerminationProtection: true })] })
      .resolves({ Stacks: [stack('UPDATE_IN_PROGRESS')] });
    cf.on(DescribeChangeSetCommand).resolves(changeSet('describe-change-set-update-scaling'));
    await expect(run({ waitMinutes: 2 })).rejects.toThrow(
      'Stack strapi-prod is still UPDATE_IN_PROGRESS after 2 minutes; CloudFormation carries on without us',
    );
    expect(clock.sleeps.every((ms) => ms === 5000)).toBe(true);
    expect(clock.sleeps).toHaveLength(24);
  });
});

describe('outputName', () => {
  test.each([
    ['ClusterName', 'cluster-name'],
    ['RepositoryUri', 'repository-uri'],
    ['DeployRoleArn', 'deploy-role-arn'],
    ['ServiceUrl', 'service-url'],
    ['DatabaseEndpoint', 'database-endpoint'],
    ['ServiceSecurityGroupId', 'service-security-group-id'],
  ])('%s -> %s', (key, name) => {
    expect(outputName(key)).toBe(name);
  });
});

describe('an update keeps what the service runs (never the placeholder by default)', () => {
  beforeEach(() => {
    cf.on(DescribeStacksCommand).resolves({
      Stacks: [stack('UPDATE_COMPLETE', { EnableTerminationProtection: true, Outputs: OUTPUTS })],
    });
    cf.on(DescribeChangeSetCommand).resolves(changeSet('describe-change-set-update-scaling'));
  });
  const templateRequest = { templateBody: loadBaselineTemplate() };
  const strapiContainer = (templateBody: string) => {
    const containers = parseTemplate(templateBody).Resources.TaskDefinition!.Properties!
      .ContainerDefinitions as Record<string, Json>[];
    return containers.find((c) => c.Name === 'strapi') as {
      Environment: { Name: string; Value: Json }[];
      Secrets: { Name: string; ValueFrom: Json }[];
    };
  };

  test('sends the image the service runs and keeps the variables and secrets deploys added', async () => {
    serviceRuns(DEPLOYED_REVISION);
    const result = await run(templateRequest);
    expect(sentParameters().ImageUri).toBe(DEPLOYED_IMAGE);
    expect(result.imageUri).toBe(DEPLOYED_IMAGE);
    const container = strapiContainer(
      cf.commandCalls(CreateChangeSetCommand)[0]!.args[0].input.TemplateBody!,
    );
    const env = Object.fromEntries(container.Environment.map((e) => [e.Name, e.Value]));
    expect(env).toMatchObject({
      PUBLIC_URL: 'https://cms.example.com',
      SENTRY_DSN: 'https://k@o1.ingest.example/2 "quoted" } # not a comment',
      // The template's own value wins over the running one.
      DATABASE_USERNAME: 'strapi_app',
    });
    expect(env).not.toHaveProperty('DATABASE_SSL_REJECT_UNAUTHORIZED');
    expect(env).not.toHaveProperty('WHOAMI_PORT_NUMBER');
    expect(container.Secrets.filter((s) => s.Name === 'APP_KEYS')).toEqual([
      { Name: 'APP_KEYS', ValueFrom: { Ref: 'AppKeysSecret' } },
    ]);
    expect(container.Secrets).toContainEqual({
      Name: 'SMTP_PASSWORD',
      ValueFrom: 'arn:aws:secretsmanager:ap-south-1:123456789012:secret:smtp-AbCdEf',
    });
    expect(reporter.text()).toContain(
      `Image kept: ${DEPLOYED_IMAGE}, the one strapi-prod-strapi:7 runs now.`,
    );
    expect(result.summary).toContain(
      'Kept from the running revision: PUBLIC_URL, SENTRY_DSN, SMTP_PASSWORD (secret).',
    );
  });

  test('an explicit image-uri wins, the added variables are still kept', async () => {
    serviceRuns(DEPLOYED_REVISION);
    await run({ ...templateRequest, imageUri: 'repo@sha256:' + 'c'.repeat(64) });
    expect(sentParameters().ImageUri).toBe('repo@sha256:' + 'c'.repeat(64));
    expect(cf.commandCalls(CreateChangeSetCommand)[0]!.args[0].input.TemplateBody).toContain('PUBLIC_URL');
  });

  test('a service still on the placeholder stays on it (ImageUri empty), the template unchanged', async () => {
    await run(templateRequest);
    expect(sentParameters().ImageUri).toBe('');
    expect(cf.commandCalls(CreateChangeSetCommand)[0]!.args[0].input.TemplateBody).toBe(
      loadBaselineTemplate(),
    );
  });

  test('a stack of the earlier template still on traefik/whoami (never deployed) moves to the new placeholder', async () => {
    serviceRuns({
      $metadata: {},
      taskDefinition: {
        taskDefinitionArn: TD('strapi-prod-strapi', 1),
        containerDefinitions: [
          {
            name: 'strapi',
            image: 'traefik/whoami:v1.10',
            environment: [{ name: 'WHOAMI_PORT_NUMBER', value: '1337' }],
          },
        ],
      },
      tags: [],
    });
    await run(templateRequest);
    expect(sentParameters().ImageUri).toBe('');
    expect(reporter.text()).toContain('Image: the placeholder, as before (nothing deployed yet).');
  });

  test('without an ECS client an update needs image-uri: refused before any change set', async () => {
    const error = await provisionStack({ cloudformation, ec2, clock, reporter }, { ...request }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/set `image-uri` to the image that is deployed/);
    expect(cf.commandCalls(CreateChangeSetCommand)).toHaveLength(0);
  });
});

describe('ingress in the log and the job summary', () => {
  beforeEach(() => {
    cf.on(DescribeStacksCommand).resolves({
      Stacks: [stack('UPDATE_COMPLETE', { EnableTerminationProtection: true, Outputs: OUTPUTS })],
    });
    cf.on(DescribeChangeSetCommand).resolves(changeSet('describe-change-set-empty'));
  });

  test.each([
    [{}, [], 'Ingress closed: nobody can reach port 1337'],
    [
      { allowedCidr: '203.0.113.0/24' },
      [],
      'Ingress: port 1337 of the tasks (plain HTTP, no load balancer) from 203.0.113.0/24 only.',
    ],
    [
      { allowedCidr: '0.0.0.0/0' },
      [
        '`allowed-cidr` 0.0.0.0/0 opens port 1337 of the tasks (plain HTTP, no load balancer) to the whole internet.',
      ],
      undefined,
    ],
    [
      { allowedCidr: '0.0.0.0/0', enableLoadBalancer: true },
      [
        '`allowed-cidr` 0.0.0.0/0 opens the load balancer (plain HTTP; the tasks accept only the load balancer) to the whole internet.',
      ],
      undefined,
    ],
  ])('%j', async (overrides, warningStarts, note) => {
    const result = await run(overrides);
    const warnings = reporter.lines.filter((l) => l.level === 'warning').map((l) => l.message);
    expect(warnings.map((w) => w.slice(0, warningStarts[0]?.length ?? 0))).toEqual(warningStarts);
    for (const w of warnings) expect(result.summary).toContain(`> [!WARNING]\n> ${w}`);
    if (note) expect(result.summary).toContain(note);
  });
});
