import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { InputReader, mapInputSource } from '../../../src/core/inputs';
import { readProvisionInputs } from '../../../src/provision/inputs';
import { outputName } from '../../../src/provision/provision';
import { REPO_ROOT } from './support';
import { loadTemplate } from './template-loader';

const read = (values: Record<string, string>) => readProvisionInputs(new InputReader(mapInputSource(values)));

describe('environments: two stacks in one account', () => {
  test.each([
    // No environment: the names of today, so existing stacks are found again.
    ['strapi', undefined, undefined, 'strapi', undefined],
    ['strapi', 'staging', undefined, 'strapi-staging', undefined],
    ['strapi', 'production', 'staging', 'strapi-production', 'strapi-staging'],
    // The starter workflow named the stack strapi-<environment> before this input existed: kept as is.
    ['strapi-production', 'production', 'staging', 'strapi-production', 'strapi-staging'],
    ['Shop', 'qa-2', undefined, 'Shop-qa-2', undefined],
  ])(
    'stack-name %s, environment %s, promote-from %s -> %s (source %s)',
    (base, environment, from, stack, source) => {
      const inputs = read({
        'stack-name': base,
        'aws-region': 'ap-south-1',
        ...(environment ? { environment } : {}),
        ...(from ? { 'promote-from': from } : {}),
      });
      expect(inputs).toMatchObject({ stackName: stack, environment, promotionSourceStack: source });
    },
  );

  test.each([
    [{ environment: 'Staging' }, 'environment', /lower-case/],
    [{ environment: 'stag ing' }, 'environment', /lower-case/],
    [{ environment: 'prod--1' }, 'environment', /single hyphens/],
    [{ environment: 'a'.repeat(33) }, 'environment', /max 32/],
    [{ 'promote-from': 'staging' }, 'promote-from', /needs `environment`/],
    [{ environment: 'production', 'promote-from': 'production' }, 'promote-from', /another environment/],
    [{ 'deployment-strategy': 'BLUE_GREEN' }, 'deployment-strategy', /needs `enable-load-balancer: true`/],
    [
      { 'deployment-strategy': 'LINEAR', 'enable-load-balancer': 'true' },
      'deployment-strategy',
      /one of ROLLING, BLUE_GREEN, CANARY/,
    ],
    [{ 'canary-percent': '0' }, 'canary-percent', /1/],
    [{ 'bake-time-minutes': '1441' }, 'bake-time-minutes', /1440/],
  ])('%j is refused, naming %s', (values, input, message) => {
    let error: unknown;
    try {
      read({ 'stack-name': 'strapi', 'aws-region': 'ap-south-1', ...values });
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ input });
    expect((error as Error).message).toMatch(message);
  });

  test.each([
    ['blue-green', 'BLUE_GREEN'],
    ['CANARY', 'CANARY'],
  ])('deployment-strategy %s with the load balancer is %s', (given, strategy) => {
    expect(
      read({
        'stack-name': 'strapi',
        'aws-region': 'ap-south-1',
        'enable-load-balancer': 'true',
        'deployment-strategy': given,
      }).deployments.strategy,
    ).toBe(strategy);
  });
});

