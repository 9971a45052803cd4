import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './support';

interface Job {
  environment?: string | { name?: string };
  concurrency?: { group?: string; 'cancel-in-progress'?: boolean };
  steps?: { uses?: string; with?: Record<string, string>; env?: Record<string, string> }[];
}
interface Workflow {
  on: { workflow_call?: { inputs: Record<string, { default?: unknown }> } };
  jobs: Record<string, Job>;
}
const read = (file: string) => parse(readFileSync(path.join(REPO_ROOT, file), 'utf8')) as Workflow;
const onlyJob = (file: string) => Object.values(read(file).jobs)[0]!;

/** A GitHub expression of the few forms these workflows use, evaluated for given inputs. */
function evaluate(template: string, inputs: Record<string, string>): string {
  return template.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression: string) => {
    const value = (name: string) => inputs[name.replace(/^inputs\./, '')] ?? '';
    const format = /^(inputs\.[\w-]+) \|\| format\('\{0\}(.*)', (inputs\.[\w-]+)\)$/.exec(expression);
    if (format) return value(format[1]!) || `${value(format[3]!)}${format[2]}`;
    if (/^inputs\.[\w-]+$/.test(expression)) return value(expression);
    throw new Error(`cannot evaluate ${expression}`);
  });
}

describe('provision in the workflows', () => {
  const provision = onlyJob('.github/workflows/provision.yml');
  const environmentName = (job: Job) =>
    typeof job.environment === 'string' ? job.environment : (job.environment?.name ?? '');

  test.each(['production', 'staging'])(
    'queues with the deploys and rollbacks of %s (same concurrency group, never cancelled)',
    (environment) => {
      const group = (job: Job) => evaluate(job.concurrency?.group ?? '', { environment });
      expect(group(provision)).toBe(`strapi-deploy-${environment}`);
      expect(group(provision)).toBe(group(onlyJob('.github/workflows/deploy.yml')));
      expect(group(provision)).toBe(group(onlyJob('.github/workflows/rollback.yml')));
      expect(provision.concurrency?.['cancel-in-progress']).toBe(false);
    },
  );

  test('runs in its own environment, never the one the deploy role trusts', () => {
    expect(evaluate(environmentName(provision), { environment: 'production' })).toBe('production-provision');
    expect(
      evaluate(environmentName(provision), { environment: 'production', 'provision-environment': 'infra' }),
    ).toBe('infra');
    // The deploy role is created for the target environment only.
    const step = provision.steps!.find((s) => s.uses?.startsWith('org/strapi-deploy/actions/provision'))!;
    expect(step.with?.['github-environment']).toBe(
      "${{ inputs.create-deploy-role && inputs.environment || '' }}",
    );
    // And the job refuses to run in the deploy environment.
    const guard = provision.steps!.find((s) => s.env?.PROVISION_ENVIRONMENT)!;
    expect(guard.env!.PROVISION_ENVIRONMENT).toBe(environmentName(provision));
  });

  test('ingress closed unless the caller opens it', () => {
    expect(read('.github/workflows/provision.yml').on.workflow_call!.inputs['allowed-cidr']!.default).toBe(
      '',
    );
  });
});

describe('the provision role as docs/workflows.md tells users to make it', () => {
  const docs = readFileSync(path.join(REPO_ROOT, 'docs', 'workflows.md'), 'utf8');
  const trustJson = /cat > provision-trust\.json <<'JSON'\n([\s\S]+?)\nJSON/.exec(docs)?.[1] ?? '';
  const trust = JSON.parse(trustJson) as {
    Statement: { Action: string; Condition: Record<string, Record<string, string>> }[];
  };

  test('trusts exactly one protected environment of one repository (no wildcard subject)', () => {
    expect(trust.Statement).toHaveLength(1);
    expect(trust.Statement[0]!.Action).toBe('sts:AssumeRoleWithWebIdentity');
    expect(trust.Statement[0]!.Condition).toEqual({
      StringEquals: {
        'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
        'token.actions.githubusercontent.com:sub': 'repo:<owner>/<repo>:environment:production-provision',
      },
    });
  });

  test('gets the generated least-privilege policy, not AdministratorAccess', () => {
    expect(docs).toContain('--policy-document file://policies/provision-role.json');
    expect(docs).not.toMatch(/attach-role-policy|AdministratorAccess`? (is|as) (needed|required)/);
  });
});
