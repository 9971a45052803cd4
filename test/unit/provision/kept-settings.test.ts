import { keepRunningSettings } from '../../../src/provision/kept-settings';
import { loadBaselineTemplate } from '../../../src/provision/template';
import { parseTemplate, type Json } from './template-loader';

const strapiContainer = (body: string) =>
  (
    parseTemplate(body).Resources.TaskDefinition!.Properties!.ContainerDefinitions as Record<string, Json>[]
  ).find((c) => c.Name === 'strapi') as {
    Environment: { Name: string; Value: Json }[];
    Secrets: { Name: string; ValueFrom: Json }[];
  };

describe('keepRunningSettings', () => {
  test.each([
    ['a newline', 'line 1\nline 2'],
    ['quotes and a flow mapping end', `he said "}" and left`],
    ['something that looks like an intrinsic', '!Ref AppKeysSecret'],
    ['a Sub placeholder (kept literally: the value is not a Fn::Sub)', '${AWS::AccountId}'],
    ['a comment marker', 'a # b'],
    ['unicode', 'Grüße – ✓'],
  ])('a value with %s arrives unchanged as a plain string', (_, value) => {
    const kept = keepRunningSettings(loadBaselineTemplate(), {
      environment: [{ name: 'EXTRA', value }],
      secrets: [],
    });
    expect(strapiContainer(kept.templateBody).Environment).toContainEqual({ Name: 'EXTRA', Value: value });
  });

  test('nothing to keep: the template is returned unchanged', () => {
    const kept = keepRunningSettings(loadBaselineTemplate(), {
      environment: [{ name: 'NODE_ENV', value: 'development' }],
      secrets: [],
    });
    expect(kept).toEqual({ templateBody: loadBaselineTemplate(), environment: [], secrets: [] });
  });

  test('only the strapi container gains the settings; db-bootstrap and the placeholder do not', () => {
    const kept = keepRunningSettings(loadBaselineTemplate(), {
      environment: [{ name: 'PUBLIC_URL', value: 'https://cms.example.com' }],
      secrets: [
        { name: 'SMTP_PASSWORD', valueFrom: 'arn:aws:secretsmanager:ap-south-1:123456789012:secret:s' },
      ],
    });
    const template = parseTemplate(kept.templateBody);
    const text = (id: string) => JSON.stringify(template.Resources[id]);
    expect(text('PlaceholderTaskDefinition')).not.toMatch(/PUBLIC_URL|SMTP_PASSWORD/);
    const bootstrap = (
      template.Resources.TaskDefinition!.Properties!.ContainerDefinitions as Record<string, Json>[]
    ).find((c) => c.Name === 'db-bootstrap');
    expect(JSON.stringify(bootstrap)).not.toMatch(/PUBLIC_URL|SMTP_PASSWORD/);
    expect(kept).toMatchObject({ environment: ['PUBLIC_URL'], secrets: ['SMTP_PASSWORD'] });
  });

  test('a template without the markers is an error, not a silent drop', () => {
    expect(() =>
      keepRunningSettings('Resources: {}\n', { environment: [{ name: 'A', value: 'b' }], secrets: [] }),
    ).toThrow('The template has no "# strapi-deploy:kept-environment" line.');
  });
});
