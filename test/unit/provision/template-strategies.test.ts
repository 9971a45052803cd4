import { loadTemplate, type Json, type Template } from './template-loader';

/**
 * The template as CloudFormation would instantiate it for given parameters: conditions evaluated, resources
 * whose condition is false dropped, Fn::If resolved and AWS::NoValue removed. Written by hand for the
 * functions the baseline uses in its conditions (Equals, Not, And, Or, Condition, Ref to a parameter);
 * cfn-lint checks the property names and types against the resource schemas (template-lint.test.ts).
 */
const template = loadTemplate();
const NO_VALUE = Symbol('AWS::NoValue');

function instantiate(
  tpl: Template,
  given: Record<string, string>,
): { resources: Record<string, Record<string, Json>>; conditions: Record<string, boolean> } {
  const parameter = (name: string): Json => given[name] ?? (tpl.Parameters[name]?.Default as Json) ?? '';
  const conditions: Record<string, boolean> = {};
  const condition = (name: string): boolean => {
    if (!(name in conditions)) conditions[name] = truth(tpl.Conditions[name] as Json);
    return conditions[name]!;
  };
  const value = (node: Json): Json => {
    if (node && typeof node === 'object' && !Array.isArray(node) && 'Ref' in node) {
      return typeof node.Ref === 'string' && node.Ref in tpl.Parameters ? parameter(node.Ref) : node;
    }
    return node;
  };
  const truth = (node: Json): boolean => {
    if (!node || typeof node !== 'object' || Array.isArray(node))
      throw new Error(`not a condition: ${String(node)}`);
    const [fn, args] = Object.entries(node)[0] as [string, Json];
    const list = args as Json[];
    switch (fn) {
      case 'Condition':
        return condition(String(args));
      case 'Fn::Equals':
        return String(value(list[0]!)) === String(value(list[1]!));
      case 'Fn::Not':
        return !truth(list[0]!);
      case 'Fn::And':
        return list.every(truth);
      case 'Fn::Or':
        return list.some(truth);
      default:
        throw new Error(`condition function ${fn} is not evaluated here`);
    }
  };
  const resolve = (node: Json): Json | typeof NO_VALUE => {
    if (Array.isArray(node)) return node.map(resolve).filter((v): v is Json => v !== NO_VALUE);
    if (!node || typeof node !== 'object') return node;
    if (node.Ref === 'AWS::NoValue') return NO_VALUE;
    const fnIf = node['Fn::If'];
    if (Array.isArray(fnIf)) return resolve(condition(String(fnIf[0])) ? fnIf[1]! : fnIf[2]!);
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(node)) {
      const resolved = resolve(v);
      if (resolved !== NO_VALUE) out[k] = resolved;
    }
    return out;
  };
  for (const name of Object.keys(tpl.Conditions)) condition(name);
  const resources: Record<string, Record<string, Json>> = {};
  for (const [id, resource] of Object.entries(tpl.Resources)) {
    if (resource.Condition && !condition(resource.Condition)) continue;
    resources[id] = resolve((resource.Properties ?? {}) as Json) as Record<string, Json>;
  }
  return { resources, conditions };
}

const TRAFFIC_SHIFT = [
  'AlternateTargetGroup',
  'ProductionListenerRule',
  'LoadBalancerInfrastructureRole',
  'AlternateUnhealthyHostsAlarm',
];
const ALARMS = ['Target5xxAlarm', 'UnhealthyHostsAlarm'];

type Scenario = [string, Record<string, string>, string[], string[]];
const SCENARIOS: Scenario[] = [
  // ROLLING without a load balancer: exactly what the template made before strategies existed.
  ['ROLLING, no load balancer', {}, [], [...TRAFFIC_SHIFT, ...ALARMS]],
  ['ROLLING behind the load balancer: alarms only', { EnableLoadBalancer: 'true' }, ALARMS, TRAFFIC_SHIFT],
  [
    'BLUE_GREEN',
    { EnableLoadBalancer: 'true', DeploymentStrategy: 'BLUE_GREEN' },
    [...TRAFFIC_SHIFT, ...ALARMS],
    [],
  ],
  [
    'CANARY over HTTPS',
    {
      EnableLoadBalancer: 'true',
      DeploymentStrategy: 'CANARY',
      CertificateArn: 'arn:aws:acm:ap-south-1:123456789012:certificate/1a2b',
    },
    [...TRAFFIC_SHIFT, ...ALARMS],
    [],
  ],
];