describe('readProvisionInputs', () => {
  test('defaults: the reference baseline in the default VPC, closed to everyone, image read from the service', () => {
    expect(read({ 'stack-name': 'strapi-prod', 'aws-region': 'ap-south-1' })).toEqual({
      stackName: 'strapi-prod',
      environment: undefined,
      promotionSourceStack: undefined,
      region: 'ap-south-1',
      vpcId: undefined,
      subnetIds: [],
      allowedCidr: undefined,
      enableLoadBalancer: false,
      certificateArn: undefined,
      deployments: { strategy: 'ROLLING', bakeTimeMinutes: 10, canaryPercent: 10, canaryBakeMinutes: 5 },
      minCapacity: 1,
      maxCapacity: 2,
      dbInstanceClass: 'db.t3.micro',
      githubRepository: undefined,
      githubEnvironment: undefined,
      createOidcProvider: false,
      allowReplacement: false,
      imageUri: undefined,
      jobSummary: true,
      waitMinutes: 60,
    });
  });

  test('everything set', () => {
    expect(
      read({
        'stack-name': 'Strapi-Prod',
        'aws-region': 'ap-south-1',
        'vpc-id': 'vpc-0a1b2c3d4e5f60718',
        'subnet-ids': 'subnet-0aa11bb22cc33dd44, subnet-0ee55ff66aa77bb88',
        'allowed-cidr': '203.0.113.0/24',
        'enable-load-balancer': 'true',
        'certificate-arn':
          'arn:aws:acm:ap-south-1:123456789012:certificate/1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d',
        'min-capacity': '2',
        'max-capacity': '4',
        'db-instance-class': 'db.t4g.small',
        'github-repository': 'acme/site',
        'github-environment': 'production',
        'create-oidc-provider': 'true',
        'allow-replacement': 'true',
        'image-uri': '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi-prod@sha256:' + 'a'.repeat(64),
        'job-summary': 'false',
        'wait-minutes': '90',
      }),
    ).toMatchObject({
      subnetIds: ['subnet-0aa11bb22cc33dd44', 'subnet-0ee55ff66aa77bb88'],
      minCapacity: 2,
      maxCapacity: 4,
      waitMinutes: 90,
    });
  });

  test.each([
    [{ 'stack-name': '' }, 'Input `stack-name` is required.'],
    [{ 'stack-name': '1strapi' }, /Input `stack-name` must start with a letter/],
    [{ 'stack-name': 'strapi--prod' }, /cannot name the ECR repository/],
    [{ 'vpc-id': 'default' }, 'Input `vpc-id` must look like vpc-0123abcd, got "default".'],
    [{ 'subnet-ids': 'subnet-0aa11bb22cc33dd44' }, /needs at least two subnets/],
    [{ 'subnet-ids': 'subnet-0aa11bb22cc33dd44,sn-2' }, 'Input `subnet-ids`: "sn-2" is not a subnet ID.'],
    [{ 'allowed-cidr': '10.0.0.0' }, /Input `allowed-cidr` must be an IPv4 CIDR/],
    [{ 'allowed-cidr': '300.0.0.0/8' }, /Input `allowed-cidr` must be an IPv4 CIDR/],
    [{ 'enable-load-balancer': 'yes' }, 'Input `enable-load-balancer` must be true or false, got "yes".'],
    [
      { 'certificate-arn': 'arn:aws:acm:ap-south-1:123456789012:certificate/abc' },
      /needs `enable-load-balancer: true`/,
    ],
    [{ 'enable-load-balancer': 'true', 'certificate-arn': 'my-cert' }, /must be an ACM certificate ARN/],
    [{ 'min-capacity': '0' }, 'Input `min-capacity` must be between 1 and 100, got 0.'],
    [
      { 'min-capacity': '3', 'max-capacity': '2' },
      'Input `max-capacity` (2) must not be below `min-capacity` (3).',
    ],
    [{ 'db-instance-class': 't3.micro' }, /Input `db-instance-class` must look like db.t3.micro/],
    [{ 'github-repository': 'acme' }, 'Input `github-repository` must be owner/name, got "acme".'],
    [{ 'github-environment': 'production' }, /Input `github-environment` needs `github-repository`/],
    // A deploy role trusting every ref of the repository would let any branch deploy.
    [{ 'github-repository': 'acme/site' }, /Input `github-repository` needs `github-environment`/],
    [{ 'create-oidc-provider': 'true' }, /Input `create-oidc-provider` needs `github-repository`/],
    [{ 'wait-minutes': '0' }, 'Input `wait-minutes` must be between 1 and 360, got 0.'],
  ])('%j -> %s', (values, message) => {
    expect(() => read({ 'stack-name': 'strapi-prod', 'aws-region': 'ap-south-1', ...values })).toThrow(
      message,
    );
  });

  test('max-capacity defaults to min-capacity when that is above 2', () => {
    expect(read({ 'stack-name': 's', 'aws-region': 'ap-south-1', 'min-capacity': '3' }).maxCapacity).toBe(3);
  });
});

describe('actions/provision/action.yml', () => {
  const action = parse(readFileSync(path.join(REPO_ROOT, 'actions', 'provision', 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
    outputs: Record<string, unknown>;
    runs: { using: string; main: string };
  };

  test('runs the provision bundle on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: '../../dist/provision/index.js' });
  });

  test('declares exactly the inputs the code reads', () => {
    const reader = new InputReader(mapInputSource({ 'stack-name': 's', 'aws-region': 'ap-south-1' }));
    readProvisionInputs(reader);
    expect(Object.keys(action.inputs).sort()).toEqual([...reader.names].sort());
  });

  test('declared defaults are the defaults the code applies', () => {
    const defaults = Object.fromEntries(
      Object.entries(action.inputs).flatMap(([name, input]) =>
        input.default === undefined ? [] : [[name, input.default]],
      ),
    );
    expect(read({ 'stack-name': 's', 'aws-region': 'ap-south-1', ...defaults })).toEqual(
      read({ 'stack-name': 's', 'aws-region': 'ap-south-1' }),
    );
  });

  test('declares an output for every template output, plus outputs-json', () => {
    const fromTemplate = Object.keys(loadTemplate().Outputs).map(outputName);
    expect(Object.keys(action.outputs)).toEqual(
      expect.arrayContaining([...fromTemplate, 'outputs-json', 'result', 'stack-id']),
    );
  });
});
