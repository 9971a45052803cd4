import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  expectedDocs,
  renderAction,
  renderWorkflow,
  replaceBetweenMarkers,
  START_MARKER,
  END_MARKER,
} from '../../../scripts/render-action-docs';
import { renderRootAction, type RootActionStage } from '../../../scripts/render-root-action';
import { ROOT } from './repo-files';

describe('generated reference tables', () => {
  test.each(['action.yml', 'README.md', 'docs/workflows.md'])(
    '%s matches the YAML it is generated from (run `npm run docs` after changing an action.yml or workflow)',
    (file) => {
      const doc = expectedDocs(ROOT).find((d) => d.file === file);
      // Without this, a file the generator stopped covering would compare undefined with undefined.
      expect(doc).toBeDefined();
      expect(doc?.current).toBe(doc?.expected);
    },
  );
});

describe('render-action-docs', () => {
  test('renders inputs and outputs as tables, one line per cell', () => {
    const markdown = renderAction({
      dir: 'actions/rollback',
      metadata: {
        name: 'Roll back',
        description: 'Puts the service\nback.',
        inputs: {
          cluster: { description: 'ECS cluster | name or ARN.', required: true },
          to: { description: 'Target.', default: 'previous' },
          token: { description: 'Token.', default: '${{ github.token }}' },
        },
        outputs: { 'resolved-by': { description: 'Where the target was found.' } },
      },
    });
    expect(markdown).toBe(
      [
        '### Roll back',
        '',
        '`uses: org/strapi-deploy/actions/rollback@v1`',
        '',
        'Puts the service back.',
        '',
        '| Input | Required | Default | Description |',
        '| --- | --- | --- | --- |',
        '| `cluster` | yes |  | ECS cluster \\| name or ARN. |',
        '| `to` | no | `previous` | Target. |',
        '| `token` | no | `${{ github.token }}` | Token. |',
        '',
        '| Output | Description |',
        '| --- | --- |',
        '| `resolved-by` | Where the target was found. |',
        '',
      ].join('\n'),
    );
  });

  test('renders a reusable workflow: inputs with types, secrets, outputs', () => {
    const markdown = renderWorkflow({
      path: '.github/workflows/rollback.yml',
      name: 'Rollback (reusable)',
      call: {
        inputs: { 'dry-run': { type: 'boolean', default: false, description: 'Only say.' } },
        secrets: { AWS_ROLE_TO_ASSUME: { required: false, description: 'Role.' } },
        outputs: { 'resolved-by': { description: 'Where.' } },
      },
    });
    expect(markdown.split('\n')).toEqual([
      '### Rollback (reusable)',
      '',
      '`uses: org/strapi-deploy/.github/workflows/rollback.yml@v1`',
      '',
      '| Input | Type | Required | Default | Description |',
      '| --- | --- | --- | --- | --- |',
      '| `dry-run` | boolean | no | `false` | Only say. |',
      '',
      '| Secret | Required | Description |',
      '| --- | --- | --- |',
      '| `AWS_ROLE_TO_ASSUME` | no | Role. |',
      '',
      '| Output | Description |',
      '| --- | --- |',
      '| `resolved-by` | Where. |',
      '',
    ]);
  });

  test('replaces only what lies between the markers', () => {
    const doc = `# Title\n\n${START_MARKER}\nold\n${END_MARKER}\n\nAfter.\n`;
    expect(replaceBetweenMarkers(doc, 'new\n')).toBe(
      `# Title\n\n${START_MARKER}\n\nnew\n\n${END_MARKER}\n\nAfter.\n`,
    );
  });

  test('refuses a document without the markers', () => {
    expect(() => replaceBetweenMarkers('# Title\n', 'x')).toThrow(/markers were not found/);
  });
});

describe('render-root-action', () => {
  // Hand-written fixture: see test/fixtures/root-action/README.md.
  const FIXTURE = join(ROOT, 'test/fixtures/root-action');
  const BUILD: RootActionStage = { dir: 'actions/build', title: 'Build' };
  const DEPLOY: RootActionStage = {
    dir: 'actions/deploy',
    title: 'Deploy',
    leaveOut: { 'image-uri': 'the build stage makes it' },
  };
  const expected = readFileSync(join(FIXTURE, 'action.expected.yml'), 'utf8');

  test('writes the stages’ inputs and outputs into the root action.yml, keeping the rest as written', () => {
    expect(renderRootAction(FIXTURE, [BUILD, DEPLOY])).toBe(expected);
  });

  test('leaves out the inputs a stage lists, and only from the inputs', () => {
    const rendered = renderRootAction(FIXTURE, [BUILD, DEPLOY]);
    const [inputs, outputs] = rendered.split('\noutputs:\n');
    expect(inputs).not.toContain('image-uri:');
    expect(outputs).toContain('image-uri:');
  });

  test('rendering its own output changes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'root-action-'));
    try {
      cpSync(FIXTURE, dir, { recursive: true });
      writeFileSync(join(dir, 'action.yml'), expected);
      expect(renderRootAction(dir, [BUILD, DEPLOY])).toBe(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('fails, naming both files, when two stages declare one input differently', () => {
    const disagreeing: RootActionStage = { ...DEPLOY, dir: 'actions/deploy-disagreeing' };
    expect(() => renderRootAction(FIXTURE, [BUILD, disagreeing])).toThrow(
      /inputs\.job-summary is declared differently by actions\/build\/action\.yml .*"default":"true".* and actions\/deploy-disagreeing\/action\.yml .*"default":"false"/,
    );
  });
});
