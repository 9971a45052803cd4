import { asList, loadTemplate, policyDocuments, walk, type Json } from './template-loader';

/** The project's own security rules for the baseline, as executable checks. */
const template = loadTemplate();
const resources = template.Resources;
const props = (id: string) => resources[id]!.Properties as Record<string, Json>;
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

describe('database', () => {
  const [[dbId, db]] = ofType('AWS::RDS::DBInstance') as [[string, (typeof resources)[string]]];
  const p = db.Properties as Record<string, Json>;

  test('is private, encrypted, Multi-AZ, protected and backed up', () => {
    expect(p).toMatchObject({
      Engine: 'postgres',
      PubliclyAccessible: false,
      StorageEncrypted: true,
      MultiAZ: true,
      DeletionProtection: true,
      ManageMasterUserPassword: true,
      DBInstanceClass: { Ref: 'DbInstanceClass' },
      AllocatedStorage: { Ref: 'DbAllocatedStorage' },
    });
    expect(String(p.EngineVersion)).toMatch(/^15(\.|$)/);
    expect(template.Parameters.DbBackupRetentionDays!.Default).toBeGreaterThanOrEqual(1);
    expect(template.Parameters.DbInstanceClass!.Default).toBe('db.t3.micro');
    expect(template.Parameters.DbAllocatedStorage!.Default).toBe(20);
  });

  test('no master password anywhere in the template: RDS manages it in Secrets Manager', () => {
    expect(p).not.toHaveProperty('MasterUserPassword');
  });

  test('a replacement or deletion leaves a snapshot', () => {
    expect([db.DeletionPolicy, db.UpdateReplacePolicy]).toEqual(['Snapshot', 'Snapshot']);
  });

  test(`${dbId} sits in its own subnet group and security group only`, () => {
    expect(p.DBSubnetGroupName).toEqual({ Ref: 'DatabaseSubnetGroup' });
    expect(p.VPCSecurityGroups).toEqual([{ 'Fn::GetAtt': ['DatabaseSecurityGroup', 'GroupId'] }]);
  });

  test('5432 is open only to the ECS service security group', () => {
    const ingress = asList(props('DatabaseSecurityGroup').SecurityGroupIngress);
    expect(ingress).toEqual([
      expect.objectContaining({
        IpProtocol: 'tcp',
        FromPort: 5432,
        ToPort: 5432,
        SourceSecurityGroupId: { 'Fn::GetAtt': ['ServiceSecurityGroup', 'GroupId'] },
      }),
    ]);
    for (const rule of ingress)
      expect(Object.keys(rule as object).filter((k) => /Cidr|PrefixList/.test(k))).toEqual([]);
    // No stand-alone ingress rules could widen it behind the group's back.
    expect(ofType('AWS::EC2::SecurityGroupIngress')).toEqual([]);
  });
});

describe('service security group', () => {
  test('1337 from the allowed CIDR, or only from the load balancer group when it is on', () => {
    const [rule] = asList(props('ServiceSecurityGroup').SecurityGroupIngress) as Record<string, Json>[];
    const [condition, withLb, withoutLb] = rule!['Fn::If'] as [
      string,
      Record<string, Json>,
      Record<string, Json>,
    ];
    expect(condition).toBe('HasLoadBalancer');
    expect(withLb).toMatchObject({
      FromPort: 1337,
      ToPort: 1337,
      SourceSecurityGroupId: { Ref: 'LoadBalancerSecurityGroup' },
    });
    expect(withLb).not.toHaveProperty('CidrIp');
    expect(withoutLb).toMatchObject({ FromPort: 1337, ToPort: 1337, CidrIp: { Ref: 'AllowedCidr' } });
    expect(template.Parameters.AllowedCidr!.Default).toBe('0.0.0.0/0');
  });
});

