import type { DescribeChangeSetCommandOutput } from '@aws-sdk/client-cloudformation';
import {
  findGuardedChanges,
  isNoChangeReason,
  renderChangeSetSummary,
  renderChangeSetTable,
  toChangeRows,
} from '../../../src/provision/change-set';
import { loadFixture } from './support';

const rowsOf = (fixture: string) =>
  toChangeRows(loadFixture<DescribeChangeSetCommandOutput>(fixture).Changes ?? []);

describe('toChangeRows', () => {
  test('reads resource, type, action and replacement from a DescribeChangeSet response (hand-written, API reference shape)', () => {
    expect(rowsOf('describe-change-set-update-db-subnet-group')).toEqual([
      {
        logicalId: 'DatabaseSubnetGroup',
        physicalId: 'strapi-prod-databasesubnetgroup-q9w8e7r6t5y4',
        resourceType: 'AWS::RDS::DBSubnetGroup',
        action: 'Modify',
        replacement: 'True',
      },
      {
        logicalId: 'Database',
        physicalId: 'strapi-prod-database-1x2y3z4w5v6u',
        resourceType: 'AWS::RDS::DBInstance',
        action: 'Modify',
        replacement: 'Conditional',
      },
      {
        logicalId: 'TaskDefinition',
        physicalId: 'arn:aws:ecs:ap-south-1:123456789012:task-definition/strapi-prod-strapi:3',
        resourceType: 'AWS::ECS::TaskDefinition',
        action: 'Modify',
        replacement: 'True',
      },
    ]);
  });
});

describe('findGuardedChanges', () => {
  test.each([
    ['describe-change-set-create.page-1', []],
    ['describe-change-set-create.page-2', []],
    ['describe-change-set-update-scaling', []],
    [
      'describe-change-set-update-db-subnet-group',
      [
        ['DatabaseSubnetGroup', 'replace'],
        ['Database', 'may replace'],
      ],
    ],
    ['describe-change-set-update-repository-rename', [['Repository', 'replace']]],
    [
      'describe-change-set-update-remove-bucket',
      [
        ['UploadsBucket', 'remove'],
        ['JwtSecret', 'remove'],
      ],
    ],
  ])('%s -> %j', (fixture, expected) => {
    expect(findGuardedChanges(rowsOf(fixture)).map((g) => [g.row.logicalId, g.effect])).toEqual(expected);
  });

  test.each([
    ['AWS::RDS::DBInstance', 'Modify', 'False', false],
    ['AWS::RDS::DBInstance', 'Modify', 'Conditional', true],
    ['AWS::RDS::DBInstance', 'Remove', '', true],
    ['AWS::RDS::DBSubnetGroup', 'Modify', 'True', true],
    ['AWS::SecretsManager::Secret', 'Modify', 'True', true],
    ['AWS::S3::Bucket', 'Modify', 'False', false],
    ['AWS::ECR::Repository', 'Remove', '', true],
    ['AWS::ECS::TaskDefinition', 'Modify', 'True', false],
    ['AWS::ECS::Service', 'Remove', '', false],
    ['AWS::S3::BucketPolicy', 'Remove', '', false],
  ])('%s %s replacement=%s guarded=%s', (resourceType, action, replacement, guarded) => {
    const rows = [{ logicalId: 'X', resourceType, action, replacement }];
    expect(findGuardedChanges(rows)).toHaveLength(guarded ? 1 : 0);
  });
});

describe('isNoChangeReason', () => {
  test.each([
    [
      "The submitted information didn't contain changes. Submit different information to create a change set.",
      true,
    ],
    ['No updates are to be performed.', true],
    [
      'Parameter validation failed: parameter value subnet-0zz99 for parameter name SubnetIds does not exist.',
      false,
    ],
    [undefined, false],
  ])('%s -> %s', (reason, expected) => {
    expect(isNoChangeReason(reason)).toBe(expected);
  });
});

describe('renderChangeSetTable', () => {
  test('aligns resource, type, action and replacement columns', () => {
    expect(renderChangeSetTable(rowsOf('describe-change-set-update-scaling'))).toBe(
      [
        'Resource        Type                                         Action  Replacement',
        '--------------  -------------------------------------------  ------  -----------',
        'ScalableTarget  AWS::ApplicationAutoScaling::ScalableTarget  Modify  False',
        'TaskDefinition  AWS::ECS::TaskDefinition                     Modify  True',
        'Service         AWS::ECS::Service                            Modify  False',
      ].join('\n'),
    );
  });
});

describe('renderChangeSetSummary', () => {
  test('a refused change set marks the protected rows and says nothing was changed', () => {
    const rows = rowsOf('describe-change-set-update-db-subnet-group');
    const markdown = renderChangeSetSummary({
      stackName: 'strapi-prod',
      changeSetType: 'UPDATE',
      rows,
      guarded: findGuardedChanges(rows),
      verdict: 'refused',
    });
    expect(markdown).toContain('### Provision `strapi-prod` (update)');
    expect(markdown).toContain('Nothing was changed. Set `allow-replacement: true` to proceed.');
    expect(markdown).toContain(
      '| **Database** (protected) | `AWS::RDS::DBInstance` | Modify | Conditional |',
    );
    expect(markdown).toContain('| TaskDefinition | `AWS::ECS::TaskDefinition` | Modify | True |');
    expect(markdown).toContain('- `DatabaseSubnetGroup` (AWS::RDS::DBSubnetGroup): replace');
  });

  test('no changes renders no table', () => {
    const markdown = renderChangeSetSummary({
      stackName: 's',
      changeSetType: 'UPDATE',
      rows: [],
      guarded: [],
      verdict: 'no-changes',
    });
    expect(markdown).toContain('No changes');
    expect(markdown).not.toContain('| Resource |');
  });

  test('failures are listed with their reasons, pipes escaped', () => {
    const markdown = renderChangeSetSummary({
      stackName: 's',
      changeSetType: 'CREATE',
      rows: [],
      guarded: [],
      verdict: 'failed',
      failures: [
        {
          logicalId: 'Repository',
          resourceType: 'AWS::ECR::Repository',
          status: 'CREATE_FAILED',
          reason: 'a | b',
        },
      ],
    });
    expect(markdown).toContain('| Repository | `AWS::ECR::Repository` | CREATE_FAILED | a \\| b |');
  });
});
