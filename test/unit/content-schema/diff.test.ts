import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  decodeSchemaLabel,
  describeLoss,
  diffContentSchemas,
  encodeSchemaLabel,
  losesContent,
  readAppContentSchema,
  type ContentSchema,
} from '../../../src/content-schema';

// Written by hand, in the shape of the starter's schemas (examples/strapi-app/src/api/*/content-types).
const ARTICLE = {
  title: { type: 'string', required: true },
  body: { type: 'richtext' },
  author: { type: 'relation', relation: 'manyToOne', target: 'api::author.author' },
  seo: { type: 'component', component: 'shared.seo' },
};
const AUTHOR = { name: { type: 'string' } };
const SEO = { metaTitle: { type: 'string' } };

function schema(
  article: Record<string, unknown> | undefined = ARTICLE,
  extra: { author?: boolean; seo?: boolean; types?: Record<string, Record<string, unknown>> } = {},
): ContentSchema {
  const contentTypes: ContentSchema['contentTypes'] = {};
  if (article) contentTypes['api::article.article'] = { attributes: article as never };
  if (extra.author !== false) contentTypes['api::author.author'] = { attributes: AUTHOR as never };
  for (const [uid, attributes] of Object.entries(extra.types ?? {}))
    contentTypes[uid] = { attributes: attributes as never };
  return {
    contentTypes,
    components: extra.seo === false ? {} : { 'shared.seo': { attributes: SEO as never } },
  };
}

/** The article without some attributes. */
function without(...names: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(ARTICLE).filter(([name]) => !names.includes(name)));
}
const withoutBody = without('body');
const withoutAuthor = without('author');
const withoutTitle = without('title');

describe('diffContentSchemas', () => {
  test.each<[string, ContentSchema | undefined, ContentSchema | undefined, string, string[], string[]]>([
    ['the same schema', schema(), schema(), 'unchanged', [], []],
    [
      'a new attribute',
      schema(),
      schema({ ...ARTICLE, subtitle: { type: 'string' } }),
      'additive',
      ['api::article.article.subtitle (string)'],
      [],
    ],
    [
      'a new content type',
      schema(),
      schema(ARTICLE, { types: { 'api::tag.tag': { label: { type: 'string' } } } }),
      'additive',
      ['content type api::tag.tag (1 attribute)'],
      [],
    ],
    [
      'validation only (required, maxLength) changes no column',
      schema(),
      schema({ ...ARTICLE, title: { type: 'string', required: false, maxLength: 80 } }),
      'unchanged',
      [],
      [],
    ],
    [
      'an attribute removed',
      schema(),
      schema(withoutBody),
      'destructive',
      [],
      ['attribute api::article.article.body (richtext) removed'],
    ],
    [
      'a relation removed',
      schema(),
      schema(withoutAuthor),
      'destructive',
      [],
      ['relation api::article.article.author (relation manyToOne api::author.author) removed'],
    ],
    [
      'a type changed',
      schema(),
      schema({ ...ARTICLE, body: { type: 'text' } }),
      'destructive',
      [],
      ['attribute api::article.article.body (richtext) changes to text'],
    ],
    [
      'a content type removed',
      schema(),
      schema(ARTICLE, { author: false }),
      'destructive',
      [],
      ['content type api::author.author (1 attribute) removed'],
    ],
    [
      'a component removed',
      schema(),
      schema(ARTICLE, { seo: false }),
      'destructive',
      [],
      ['component shared.seo (1 attribute) removed'],
    ],
    [
      'drop + add of the same type: a rename',
      schema(),
      schema({ ...withoutTitle, headline: { type: 'string' } }),
      'renaming',
      [],
      [
        'attribute api::article.article.title (string) removed: looks like a rename of api::article.article.title to api::article.article.headline; Strapi does not move its content',
      ],
    ],
    [
      'drop + add of another type is not a rename',
      schema(),
      schema({ ...withoutTitle, headline: { type: 'text' } }),
      'destructive',
      ['api::article.article.headline (text)'],
      ['attribute api::article.article.title (string) removed'],
    ],
    [
      'a rename and a removal: destructive',
      schema(),
      schema({ ...withoutTitle, headline: { type: 'string' }, body: undefined } as never),
      'destructive',
      [],
      [
        'attribute api::article.article.body (richtext) removed',
        'attribute api::article.article.title (string) removed: looks like a rename of api::article.article.title to api::article.article.headline; Strapi does not move its content',
      ],
    ],
    ['no running schema', undefined, schema(), 'unknown', [], []],
    ['no new schema', schema(), undefined, 'unknown', [], []],
  ])('%s', (_name, before, after, kind, added, losses) => {
    // Both sides go through the label, as deploy reads them.
    const read = (s: ContentSchema | undefined) => (s ? decodeSchemaLabel(encodeSchemaLabel(s)) : undefined);
    const change = diffContentSchemas(read(before), read(after));
    expect(change.kind).toBe(kind);
    expect(change.added).toEqual(added);
    expect(change.losses.map(describeLoss).sort()).toEqual([...losses].sort());
    expect(losesContent(change)).toBe(kind === 'destructive' || kind === 'renaming');
  });
});

describe('the content-schema label', () => {
  test.each([
    ['not base64 gzip', 'hello'],
    ['gzip of something else', Buffer.from('x').toString('base64')],
    ['empty', ''],
  ])('a label that is %s reads as no schema', (_name, value) => {
    expect(decodeSchemaLabel(value)).toBeUndefined();
  });

  test('the starter app is read with the uids Strapi gives, and fits a label many times over', () => {
    const read = readAppContentSchema(path.join(__dirname, '../../../examples/strapi-app'));
    expect(Object.keys(read?.contentTypes ?? {})).toEqual([
      'api::article.article',
      'api::author.author',
      'api::category.category',
    ]);
    expect(read?.contentTypes['api::article.article']?.attributes.author).toEqual({
      type: 'relation',
      relation: 'manyToOne',
      target: 'api::author.author',
    });
    expect(encodeSchemaLabel(read as ContentSchema).length).toBeLessThan(2_000);
  });

  test('components are read from src/components/<category>/<name>.json; a folder without types is no app', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-app-'));
    expect(readAppContentSchema(dir)).toBeUndefined();
    fs.mkdirSync(path.join(dir, 'src/components/shared'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'src/components/shared/seo.json'),
      JSON.stringify({ attributes: { metaTitle: { type: 'string' } } }),
    );
    expect(readAppContentSchema(dir)?.components).toEqual({
      'shared.seo': { attributes: { metaTitle: { type: 'string' } } },
    });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