describe('IAM policies', () => {
  const documents = policyDocuments(template);
  const allows = documents.flatMap((d) =>
    d.statements
      .filter((s) => s.Effect === 'Allow')
      .map((s) => ({ where: d.where, ...s }) as Record<string, Json>),
  );

  test('there are policies to check (the rules below cannot pass vacuously)', () => {
    expect(documents.map((d) => d.where)).toEqual(
      expect.arrayContaining([
        'UploadsBucketPolicy.Properties.PolicyDocument',
        'ExecutionRole.Properties.Policies.0.PolicyDocument',
        'TaskRole.Properties.Policies.0.PolicyDocument',
        'DeployRole.Properties.Policies.0.PolicyDocument',
      ]),
    );
    expect(allows.length).toBeGreaterThan(10);
  });

  test('no Allow grants a wildcard action, let alone on every resource', () => {
    const wildcardActions = allows.filter((s) =>
      asList(s.Action).some((a) => typeof a === 'string' && a.includes('*')),
    );
    expect(wildcardActions).toEqual([]);
    expect(allows.filter((s) => s.NotAction !== undefined || s.NotResource !== undefined)).toEqual([]);
  });

  test('the only grants on Resource "*" are actions that have no resource-level permissions', () => {
    const onEverything = allows
      .filter((s) => asList(s.Resource).includes('*'))
      .flatMap((s) => asList(s.Action).map((a) => `${String(s.where).split('.')[0]}: ${String(a)}`));
    expect(onEverything.sort()).toEqual(
      [
        'DeployRole: ecr:GetAuthorizationToken',
        'DeployRole: ecs:DescribeTaskDefinition',
        'DeployRole: ecs:ListClusters',
        'DeployRole: ecs:ListTaskDefinitions',
        'DeployRole: ecs:RegisterTaskDefinition',
        // Scoped to the cluster by an ecs:cluster condition.
        'DeployRole: ecs:DescribeClusters',
        'DeployRole: ecs:DescribeTasks',
        'DeployRole: ecs:ListServices',
        'DeployRole: ecs:ListTasks',
        'ExecutionRole: ecr:GetAuthorizationToken',
      ].sort(),
    );
  });

  test('the execution role reads exactly the secrets the task definition injects', () => {
    const [container] = props('TaskDefinition').ContainerDefinitions as Record<string, Json>[];
    const injected = (container!.Secrets as { Name: string; ValueFrom: Json }[]).map((s) => s.ValueFrom);
    const readable = allows.filter((s) => asList(s.Action).includes('secretsmanager:GetSecretValue'));
    expect(readable.map((s) => String(s.where).split('.')[0])).toEqual(['ExecutionRole']);
    const granted = asList(readable[0]!.Resource);
    const databaseSecret = { 'Fn::GetAtt': ['Database', 'MasterUserSecret.SecretArn'] };
    expect(granted).toHaveLength(7);
    for (const v of injected) {
      expect(granted).toContainEqual(
        (v as Record<string, Json>)['Fn::Sub'] === '${Database.MasterUserSecret.SecretArn}:password::'
          ? databaseSecret
          : v,
      );
    }
  });

  test('the task role reaches the uploads bucket and nothing else', () => {
    const statements = documents.find((d) => d.where.startsWith('TaskRole'))!.statements;
    const targets = statements.flatMap((s) => asList(s.Resource)).map((r) => JSON.stringify(r));
    expect(targets).toEqual([
      JSON.stringify({ 'Fn::GetAtt': ['UploadsBucket', 'Arn'] }),
      JSON.stringify({ 'Fn::Sub': '${UploadsBucket.Arn}/*' }),
    ]);
  });

  test('only the given repository (and environment) can assume the deploy role', () => {
    const trust = (props('DeployRole').AssumeRolePolicyDocument as Record<string, Json>).Statement as Record<
      string,
      Json
    >[];
    expect(trust).toHaveLength(1);
    expect(trust[0]!.Action).toBe('sts:AssumeRoleWithWebIdentity');
    const [cond, withEnv, anyRef] = (trust[0]!.Condition as Record<string, Json>)['Fn::If'] as [
      string,
      Json,
      Json,
    ];
    expect(cond).toBe('HasGitHubEnvironment');
    expect(withEnv).toEqual({
      StringEquals: {
        'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
        'token.actions.githubusercontent.com:sub': {
          'Fn::Sub': 'repo:${GitHubRepository}:environment:${GitHubEnvironment}',
        },
      },
    });
    expect(anyRef).toEqual({
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      StringLike: { 'token.actions.githubusercontent.com:sub': { 'Fn::Sub': 'repo:${GitHubRepository}:*' } },
    });
  });

  test('iam:PassRole only for the two task roles, only to ECS tasks', () => {
    const pass = allows.filter((s) => asList(s.Action).includes('iam:PassRole'));
    expect(pass).toHaveLength(1);
    expect(pass[0]).toMatchObject({
      Resource: [{ 'Fn::GetAtt': ['ExecutionRole', 'Arn'] }, { 'Fn::GetAtt': ['TaskRole', 'Arn'] }],
      Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
    });
  });
});

