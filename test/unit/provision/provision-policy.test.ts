import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  NO_SERVICE_CALLS,
  PROVISION_ACTION_CALLS,
  RESOURCE_TYPE_ACTIONS,
  renderProvisionPolicy,
  type PolicyDocument,
} from '../../../src/provision/provision-policy';
import { REPO_ROOT } from './support';
import { loadTemplate, TEMPLATE_FILES } from './template-loader';

const committed = JSON.parse(
  readFileSync(path.join(REPO_ROOT, 'policies', 'provision-role.json'), 'utf8'),
) as PolicyDocument;
const allowed = (doc: PolicyDocument) => new Set(doc.Statement.flatMap((s) => s.Action));
const templateTypes = [
  ...new Set(TEMPLATE_FILES.flatMap((f) => Object.values(loadTemplate(f).Resources).map((r) => r.Type))),
].sort();

describe('policies/provision-role.json: what the provision role may do, and nothing more', () => {
  test('is the rendered policy (npx tsx scripts/render-provision-policy.ts)', () => {
    expect(committed).toEqual(renderProvisionPolicy());
  });

  test('every resource type of the template has its handler actions listed, and no type is stale', () => {
    expect(Object.keys(RESOURCE_TYPE_ACTIONS).sort()).toEqual(templateTypes);
    const empty = templateTypes.filter((type) => RESOURCE_TYPE_ACTIONS[type]!.length === 0);
    // Only types CloudFormation handles itself may call nothing.
    expect(empty).toEqual(NO_SERVICE_CALLS.filter((type) => templateTypes.includes(type)));
  });

  test.each(templateTypes)('%s: every action its handlers call is allowed', (type) => {
    const granted = allowed(committed);
    expect(RESOURCE_TYPE_ACTIONS[type]!.filter((a) => !granted.has(a))).toEqual([]);
  });

  test('what the provision action calls itself is allowed', () => {
    const granted = allowed(committed);
    expect(PROVISION_ACTION_CALLS.filter((a) => !granted.has(a))).toEqual([]);
  });

  test('no wildcard action, no NotAction, only Allow, well-formed action names', () => {
    const actions = committed.Statement.flatMap((s) => s.Action);
    expect(actions.filter((a) => !/^[a-z0-9-]+:[A-Za-z0-9]+$/.test(a))).toEqual([]);
    expect(committed.Statement.filter((s) => 'NotAction' in s || 'NotResource' in s)).toEqual([]);
    expect(new Set(committed.Statement.map((s) => s.Effect))).toEqual(new Set(['Allow']));
  });

  test('IAM: roles and PassRole only for the stack, PassRole only to ECS (tasks, and the load balancer role); no user, group or policy rights', () => {
    const iam = committed.Statement.filter((s) => s.Action.some((a) => a.startsWith('iam:')));
    for (const s of iam) {
      const onRoles = s.Action.some(
        (a) => /^iam:(.*Role.*|PassRole)$/.test(a) && a !== 'iam:CreateServiceLinkedRole',
      );
      if (onRoles && !s.Action.some((a) => a.includes('OpenIDConnect')))
        expect(s.Resource).toBe('arn:aws:iam::*:role/strapi*');
    }
    expect(iam.find((s) => s.Action.includes('iam:PassRole'))).toMatchObject({
      Action: ['iam:PassRole'],
      // ecs.amazonaws.com: the infrastructure role BLUE_GREEN and CANARY shift traffic with.
      Condition: {
        StringEquals: { 'iam:PassedToService': ['ecs-tasks.amazonaws.com', 'ecs.amazonaws.com'] },
      },
    });
    expect(iam.find((s) => s.Action.includes('iam:CreateServiceLinkedRole'))!.Condition).toBeDefined();
    const everything = iam.flatMap((s) => s.Action);
    expect(
      everything.filter((a) =>
        /User|Group|AttachRolePolicy|CreatePolicy|AccessKey|PermissionsBoundary/.test(a),
      ),
    ).toEqual([]);
  });

  test('fits an inline role policy (10,240 characters without whitespace)', () => {
    expect(JSON.stringify(committed).length).toBeLessThan(10_240);
  });

  test('--stack-prefix scopes the stack and its roles to another name', () => {
    const other = renderProvisionPolicy('cms');
    expect(other.Statement.find((s) => s.Sid === 'TheStackRoles')!.Resource).toBe('arn:aws:iam::*:role/cms*');
    expect(other.Statement.find((s) => s.Sid === 'TheStackItself')!.Resource).toContain(
      'arn:aws:cloudformation:*:*:stack/cms*/*',
    );
  });
});
