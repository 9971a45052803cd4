/**
 * The least-privilege IAM policy of the role the provision workflow assumes: what CloudFormation calls, with
 * the caller's credentials, to create, update and delete each resource type of templates/strapi-baseline.yaml,
 * plus what the provision action itself calls. Rendered to policies/provision-role.json by
 * `npx tsx scripts/render-provision-policy.ts`; a test fails when a resource type of the template has no entry here or
 * when the committed JSON drifts.
 *
 * The action lists were written by hand from each resource type's CloudFormation handler permissions
 * (the registry schema's `handlers.{create,read,update,delete}.permissions`), trimmed to the properties the
 * template uses. AWS publishes no machine-readable copy we could check them against offline: a denied call
 * shows up as a failed resource in the provision summary, with the action CloudFormation was refused.
 */

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/** Resource types CloudFormation handles itself, with no call to another service. */
export const NO_SERVICE_CALLS = ['AWS::CloudFormation::WaitConditionHandle'];

/** Per resource type of the template: the actions its handlers call. */
export const RESOURCE_TYPE_ACTIONS: Record<string, string[]> = {
  'AWS::EC2::SecurityGroup': [
    'ec2:CreateSecurityGroup',
    'ec2:DeleteSecurityGroup',
    'ec2:DescribeSecurityGroups',
    'ec2:DescribeSecurityGroupRules',
    'ec2:AuthorizeSecurityGroupIngress',
    'ec2:RevokeSecurityGroupIngress',
    'ec2:AuthorizeSecurityGroupEgress',
    'ec2:RevokeSecurityGroupEgress',
    'ec2:ModifySecurityGroupRules',
    'ec2:CreateTags',
    'ec2:DeleteTags',
  ],
  'AWS::ElasticLoadBalancingV2::LoadBalancer': [
    'elasticloadbalancing:CreateLoadBalancer',
    'elasticloadbalancing:DeleteLoadBalancer',
    'elasticloadbalancing:DescribeLoadBalancers',
    'elasticloadbalancing:DescribeLoadBalancerAttributes',
    'elasticloadbalancing:ModifyLoadBalancerAttributes',
    'elasticloadbalancing:SetSecurityGroups',
    'elasticloadbalancing:SetSubnets',
    'elasticloadbalancing:AddTags',
    'elasticloadbalancing:RemoveTags',
    'elasticloadbalancing:DescribeTags',
    'ec2:DescribeSubnets',
    'ec2:DescribeVpcs',
    'ec2:DescribeInternetGateways',
    'ec2:DescribeAccountAttributes',
    'ec2:DescribeNetworkInterfaces',
  ],
  'AWS::ElasticLoadBalancingV2::TargetGroup': [
    'elasticloadbalancing:CreateTargetGroup',
    'elasticloadbalancing:DeleteTargetGroup',
    'elasticloadbalancing:DescribeTargetGroups',
    'elasticloadbalancing:DescribeTargetGroupAttributes',
    'elasticloadbalancing:ModifyTargetGroup',
    'elasticloadbalancing:ModifyTargetGroupAttributes',
    'elasticloadbalancing:AddTags',
    'elasticloadbalancing:RemoveTags',
    'elasticloadbalancing:DescribeTags',
  ],
  // BLUE_GREEN and CANARY: the production listener rule whose weights ECS moves.
  'AWS::ElasticLoadBalancingV2::ListenerRule': [
    'elasticloadbalancing:CreateRule',
    'elasticloadbalancing:DeleteRule',
    'elasticloadbalancing:DescribeRules',
    'elasticloadbalancing:ModifyRule',
    'elasticloadbalancing:SetRulePriorities',
    'elasticloadbalancing:AddTags',
    'elasticloadbalancing:RemoveTags',
    'elasticloadbalancing:DescribeTags',
  ],
  // The 5xx and unhealthy-host alarms ECS rolls a deployment back on.
  'AWS::CloudWatch::Alarm': [
    'cloudwatch:PutMetricAlarm',
    'cloudwatch:DeleteAlarms',
    'cloudwatch:DescribeAlarms',
    'cloudwatch:TagResource',
    'cloudwatch:UntagResource',
    'cloudwatch:ListTagsForResource',
  ],
  'AWS::ElasticLoadBalancingV2::Listener': [
    'elasticloadbalancing:CreateListener',
    'elasticloadbalancing:DeleteListener',
    'elasticloadbalancing:DescribeListeners',
    'elasticloadbalancing:DescribeListenerAttributes',
    'elasticloadbalancing:ModifyListener',
    'elasticloadbalancing:ModifyListenerAttributes',
  ],
  'AWS::ECR::Repository': [
    'ecr:CreateRepository',
    'ecr:DeleteRepository',
    'ecr:DescribeRepositories',
    'ecr:PutImageScanningConfiguration',
    'ecr:PutImageTagMutability',
    'ecr:PutLifecyclePolicy',
    'ecr:GetLifecyclePolicy',
    'ecr:DeleteLifecyclePolicy',
    'ecr:GetRepositoryPolicy',
    'ecr:ListTagsForResource',
    'ecr:TagResource',
    'ecr:UntagResource',
  ],
  'AWS::S3::Bucket': [
    's3:CreateBucket',
    's3:DeleteBucket',
    's3:ListBucket',
    's3:GetBucketLocation',
    's3:PutEncryptionConfiguration',
    's3:GetEncryptionConfiguration',
    's3:PutBucketPublicAccessBlock',
    's3:GetBucketPublicAccessBlock',
    's3:PutBucketOwnershipControls',
    's3:GetBucketOwnershipControls',
    's3:PutBucketVersioning',
    's3:GetBucketVersioning',
    's3:PutBucketTagging',
    's3:GetBucketTagging',
  ],
  'AWS::S3::BucketPolicy': ['s3:PutBucketPolicy', 's3:GetBucketPolicy', 's3:DeleteBucketPolicy'],
  'AWS::Logs::LogGroup': [
    'logs:CreateLogGroup',
    'logs:DeleteLogGroup',
    'logs:DescribeLogGroups',
    'logs:PutRetentionPolicy',
    'logs:DeleteRetentionPolicy',
    'logs:ListTagsForResource',
    'logs:TagResource',
    'logs:UntagResource',
  ],
  'AWS::SecretsManager::Secret': [
    'secretsmanager:CreateSecret',
    'secretsmanager:DeleteSecret',
    'secretsmanager:DescribeSecret',
    'secretsmanager:UpdateSecret',
    'secretsmanager:GetRandomPassword',
    'secretsmanager:TagResource',
    'secretsmanager:UntagResource',
  ],
  'AWS::RDS::DBSubnetGroup': [
    'rds:CreateDBSubnetGroup',
    'rds:DeleteDBSubnetGroup',
    'rds:DescribeDBSubnetGroups',
    'rds:ModifyDBSubnetGroup',
    'rds:AddTagsToResource',
    'rds:RemoveTagsFromResource',
    'rds:ListTagsForResource',
  ],
  'AWS::RDS::DBParameterGroup': [
    'rds:CreateDBParameterGroup',
    'rds:DeleteDBParameterGroup',
    'rds:DescribeDBParameterGroups',
    'rds:DescribeDBParameters',
    'rds:DescribeEngineDefaultParameters',
    'rds:ModifyDBParameterGroup',
    'rds:ResetDBParameterGroup',
    'rds:AddTagsToResource',
    'rds:RemoveTagsFromResource',
    'rds:ListTagsForResource',
  ],
  'AWS::RDS::DBInstance': [
    'rds:CreateDBInstance',
    'rds:DeleteDBInstance',
    'rds:DescribeDBInstances',
    'rds:ModifyDBInstance',
    'rds:RebootDBInstance',
    'rds:DescribeDBEngineVersions',
    'rds:DescribeEvents',
    // DeletionPolicy/UpdateReplacePolicy: Snapshot.
    'rds:CreateDBSnapshot',
    'rds:DescribeDBSnapshots',
    'rds:AddTagsToResource',
    'rds:RemoveTagsFromResource',
    'rds:ListTagsForResource',
    // ManageMasterUserPassword: RDS creates the master secret with the caller's permissions.
    'secretsmanager:CreateSecret',
    'secretsmanager:TagResource',
    'secretsmanager:RotateSecret',
    'kms:DescribeKey',
    'ec2:DescribeSecurityGroups',
    'ec2:DescribeSubnets',
    'ec2:DescribeVpcs',
  ],
  'AWS::IAM::Role': [
    'iam:CreateRole',
    'iam:DeleteRole',
    'iam:GetRole',
    'iam:UpdateRole',
    'iam:UpdateRoleDescription',
    'iam:UpdateAssumeRolePolicy',
    'iam:PutRolePolicy',
    'iam:GetRolePolicy',
    'iam:DeleteRolePolicy',
    'iam:ListRolePolicies',
    'iam:ListAttachedRolePolicies',
    'iam:TagRole',
    'iam:UntagRole',
  ],
  'AWS::IAM::OIDCProvider': [
    'iam:CreateOpenIDConnectProvider',
    'iam:DeleteOpenIDConnectProvider',
    'iam:GetOpenIDConnectProvider',
    'iam:UpdateOpenIDConnectProviderThumbprint',
    'iam:AddClientIDToOpenIDConnectProvider',
    'iam:RemoveClientIDFromOpenIDConnectProvider',
    'iam:TagOpenIDConnectProvider',
    'iam:UntagOpenIDConnectProvider',
  ],
  'AWS::ECS::Cluster': [
    'ecs:CreateCluster',
    'ecs:DeleteCluster',
    'ecs:DescribeClusters',
    'ecs:UpdateCluster',
    'ecs:UpdateClusterSettings',
    'ecs:PutClusterCapacityProviders',
    'ecs:TagResource',
    'ecs:UntagResource',
    'ecs:ListTagsForResource',
  ],
  'AWS::ECS::TaskDefinition': [
    'ecs:RegisterTaskDefinition',
    'ecs:DeregisterTaskDefinition',
    'ecs:DescribeTaskDefinition',
    'ecs:TagResource',
    'ecs:UntagResource',
    'ecs:ListTagsForResource',
    // The execution and task roles: scoped in the PassTheTaskRoles statement.
    'iam:PassRole',
  ],
  'AWS::ECS::Service': [
    'ecs:CreateService',
    'ecs:UpdateService',
    'ecs:DeleteService',
    'ecs:DescribeServices',
    'ecs:TagResource',
    'ecs:UntagResource',
    'ecs:ListTagsForResource',
    'elasticloadbalancing:DescribeTargetGroups',
    // BLUE_GREEN and CANARY: ECS checks the listener rule and the alarms it is given.
    'elasticloadbalancing:DescribeListeners',
    'elasticloadbalancing:DescribeRules',
    'cloudwatch:DescribeAlarms',
    'ec2:DescribeSubnets',
    'ec2:DescribeSecurityGroups',
    // The load balancer infrastructure role: scoped in the PassTheTaskRoles statement.
    'iam:PassRole',
  ],
  'AWS::ApplicationAutoScaling::ScalableTarget': [
    'application-autoscaling:RegisterScalableTarget',
    'application-autoscaling:DeregisterScalableTarget',
    'application-autoscaling:DescribeScalableTargets',
    'application-autoscaling:TagResource',
    'application-autoscaling:UntagResource',
    'application-autoscaling:ListTagsForResource',
    'ecs:DescribeServices',
    'ecs:UpdateService',
  ],
  'AWS::ApplicationAutoScaling::ScalingPolicy': [
    'application-autoscaling:PutScalingPolicy',
    'application-autoscaling:DeleteScalingPolicy',
    'application-autoscaling:DescribeScalingPolicies',
    // Target tracking creates and deletes its CloudWatch alarms with the caller's permissions.
    'cloudwatch:PutMetricAlarm',
    'cloudwatch:DeleteAlarms',
    'cloudwatch:DescribeAlarms',
  ],
  'AWS::CloudFormation::WaitConditionHandle': [],
};