/** The value at `path` inside a resolved resource (undefined when any step is missing). */
function dig(node: Json | undefined, ...path: (string | number)[]): Json | undefined {
  let at: Json | undefined = node;
  for (const key of path) {
    if (!at || typeof at !== 'object') return undefined;
    at = Array.isArray(at) ? at[Number(key)] : at[String(key)];
  }
  return at;
}
const service = (resources: Record<string, Record<string, Json>>) => resources.Service as Json;

describe.each(SCENARIOS)('%s', (_name, parameters, present, absent) => {
  const { resources } = instantiate(template, parameters);

  test('has the resources its strategy needs, and none it does not', () => {
    for (const id of present) expect({ id, present: id in resources }).toEqual({ id, present: true });
    for (const id of absent) expect({ id, present: id in resources }).toEqual({ id, present: false });
  });

  test('ECS rolls back on the alarms exactly when there is a load balancer', () => {
    const alarms = dig(service(resources), 'DeploymentConfiguration', 'Alarms');
    if (!parameters.EnableLoadBalancer) expect(alarms).toBeUndefined();
    else
      expect(alarms).toEqual({
        Enable: true,
        Rollback: true,
        // The green side's unhealthy hosts count too when traffic shifts between two target groups.
        AlarmNames: [...ALARMS, ...present.filter((id) => id === 'AlternateUnhealthyHostsAlarm')].map(
          (id) => ({
            Ref: id,
          }),
        ),
      });
  });
});

test('ROLLING without a load balancer: the service is configured as before strategies existed', () => {
  const { resources } = instantiate(template, {});
  expect(dig(service(resources), 'DeploymentConfiguration')).toEqual({
    MinimumHealthyPercent: 100,
    MaximumPercent: 200,
    DeploymentCircuitBreaker: { Enable: true, Rollback: true },
  });
  expect(dig(service(resources), 'LoadBalancers')).toBeUndefined();
});

test.each([
  ['BLUE_GREEN', undefined],
  [
    'CANARY',
    { CanaryPercent: { Ref: 'CanaryPercent' }, CanaryBakeTimeInMinutes: { Ref: 'CanaryBakeTimeMinutes' } },
  ],
])(
  '%s: the strategy, bake time, canary settings and the second target group on the service',
  (strategy, canary) => {
    const { resources } = instantiate(template, { EnableLoadBalancer: 'true', DeploymentStrategy: strategy });
    const configuration = dig(service(resources), 'DeploymentConfiguration');
    expect(dig(configuration, 'Strategy')).toEqual({ Ref: 'DeploymentStrategy' });
    expect(dig(configuration, 'BakeTimeInMinutes')).toEqual({ Ref: 'BakeTimeMinutes' });
    expect(dig(configuration, 'CanaryConfiguration')).toEqual(canary);
    expect(dig(service(resources), 'LoadBalancers')).toEqual([
      {
        ContainerName: 'strapi',
        ContainerPort: 1337,
        TargetGroupArn: { Ref: 'TargetGroup' },
        AdvancedConfiguration: {
          AlternateTargetGroupArn: { Ref: 'AlternateTargetGroup' },
          ProductionListenerRule: { Ref: 'ProductionListenerRule' },
          RoleArn: { 'Fn::GetAtt': ['LoadBalancerInfrastructureRole', 'Arn'] },
        },
      },
    ]);
    // The rule forwards to both target groups, all traffic on the production one until ECS moves it.
    const forward = dig(resources.ProductionListenerRule, 'Actions', 0, 'ForwardConfig', 'TargetGroups');
    expect(forward).toEqual([
      { TargetGroupArn: { Ref: 'TargetGroup' }, Weight: 100 },
      { TargetGroupArn: { Ref: 'AlternateTargetGroup' }, Weight: 0 },
    ]);
  },
);