describe('task definition', () => {
  const [container] = props('TaskDefinition').ContainerDefinitions as Record<string, Json>[];
  const environment = container!.Environment as { Name: string; Value: Json }[];
  const secrets = container!.Secrets as { Name: string; ValueFrom: Json }[];

  test('container strapi on 1337, 512 CPU / 1024 MB by default, awslogs to the stack log group', () => {
    expect(container).toMatchObject({
      Name: 'strapi',
      PortMappings: [{ ContainerPort: 1337, Protocol: 'tcp' }],
      LogConfiguration: { LogDriver: 'awslogs', Options: { 'awslogs-group': { Ref: 'LogGroup' } } },
    });
    expect([template.Parameters.TaskCpu!.Default, template.Parameters.TaskMemory!.Default]).toEqual([
      512, 1024,
    ]);
    expect(props('LogGroup').RetentionInDays).toEqual({ Ref: 'LogRetentionDays' });
  });

  test('no secret in plain environment variables', () => {
    const secretLooking = environment.filter(
      (e) =>
        /(SECRET|PASSWORD|KEY|TOKEN|SALT|CREDENTIAL)/i.test(e.Name) ||
        /^[A-Za-z0-9+/=]{32,}$/.test(String(e.Value)),
    );
    expect(secretLooking).toEqual([]);
  });

  test('every Strapi secret and the database password come from Secrets Manager', () => {
    expect(secrets.map((s) => s.Name).sort()).toEqual(
      [
        'ADMIN_JWT_SECRET',
        'API_TOKEN_SALT',
        'APP_KEYS',
        'DATABASE_PASSWORD',
        'ENCRYPTION_KEY',
        'JWT_SECRET',
        'TRANSFER_TOKEN_SALT',
      ].sort(),
    );
    expect(secrets.find((s) => s.Name === 'DATABASE_PASSWORD')!.ValueFrom).toEqual({
      'Fn::Sub': '${Database.MasterUserSecret.SecretArn}:password::',
    });
    for (const secret of secrets.filter((s) => s.Name !== 'DATABASE_PASSWORD')) {
      const ref = (secret.ValueFrom as { Ref: string }).Ref;
      expect(resources[ref]).toMatchObject({
        Type: 'AWS::SecretsManager::Secret',
        Properties: { GenerateSecretString: expect.any(Object) },
      });
      expect(resources[ref]!.Properties).not.toHaveProperty('SecretString');
    }
    expect(environment.map((e) => e.Name)).toEqual(
      expect.arrayContaining([
        'DATABASE_CLIENT',
        'DATABASE_HOST',
        'DATABASE_PORT',
        'DATABASE_NAME',
        'DATABASE_USERNAME',
      ]),
    );
  });

  test('no literal secret values anywhere in the template', () => {
    const literal = [...walk(template.Resources as unknown as Json)].filter(({ path }) =>
      /^(SecretString|MasterUserPassword|Password)$/.test(path.at(-1) ?? ''),
    );
    expect(literal).toEqual([]);
  });
});

describe('service', () => {
  test('desired 1, circuit breaker with rollback, public IP, CPU target tracking between min and max', () => {
    expect(props('Service')).toMatchObject({
      DesiredCount: 1,
      LaunchType: 'FARGATE',
      DeploymentConfiguration: { DeploymentCircuitBreaker: { Enable: true, Rollback: true } },
      NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: 'ENABLED' } },
    });
    expect(props('ScalableTarget')).toMatchObject({
      MinCapacity: { Ref: 'MinCapacity' },
      MaxCapacity: { Ref: 'MaxCapacity' },
    });
    expect(props('CpuScalingPolicy')).toMatchObject({
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
      },
    });
  });

  test("the load balancer health check accepts Strapi's /_health 204", () => {
    expect(props('TargetGroup')).toMatchObject({ HealthCheckPath: '/_health', Port: 1337, TargetType: 'ip' });
    const [low = NaN, high = NaN] = String((props('TargetGroup').Matcher as Record<string, Json>).HttpCode)
      .split('-')
      .map(Number);
    expect(low <= 204 && 204 <= high).toBe(true);
  });
});

describe('storage', () => {
  test('the uploads bucket is private, encrypted, public access blocked, TLS only', () => {
    expect(props('UploadsBucket')).toMatchObject({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: expect.any(String) } },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    expect(props('UploadsBucket')).not.toHaveProperty('AccessControl');
    // TLS only: the bucket policy denies every request made over plain HTTP.
    expect(props('UploadsBucketPolicy')).toMatchObject({
      Bucket: { Ref: 'UploadsBucket' },
      PolicyDocument: {
        Statement: expect.arrayContaining([
          expect.objectContaining({
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  test('the repository scans on push and keeps the last N images', () => {
    expect(props('Repository')).toMatchObject({ ImageScanningConfiguration: { ScanOnPush: true } });
    const policy = (props('Repository').LifecyclePolicy as Record<string, { 'Fn::Sub': string }>)
      .LifecyclePolicyText!['Fn::Sub'];
    expect(JSON.parse(policy.replace(/\$\{ImagesToKeep\}/g, '20'))).toEqual({
      rules: [
        {
          rulePriority: 1,
          description: 'Keep the last 20 images',
          selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 20 },
          action: { type: 'expire' },
        },
      ],
    });
  });

  test.each(['UploadsBucket', 'Repository', 'LogGroup', 'AppKeysSecret', 'JwtSecret'])(
    '%s outlives the stack (Retain)',
    (id) => {
      expect([resources[id]!.DeletionPolicy, resources[id]!.UpdateReplacePolicy]).toEqual([
        'Retain',
        'Retain',
      ]);
    },
  );
});