/** What the provision action calls itself (src/provision): change sets, events, the network, the service. */
export const PROVISION_ACTION_CALLS = [
  'cloudformation:CreateChangeSet',
  'cloudformation:DescribeChangeSet',
  'cloudformation:ExecuteChangeSet',
  'cloudformation:DeleteChangeSet',
  'cloudformation:DescribeStacks',
  'cloudformation:DescribeStackEvents',
  'cloudformation:ListStackResources',
  'cloudformation:UpdateTerminationProtection',
  // Only a stack left in ROLLBACK_COMPLETE by a failed first create (it holds no resources).
  'cloudformation:DeleteStack',
  'ec2:DescribeVpcs',
  'ec2:DescribeSubnets',
  'ecs:DescribeServices',
  'ecs:DescribeTaskDefinition',
];

/** Services that create a service-linked role on first use in an account (ECS, RDS, ELB, auto scaling). */
const SERVICE_LINKED_ROLES = [
  'ecs.amazonaws.com',
  'rds.amazonaws.com',
  'elasticloadbalancing.amazonaws.com',
  'ecs.application-autoscaling.amazonaws.com',
];

/**
 * The policy for stacks whose name starts with `stackPrefix` (CloudFormation names the stack's IAM roles
 * `<stack>-<LogicalId>-<suffix>`): IAM roles, PassRole and the stack itself are limited to that prefix;
 * the other services' create calls name no resource before it exists, so they are granted on `*`.
 */