test('the rule sits on the listener that serves the traffic: HTTPS with a certificate, else HTTP', () => {
  const listener = (parameters: Record<string, string>) =>
    instantiate(template, { EnableLoadBalancer: 'true', DeploymentStrategy: 'CANARY', ...parameters })
      .resources.ProductionListenerRule!.ListenerArn;
  expect(listener({})).toEqual({ Ref: 'HttpListener' });
  expect(listener({ CertificateArn: 'arn:aws:acm:ap-south-1:123456789012:certificate/1a2b' })).toEqual({
    Ref: 'HttpsListener',
  });
});

test('a strategy without the load balancer is refused by the template rule (the action refuses it first)', () => {
  const rule = dig((template as unknown as { Rules: Json }).Rules, 'TrafficShiftNeedsTheLoadBalancer');
  expect(dig(rule, 'RuleCondition')).toEqual({
    'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'DeploymentStrategy' }, 'ROLLING'] }],
  });
  expect(dig(rule, 'Assertions', 0, 'Assert')).toEqual({
    'Fn::Equals': [{ Ref: 'EnableLoadBalancer' }, 'true'],
  });
});

describe('promotion from another environment', () => {
  interface Statement {
    Sid: string;
    Action: Json;
    Resource: Json[];
  }
  const statements = (resources: Record<string, Record<string, Json>>, role: string, policy: string) => {
    const policies = (resources[role]!.Policies ?? []) as Json[];
    const document = policies.find((p) => dig(p, 'PolicyName') === policy);
    return dig(document, 'PolicyDocument', 'Statement') as unknown as Statement[];
  };

  test.each([
    ['no source: its own repository only', {}, 1],
    [
      'promoted from strapi-staging: also the staging repository',
      { PromotionSourceStack: 'strapi-staging', PromotionSourceRepository: 'strapi-staging' },
      2,
    ],
  ])('the tasks pull from %s', (_name, parameters, count) => {
    const { resources } = instantiate(template, parameters);
    const pull = statements(resources, 'ExecutionRole', 'pull-log-secrets').find(
      (s) => s.Sid === 'PullTheImage',
    );
    expect(pull?.Resource).toHaveLength(count);
    if (count === 2)
      expect(pull?.Resource[1]).toEqual({
        'Fn::Sub':
          'arn:${AWS::Partition}:ecr:${AWS::Region}:${AWS::AccountId}:repository/${PromotionSourceRepository}',
      });
  });

  test('the deploy role reads the source service and resolves its image, read-only, only when promoted into', () => {
    const deployRole = { GitHubRepository: 'acme/site', GitHubEnvironment: 'production' };
    const sids = (parameters: Record<string, string>) =>
      statements(
        instantiate(template, { ...deployRole, ...parameters }).resources,
        'DeployRole',
        'strapi-deploy',
      ).map((s) => s.Sid);
    expect(sids({})).not.toContain('ReadThePromotionSource');
    const promoted = statements(
      instantiate(template, {
        ...deployRole,
        PromotionSourceStack: 'strapi-staging',
        PromotionSourceRepository: 'strapi-staging',
      }).resources,
      'DeployRole',
      'strapi-deploy',
    );
    expect(promoted.filter((s) => /Promot/.test(s.Sid)).map((s) => [s.Sid, s.Action])).toEqual([
      ['ReadThePromotionSource', ['ecs:DescribeServices', 'ecs:ListTagsForResource']],
      // The digest, and the image's content-schema label that guards production's database.
      ['ResolveThePromotedImage', ['ecr:DescribeImages', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer']],
    ]);
  });
});

test('the environment is tagged on the cluster and the service only when there is one', () => {
  const tags = (parameters: Record<string, string>) => {
    const { resources } = instantiate(template, parameters);
    return [resources.Cluster!.Tags, resources.Service!.Tags];
  };
  expect(tags({})).toEqual([undefined, undefined]);
  const tag = [{ Key: 'strapi-deploy:environment', Value: { Ref: 'EnvironmentName' } }];
  expect(tags({ EnvironmentName: 'staging' })).toEqual([tag, tag]);
});
