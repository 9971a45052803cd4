import {
  expectedDocs,
  renderAction,
  replaceBetweenMarkers,
  START_MARKER,
  END_MARKER,
} from '../../../scripts/render-action-docs';
import { ROOT } from './repo-files';

describe('docs/actions.md', () => {
  test('matches the action.yml files (run `npm run docs` after changing one)', () => {
    const { current, expected } = expectedDocs(ROOT);
    expect(current).toBe(expected);
  });
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