export function renderProvisionPolicy(stackPrefix = 'strapi'): PolicyDocument {
  const iamRole = (action: string) => action.startsWith('iam:') && !action.includes('OpenIDConnect');
  const scopedElsewhere = (action: string) =>
    action.startsWith('iam:') || action.startsWith('cloudformation:');
  const byService = new Map<string, Set<string>>();
  for (const actions of Object.values(RESOURCE_TYPE_ACTIONS)) {
    for (const action of actions.filter((a) => !scopedElsewhere(a))) {
      const service = action.split(':')[0]!;
      if (!byService.has(service)) byService.set(service, new Set());
      byService.get(service)!.add(action);
    }
  }
  for (const action of PROVISION_ACTION_CALLS.filter((a) => !scopedElsewhere(a))) {
    byService.get(action.split(':')[0]!)?.add(action);
  }
  const sorted = (actions: Iterable<string>) => [...new Set(actions)].sort();
  const sid = (service: string) =>
    service
      .split(/[^a-z0-9]/)
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join('');

  const roleArn = `arn:aws:iam::*:role/${stackPrefix}*`;
  const roleActions = sorted(
    Object.values(RESOURCE_TYPE_ACTIONS)
      .flat()
      .filter((a) => iamRole(a) && a !== 'iam:PassRole'),
  );
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'TheStackItself',
        Effect: 'Allow',
        Action: sorted(PROVISION_ACTION_CALLS.filter((a) => a.startsWith('cloudformation:'))),
        Resource: [
          `arn:aws:cloudformation:*:*:stack/${stackPrefix}*/*`,
          `arn:aws:cloudformation:*:*:changeSet/strapi-deploy-*/*`,
        ],
      },
      {
        Sid: 'TheStackRoles',
        Effect: 'Allow',
        Action: roleActions,
        Resource: roleArn,
      },
      {
        // The task roles to ECS tasks; the load balancer infrastructure role to ECS itself.
        Sid: 'PassTheTaskRoles',
        Effect: 'Allow',
        Action: ['iam:PassRole'],
        Resource: roleArn,
        Condition: {
          StringEquals: { 'iam:PassedToService': ['ecs-tasks.amazonaws.com', 'ecs.amazonaws.com'] },
        },
      },
      {
        Sid: 'GitHubOidcProvider',
        Effect: 'Allow',
        Action: sorted(RESOURCE_TYPE_ACTIONS['AWS::IAM::OIDCProvider']!),
        Resource: 'arn:aws:iam::*:oidc-provider/token.actions.githubusercontent.com',
      },
      {
        Sid: 'ServiceLinkedRolesOnFirstUse',
        Effect: 'Allow',
        Action: ['iam:CreateServiceLinkedRole'],
        Resource: '*',
        Condition: { StringEquals: { 'iam:AWSServiceName': SERVICE_LINKED_ROLES } },
      },
      ...[...byService.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([service, actions]): PolicyStatement => ({
          Sid: `${sid(service)}ForTheBaseline`,
          Effect: 'Allow',
          Action: sorted(actions),
          Resource: '*',
        })),
    ],
  };
}
