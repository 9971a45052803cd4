import { DescribeSubnetsCommand, DescribeVpcsCommand, EC2Client, type Subnet } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { pickTwoZones, resolveNetwork } from '../../../src/provision/network';

const subnet = (id: string, az: string, defaultForAz = true, vpc = 'vpc-0a1b2c3d4e5f60718'): Subnet => ({
  SubnetId: id,
  AvailabilityZone: az,
  DefaultForAz: defaultForAz,
  VpcId: vpc,
  State: 'available',
});

describe('pickTwoZones', () => {
  test.each([
    [
      'two default subnets in zone order',
      [
        subnet('subnet-b', 'ap-south-1b'),
        subnet('subnet-a', 'ap-south-1a'),
        subnet('subnet-c', 'ap-south-1c'),
      ],
      ['subnet-a', 'subnet-b'],
    ],
    [
      'one per zone even with several in a zone',
      [
        subnet('subnet-a2', 'ap-south-1a'),
        subnet('subnet-a1', 'ap-south-1a'),
        subnet('subnet-b', 'ap-south-1b'),
      ],
      ['subnet-a1', 'subnet-b'],
    ],
    [
      'default subnets over custom ones',
      [
        subnet('subnet-x', 'ap-south-1a', false),
        subnet('subnet-b', 'ap-south-1b'),
        subnet('subnet-c', 'ap-south-1c'),
      ],
      ['subnet-b', 'subnet-c'],
    ],
    [
      'custom subnets when there are no two default ones',
      [subnet('subnet-x', 'ap-south-1a', false), subnet('subnet-y', 'ap-south-1b', false)],
      ['subnet-x', 'subnet-y'],
    ],
    ['one zone only', [subnet('subnet-a', 'ap-south-1a'), subnet('subnet-a2', 'ap-south-1a')], undefined],
  ])('%s', (_name, subnets, expected) => {
    expect(pickTwoZones(subnets)).toEqual(expected);
  });
});

describe('resolveNetwork', () => {
  const ec2 = new EC2Client({ region: 'ap-south-1' });
  const mock = mockClient(ec2);
  beforeEach(() => mock.reset());

  test('no default VPC names the inputs to set', async () => {
    mock.on(DescribeVpcsCommand).resolves({ Vpcs: [] });
    await expect(resolveNetwork(ec2, { subnetIds: [] })).rejects.toThrow(
      'This region has no default VPC; set the `vpc-id` and `subnet-ids` inputs.',
    );
    expect(mock.commandCalls(DescribeVpcsCommand)[0]!.args[0].input).toEqual({
      Filters: [{ Name: 'is-default', Values: ['true'] }],
    });
  });

  test('given subnets are checked to share the VPC and span two zones', async () => {
    mock.on(DescribeSubnetsCommand).resolves({
      Subnets: [subnet('subnet-a', 'ap-south-1a'), subnet('subnet-b', 'ap-south-1b', true, 'vpc-other')],
    });
    await expect(resolveNetwork(ec2, { subnetIds: ['subnet-a', 'subnet-b'] })).rejects.toThrow(
      /must all belong to one VPC/,
    );
    mock
      .on(DescribeSubnetsCommand)
      .resolves({ Subnets: [subnet('subnet-a', 'ap-south-1a'), subnet('subnet-a2', 'ap-south-1a')] });
    await expect(resolveNetwork(ec2, { subnetIds: ['subnet-a', 'subnet-a2'] })).rejects.toThrow(
      /at least two Availability Zones/,
    );
  });

  test('given subnets give the VPC when vpc-id is not set', async () => {
    mock
      .on(DescribeSubnetsCommand)
      .resolves({ Subnets: [subnet('subnet-a', 'ap-south-1a'), subnet('subnet-b', 'ap-south-1b')] });
    await expect(resolveNetwork(ec2, { subnetIds: ['subnet-a', 'subnet-b'] })).resolves.toEqual({
      vpcId: 'vpc-0a1b2c3d4e5f60718',
      subnetIds: ['subnet-a', 'subnet-b'],
      discovered: false,
    });
  });
});
