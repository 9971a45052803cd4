import {
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  type EC2Client,
  type Subnet,
} from '@aws-sdk/client-ec2';
import { ConfigurationError } from '../core/errors';

export interface Network {
  vpcId: string;
  /** Two subnets in different Availability Zones, in AZ order. */
  subnetIds: string[];
  /** True when the VPC came from discovery rather than the inputs. */
  discovered: boolean;
}

/**
 * The reference architecture runs in the account's default VPC: when `vpc-id` / `subnet-ids` are not
 * given, find the default VPC and two of its default subnets in different Availability Zones.
 */
export async function resolveNetwork(
  ec2: EC2Client,
  given: { vpcId?: string | undefined; subnetIds: string[] },
): Promise<Network> {
  if (given.subnetIds.length > 0) {
    const subnets = await describeAllSubnets(ec2, { SubnetIds: given.subnetIds });
    const vpcIds = new Set(subnets.map((s) => s.VpcId));
    const vpcId = given.vpcId ?? subnets[0]?.VpcId;
    if (vpcIds.size !== 1 || !vpcId || !vpcIds.has(vpcId)) {
      throw new ConfigurationError(
        `Input \`subnet-ids\`: the subnets must all belong to ${given.vpcId ? `\`vpc-id\` ${given.vpcId}` : 'one VPC'}; found ${[...vpcIds].join(', ')}.`,
      );
    }
    if (new Set(subnets.map((s) => s.AvailabilityZone)).size < 2) {
      throw new ConfigurationError(
        'Input `subnet-ids`: the subnets must span at least two Availability Zones.',
      );
    }
    return { vpcId, subnetIds: given.subnetIds, discovered: false };
  }

  const vpcId = given.vpcId ?? (await findDefaultVpc(ec2));
  const subnets = await describeAllSubnets(ec2, { Filters: [{ Name: 'vpc-id', Values: [vpcId] }] });
  const chosen = pickTwoZones(subnets);
  if (!chosen) {
    throw new ConfigurationError(
      `VPC ${vpcId} has no subnets in two different Availability Zones; set \`subnet-ids\`.`,
    );
  }
  return { vpcId, subnetIds: chosen, discovered: true };
}

async function findDefaultVpc(ec2: EC2Client): Promise<string> {
  const { Vpcs = [] } = await ec2.send(
    new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }),
  );
  const vpcId = Vpcs[0]?.VpcId;
  if (!vpcId) {
    throw new ConfigurationError('This region has no default VPC; set the `vpc-id` and `subnet-ids` inputs.');
  }
  return vpcId;
}

async function describeAllSubnets(
  ec2: EC2Client,
  input: { SubnetIds?: string[]; Filters?: { Name: string; Values: string[] }[] },
): Promise<Subnet[]> {
  const subnets: Subnet[] = [];
  let NextToken: string | undefined;
  do {
    const page = await ec2.send(new DescribeSubnetsCommand({ ...input, NextToken }));
    subnets.push(...(page.Subnets ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return subnets;
}

/**
 * Default-for-AZ subnets when there are enough of them (they are public in a default VPC), then by zone
 * name and ID, so the choice is stable from one run to the next and the DB subnet group never changes
 * by accident.
 */
export function pickTwoZones(subnets: Subnet[]): string[] | undefined {
  const usable = subnets.filter(
    (s) => s.SubnetId && s.AvailabilityZone && (s.State ?? 'available') === 'available',
  );
  const defaults = usable.filter((s) => s.DefaultForAz);
  const pool = new Set(defaults.map((s) => s.AvailabilityZone)).size >= 2 ? defaults : usable;
  const sorted = [...pool].sort(
    (a, b) =>
      (a.AvailabilityZone ?? '').localeCompare(b.AvailabilityZone ?? '') ||
      (a.SubnetId ?? '').localeCompare(b.SubnetId ?? ''),
  );
  const byZone = new Map<string, string>();
  for (const subnet of sorted) {
    if (!byZone.has(subnet.AvailabilityZone!)) byZone.set(subnet.AvailabilityZone!, subnet.SubnetId!);
  }
  const chosen = [...byZone.values()].slice(0, 2);
  return chosen.length === 2 ? chosen : undefined;
}
