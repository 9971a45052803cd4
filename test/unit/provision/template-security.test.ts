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

describe('ingress: closed by default, or behind the load balancer', () => {
  test('1337 only from the load balancer group when it is on, else from AllowedCidr, else from nobody', () => {
    const [condition, withLb, withoutLb] = (
      props('ServiceSecurityGroup').SecurityGroupIngress as Record<string, Json>
    )['Fn::If'] as [string, Record<string, Json>[], Record<string, Json>];
    expect(condition).toBe('HasLoadBalancer');
    expect(withLb).toEqual([
      expect.objectContaining({
        FromPort: 1337,
        ToPort: 1337,
        SourceSecurityGroupId: { Ref: 'LoadBalancerSecurityGroup' },
      }),
    ]);
    expect(withLb[0]).not.toHaveProperty('CidrIp');
    expect(withoutLb).toEqual({
      'Fn::If': [
        'HasAllowedCidr',
        [expect.objectContaining({ FromPort: 1337, ToPort: 1337, CidrIp: { Ref: 'AllowedCidr' } })],
        { Ref: 'AWS::NoValue' },
      ],
    });
  });

  test('the load balancer is open only to AllowedCidr, and to nobody when it is empty', () => {
    const [condition, rules, none] = (
      props('LoadBalancerSecurityGroup').SecurityGroupIngress as Record<string, Json>
    )['Fn::If'] as [string, Record<string, Json>[], Json];
    expect(condition).toBe('HasAllowedCidr');
    expect(rules.map((r) => r.CidrIp)).toEqual([{ Ref: 'AllowedCidr' }, { Ref: 'AllowedCidr' }]);
    expect(none).toEqual({ Ref: 'AWS::NoValue' });
  });

  test('the default AllowedCidr is empty (closed), and HasAllowedCidr tests exactly that', () => {
    expect(template.Parameters.AllowedCidr!.Default).toBe('');
    expect(template.Conditions.HasAllowedCidr).toEqual({
      'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'AllowedCidr' }, ''] }],
    });
    // No CIDR rule anywhere else could open a port behind these conditions' back.
    const cidrRules = [...walk(template.Resources as unknown as Json)].filter(
      ({ path }) => path.at(-1) === 'CidrIp',
    );
    expect(cidrRules.map(({ node }) => node)).toEqual(cidrRules.map(() => ({ Ref: 'AllowedCidr' })));
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
        // ELB's Describe* calls have no resource-level permissions (BLUE_GREEN and CANARY only).
        'LoadBalancerInfrastructureRole: elasticloadbalancing:DescribeListeners',
        'LoadBalancerInfrastructureRole: elasticloadbalancing:DescribeRules',
        'LoadBalancerInfrastructureRole: elasticloadbalancing:DescribeTargetGroups',
        'LoadBalancerInfrastructureRole: elasticloadbalancing:DescribeTargetHealth',
      ].sort(),
    );
  });

  test('the deploy role snapshots only its own database, under the names the deploy gives snapshots', () => {
    const snapshotting = allows.filter((s) => asList(s.Action).includes('rds:CreateDBSnapshot'));
    expect(snapshotting.map((s) => String(s.where).split('.')[0])).toEqual(['DeployRole']);
    expect(asList(snapshotting[0]?.Resource)).toEqual([
      { 'Fn::Sub': 'arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:db:${Database}' },
      { 'Fn::Sub': 'arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:snapshot:strapi-deploy-*' },
    ]);
  });

  test("the deploy role reads and stops only its own cluster's service deployments (the verdict, a rollback in bake time)", () => {
    const stopping = allows.filter((s) => asList(s.Action).includes('ecs:StopServiceDeployment'));
    expect(stopping.map((s) => String(s.where).split('.')[0])).toEqual(['DeployRole']);
    expect(asList(stopping[0]?.Action)).toContain('ecs:DescribeServiceDeployments');
    expect(asList(stopping[0]?.Resource)).toEqual([
      {
        'Fn::Sub':
          'arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:service-deployment/${Cluster}/*',
      },
    ]);
  });

  test('the execution role reads exactly the secrets the task definition injects, in any container', () => {
    const containers = props('TaskDefinition').ContainerDefinitions as Record<string, Json>[];
    const injected = containers.flatMap((c) =>
      (c.Secrets as { Name: string; ValueFrom: Json }[]).map((s) => s.ValueFrom),
    );
    const readable = allows.filter((s) => asList(s.Action).includes('secretsmanager:GetSecretValue'));
    expect(readable.map((s) => String(s.where).split('.')[0])).toEqual(['ExecutionRole']);
    const granted = asList(readable[0]!.Resource);
    // `${X}:key::` and `${Database.MasterUserSecret.SecretArn}:key::` name the secret X / the RDS secret.
    const secretOf = (v: Json): Json => {
      const sub = (v as Record<string, Json>)['Fn::Sub'];
      if (typeof sub !== 'string') return v;
      const name = /^\$\{([A-Za-z.]+)\}:[a-z]+::$/.exec(sub)![1]!;
      return name === 'Database.MasterUserSecret.SecretArn'
        ? { 'Fn::GetAtt': ['Database', 'MasterUserSecret.SecretArn'] }
        : { Ref: name };
    };
    const needed = [...new Set(injected.map((v) => JSON.stringify(secretOf(v))))].sort();
    expect(granted.map((g) => JSON.stringify(g)).sort()).toEqual(needed);
    expect(needed).toHaveLength(8);
  });

  test('the task role reaches the uploads bucket and nothing else', () => {
    const statements = documents.find((d) => d.where.startsWith('TaskRole'))!.statements;
    const targets = statements.flatMap((s) => asList(s.Resource)).map((r) => JSON.stringify(r));
    expect(targets).toEqual([
      JSON.stringify({ 'Fn::GetAtt': ['UploadsBucket', 'Arn'] }),
      JSON.stringify({ 'Fn::Sub': '${UploadsBucket.Arn}/*' }),
    ]);
  });

  test('only jobs in the given GitHub environment of the repository can assume the deploy role', () => {
    const trust = (props('DeployRole').AssumeRolePolicyDocument as Record<string, Json>).Statement as Record<
      string,
      Json
    >[];
    expect(trust).toHaveLength(1);
    expect(trust[0]!.Action).toBe('sts:AssumeRoleWithWebIdentity');
    // One exact subject, no wildcard: a branch or pull request outside the environment cannot assume it.
    expect(trust[0]!.Condition).toEqual({
      StringEquals: {
        'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
        'token.actions.githubusercontent.com:sub': {
          'Fn::Sub': 'repo:${GitHubRepository}:environment:${GitHubEnvironment}',
        },
      },
    });
    // And the role does not exist without an environment.
    expect(resources.DeployRole!.Condition).toBe('HasDeployRole');
    expect(template.Conditions.HasDeployRole).toEqual({
      'Fn::And': [
        { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'GitHubRepository' }, ''] }] },
        { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'GitHubEnvironment' }, ''] }] },
      ],
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
  const containers = props('TaskDefinition').ContainerDefinitions as Record<string, Json>[];
  const container = containers.find((c) => c.Name === 'strapi');
  const bootstrap = containers.find((c) => c.Name === 'db-bootstrap')!;
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
    // Strapi's own login, never the RDS master (whose password RDS rotates under running tasks).
    expect(secrets.find((s) => s.Name === 'DATABASE_PASSWORD')!.ValueFrom).toEqual({
      'Fn::Sub': '${AppDatabaseSecret}:password::',
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

  test('Strapi logs in as strapi_app, the user its own secret names, created before Strapi starts', () => {
    expect(environment).toContainEqual({ Name: 'DATABASE_USERNAME', Value: 'strapi_app' });
    expect(props('AppDatabaseSecret').GenerateSecretString).toMatchObject({
      SecretStringTemplate: '{"username":"strapi_app"}',
      GenerateStringKey: 'password',
    });
    expect(resources.AppDatabaseSecret).toMatchObject({
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    expect(container!.DependsOn).toEqual([{ ContainerName: 'db-bootstrap', Condition: 'SUCCESS' }]);
    expect(bootstrap).toMatchObject({
      Essential: false,
      Image: expect.stringMatching(/^public\.ecr\.aws\/.*postgres:15/),
    });
  });

  test('the master credentials reach only the db-bootstrap container, which verifies the RDS certificate', () => {
    const usesMaster = containers.filter((c) => JSON.stringify(c).includes('MasterUserSecret'));
    expect(usesMaster.map((c) => c.Name)).toEqual(['db-bootstrap']);
    expect((bootstrap.Secrets as { Name: string }[]).map((s) => s.Name).sort()).toEqual(
      ['APP_DATABASE_PASSWORD', 'APP_DATABASE_USERNAME', 'PGPASSWORD', 'PGUSER'].sort(),
    );
    expect(bootstrap.Environment).toEqual(
      expect.arrayContaining([
        { Name: 'PGSSLMODE', Value: 'verify-full' },
        {
          Name: 'RDS_CA_BUNDLE_URL',
          Value: {
            'Fn::Sub': 'https://truststore.pki.rds.amazonaws.com/${AWS::Region}/${AWS::Region}-bundle.pem',
          },
        },
      ]),
    );
  });

  test('TLS to RDS: required by the server (rds.force_ssl=1), verified by the app (no switch to skip it)', () => {
    expect(props('Database').DBParameterGroupName).toEqual({ Ref: 'DatabaseParameterGroup' });
    expect(props('DatabaseParameterGroup')).toMatchObject({
      Family: 'postgres15',
      Parameters: { 'rds.force_ssl': '1' },
    });
    expect(environment).toContainEqual({ Name: 'DATABASE_SSL', Value: 'true' });
    const everywhere = JSON.stringify(template);
    expect(everywhere).not.toContain('REJECT_UNAUTHORIZED');
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

  test('the repository scans on push; tags are immutable except the build cache tag build-push moves', () => {
    expect(props('Repository')).toMatchObject({
      ImageScanningConfiguration: { ScanOnPush: true },
      ImageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
      ImageTagMutabilityExclusionFilters: [
        {
          ImageTagMutabilityExclusionFilterType: 'WILDCARD',
          ImageTagMutabilityExclusionFilterValue: 'buildcache',
        },
      ],
    });
  });

  test('the lifecycle policy can only expire untagged images: every release (tagged) stays for rollback', () => {
    const policy = (props('Repository').LifecyclePolicy as Record<string, { 'Fn::Sub': string }>)
      .LifecyclePolicyText!['Fn::Sub'];
    const rules = (
      JSON.parse(policy.replace(/\$\{UntaggedImagesToKeep\}/g, '10')) as {
        rules: { selection: Record<string, unknown>; action: { type: string } }[];
      }
    ).rules;
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules.filter((r) => r.action.type === 'expire')) {
      expect(rule.selection).toMatchObject({ tagStatus: 'untagged' });
    }
    expect(rules[0]!.selection).toEqual({
      tagStatus: 'untagged',
      countType: 'imageCountMoreThan',
      countNumber: 10,
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

describe('placeholder: what runs before the first image exists', () => {
  const placeholder = resources.PlaceholderTaskDefinition!;
  const p = placeholder.Properties as Record<string, Json>;
  const [container, ...others] = p.ContainerDefinitions as Record<string, Json>[];

  test('exists only while ImageUri is empty, and the service runs it only then', () => {
    expect(placeholder.Condition).toBe('UsesPlaceholder');
    expect(template.Conditions.UsesPlaceholder).toEqual({ 'Fn::Equals': [{ Ref: 'ImageUri' }, ''] });
    expect(template.Parameters.ImageUri!.Default).toBe('');
    expect(props('Service').TaskDefinition).toEqual({
      'Fn::If': ['HasImage', { Ref: 'TaskDefinition' }, { Ref: 'PlaceholderTaskDefinition' }],
    });
  });

  test('gets no secrets, no environment, no roles: there is nothing it could reveal', () => {
    expect(others).toEqual([]);
    expect(Object.keys(container!).sort()).toEqual(['Command', 'Essential', 'Image', 'Name', 'PortMappings']);
    expect(p).not.toHaveProperty('ExecutionRoleArn');
    expect(p).not.toHaveProperty('TaskRoleArn');
    expect(JSON.stringify(p)).not.toMatch(/Secret|Database|UploadsBucket/);
  });

  test('a static responder from ECR Public on 1337 that the health checks accept', () => {
    expect(container).toMatchObject({
      Name: 'strapi',
      Image: expect.stringMatching(/^public\.ecr\.aws\/docker\/library\/nginx:[0-9.]+-alpine$/),
      PortMappings: [{ ContainerPort: 1337, Protocol: 'tcp' }],
    });
    const [shell, flag, script] = container!.Command as string[];
    expect([shell, flag]).toEqual(['/bin/sh', '-c']);
    // Fixed text, no variables, no proxying, no file listing: every path answers 204 and nothing else.
    expect(script).toBe(
      "echo 'server { listen 1337; location / { return 204; } }' > /etc/nginx/conf.d/default.conf && exec nginx -g 'daemon off;'",
    );
  });

  test("names the Strapi revision, so the first deploy starts from Strapi's configuration", () => {
    expect(p.Tags).toEqual([{ Key: 'strapi-deploy:start-from', Value: { Ref: 'TaskDefinition' } }]);
  });
});

describe('database storage and logs', () => {
  test('storage autoscaling has a ceiling above the allocation; upgrade logs are exported', () => {
    expect(props('Database')).toMatchObject({
      MaxAllocatedStorage: { Ref: 'DbMaxAllocatedStorage' },
      EnableCloudwatchLogsExports: ['postgresql', 'upgrade'],
    });
    expect(template.Parameters.DbMaxAllocatedStorage!.Default).toBeGreaterThan(
      template.Parameters.DbAllocatedStorage!.Default as number,
    );
  });
});
