import { diffContentSchemas, type ContentSchema } from '../../../src/content-schema';
import type { ReleaseResult } from '../../../src/use-cases/release-result';
import { renderSchemaSection } from '../../../src/use-cases/schema-summary';

// Written by hand: two attributes of one content type, in the canonical form the label holds.
const schema = (attributes: Record<string, { type: string }>): ContentSchema => ({
  contentTypes: { 'api::article.article': { attributes } },
  components: {},
});
const BEFORE = schema({ title: { type: 'string' }, body: { type: 'richtext' } });

const result = (extra: Partial<ReleaseResult>): ReleaseResult => ({
  kind: 'deploy',
  verdict: 'succeeded',
  reason: '',
  cluster: 'c',
  service: 's',
  region: 'eu-west-1',
  from: { taskDefinitionArn: '', revision: '' },
  to: { taskDefinitionArn: '', revision: '' },
  notes: [],
  ...extra,
});

describe('the summary’s content-schema section', () => {
  test.each<[string, Partial<ReleaseResult>, string[]]>([
    ['no check (a rollback without snapshots): nothing', {}, []],
    [
      'unchanged: the word alone',
      { contentSchema: diffContentSchemas(BEFORE, BEFORE) },
      ['### Content schema', '', '**unchanged**', ''],
    ],
    [
      'additive: what is added',
      {
        contentSchema: diffContentSchemas(
          BEFORE,
          schema({
            ...BEFORE.contentTypes['api::article.article']!.attributes,
            lead: { type: 'text' },
          } as never),
        ),
      },
      [
        '### Content schema',
        '',
        '**additive: only new fields or types**',
        '',
        '- ➕ api::article.article.lead (text)',
        '',
      ],
    ],
    [
      'renaming, and the snapshot taken before it',
      {
        contentSchema: diffContentSchemas(
          BEFORE,
          schema({ headline: { type: 'string' }, body: { type: 'richtext' } }),
        ),
        snapshot: { snapshotId: 'strapi-deploy-s-1', dbInstance: 'db', seconds: 95 },
      },
      [
        '### Content schema',
        '',
        '**renaming: fields dropped and added with the same type (Strapi does not move their content)**',
        '',
        '- ⚠️ attribute api::article.article.title (string) removed: looks like a rename of api::article.article.title to api::article.article.headline; Strapi does not move its content',
        '',
        'Database snapshot before the rollout: `strapi-deploy-s-1` of `db` (available after 95 s).',
        '',
      ],
    ],
    [
      'unknown: why',
      { contentSchema: diffContentSchemas(BEFORE, undefined, 'new release: x has no label') },
      ['### Content schema', '', '**unknown**: new release: x has no label', ''],
    ],
  ])('%s', (_name, extra, lines) => {
    expect(renderSchemaSection(result(extra))).toEqual(lines);
  });
});
