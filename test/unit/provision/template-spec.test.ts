import { loadAwsServiceSpec } from '@aws-cdk/aws-service-spec';
import type { SpecDatabase, Property, PropertyType, Resource } from '@aws-cdk/service-spec-types';
import { getAttReferences, loadTemplate, walk, type Json } from './template-loader';

/**
 * Checks the baseline template against the AWS CloudFormation resource specification shipped in
 * @aws-cdk/aws-service-spec: types, property names (nested too), required properties, GetAtt attributes.
 */
const template = loadTemplate();
let db: SpecDatabase;

beforeAll(async () => {
  db = await loadAwsServiceSpec();
});

function resourceSpec(type: string): Resource {
  const found = db.lookup('resource', 'cloudFormationType', 'equals', type);
  if (found.length !== 1) throw new Error(`${type} is not a CloudFormation resource type in the spec`);
  return found[0]!;
}

const isIntrinsic = (value: Json): boolean =>
  !!value &&
  typeof value === 'object' &&
  !Array.isArray(value) &&
  Object.keys(value).length === 1 &&
  (Object.keys(value)[0] === 'Ref' || Object.keys(value)[0]!.startsWith('Fn::'));

/** Problems found in `value` for the property type, nested. Fn::If branches are both checked. */
function checkValue(type: PropertyType, value: Json, at: string): string[] {
  if (isIntrinsic(value)) {
    const ifBranches = (value as Record<string, Json>)['Fn::If'];
    if (Array.isArray(ifBranches)) {
      return ifBranches
        .slice(1)
        .filter(
          (b) =>
            !(
              b &&
              typeof b === 'object' &&
              !Array.isArray(b) &&
              (b as Record<string, Json>).Ref === 'AWS::NoValue'
            ),
        )
        .flatMap((branch) => checkValue(type, branch, at));
    }
    return [];
  }
  switch (type.type) {
    case 'ref': {
      const definition = db.get('typeDefinition', type.reference);
      if (!value || typeof value !== 'object' || Array.isArray(value)) return [`${at}: expected an object`];
      return checkProperties(definition.properties, value as Record<string, Json>, at);
    }
    case 'array':
      return Array.isArray(value) ? value.flatMap((v, i) => checkValue(type.element, v, `${at}[${i}]`)) : [];
    case 'union': {
      const options = type.types.map((t) => checkValue(t, value, at));
      return options.some((problems) => problems.length === 0) ? [] : (options[0] ?? []);
    }
    default:
      return [];
  }
}

function checkProperties(spec: Record<string, Property>, props: Record<string, Json>, at: string): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(props)) {
    const property = spec[name];
    if (!property) problems.push(`${at}.${name}: no such property`);
    else problems.push(...checkValue(property.type, value, `${at}.${name}`));
  }
  for (const [name, property] of Object.entries(spec)) {
    if (property.required && !(name in props)) problems.push(`${at}.${name}: required property missing`);
  }
  return problems;
}

describe('resource types', () => {
  test.each(Object.entries(template.Resources).map(([id, r]) => [id, r.Type]))('%s is a %s', (_id, type) => {
    expect(resourceSpec(type).cloudFormationType).toBe(type);
  });
});

describe('properties, nested properties and required properties', () => {
  test.each(Object.keys(template.Resources))('%s', (id) => {
    const resource = template.Resources[id]!;
    expect(checkProperties(resourceSpec(resource.Type).properties, resource.Properties ?? {}, id)).toEqual(
      [],
    );
  });

  test('the check finds unknown, nested and missing properties (it can fail)', () => {
    const spec = resourceSpec('AWS::RDS::DBInstance');
    expect(
      checkProperties(spec.properties, { NoSuchThing: 1, MasterUserSecret: { Nope: 'x' } }, 'Db').sort(),
    ).toEqual(['Db.MasterUserSecret.Nope: no such property', 'Db.NoSuchThing: no such property']);
    expect(checkProperties(resourceSpec('AWS::EC2::SecurityGroup').properties, {}, 'Sg')).toEqual([
      'Sg.GroupDescription: required property missing',
    ]);
  });
});

describe('GetAtt attributes', () => {
  const refs = getAttReferences(template);
  test('the template uses the attributes the outputs and wiring depend on', () => {
    expect(refs).toEqual(
      expect.arrayContaining([
        ['Database', 'MasterUserSecret.SecretArn'],
        ['Database', 'Endpoint.Address'],
        ['Repository', 'RepositoryUri'],
        ['LoadBalancer', 'DNSName'],
      ]),
    );
  });
  test.each(refs)('%s.%s exists', (id, attribute) => {
    const resource = template.Resources[id];
    expect(resource).toBeDefined();
    expect(Object.keys(resourceSpec(resource!.Type).attributes)).toContain(attribute);
  });
});

describe('references', () => {
  const names = new Set([...Object.keys(template.Parameters), ...Object.keys(template.Resources)]);
  const refs = [...walk([template.Resources, template.Outputs] as unknown as Json)]
    .map(({ node }) => (node && typeof node === 'object' && !Array.isArray(node) ? node.Ref : undefined))
    .filter((ref): ref is string => typeof ref === 'string');
  test.each([...new Set(refs)])('Ref %s resolves', (ref) => {
    expect(ref.startsWith('AWS::') || names.has(ref)).toBe(true);
  });
  test.each(
    Object.entries(template.Resources)
      .filter(([, r]) => r.Condition)
      .map(([id, r]) => [id, r.Condition!]),
  )('%s has a declared condition %s', (_id, condition) => {
    expect(Object.keys(template.Conditions)).toContain(condition);
  });
});
