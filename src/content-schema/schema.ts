/**
 * The part of a Strapi app's content-type schemas that decides what its database holds: for each content
 * type (`api::article.article`) and component (`shared.seo`), its attributes and what each one is. Strapi
 * syncs the database to these at boot, so comparing two releases' schemas tells what a release does to
 * the data. Labels, descriptions and validation (`required`, `maxLength`) are left out: they change no
 * column or table.
 */
export interface ContentSchema {
  contentTypes: Record<string, SchemaOwner>;
  components: Record<string, SchemaOwner>;
}

export interface SchemaOwner {
  attributes: Record<string, SchemaAttribute>;
}

export interface SchemaAttribute {
  type: string;
  /** Relations: `oneToMany`, `manyToOne`, … and the content type they point at. */
  relation?: string;
  target?: string;
  /** Components: which one, and whether it repeats; dynamic zones: the components allowed. */
  component?: string;
  repeatable?: boolean;
  components?: string[];
  /** Media: one file or many (a different join). */
  multiple?: boolean;
}

/** How an attribute's storage reads in a list of what changes: `string`, `relation manyToOne api::author.author`. */
export function describeAttribute(attribute: SchemaAttribute): string {
  switch (attribute.type) {
    case 'relation':
      return `relation ${attribute.relation ?? '?'} ${attribute.target ?? '?'}`.trim();
    case 'component':
      return `component ${attribute.component ?? '?'}${attribute.repeatable ? ' (repeatable)' : ''}`;
    case 'dynamiczone':
      return `dynamiczone ${(attribute.components ?? []).join(', ')}`.trim();
    case 'media':
      return attribute.multiple ? 'media (multiple)' : 'media';
    default:
      return attribute.type;
  }
}

/** Only the storage-deciding fields, in a fixed order: two equal schemas give equal JSON. */
export function canonicalAttribute(raw: unknown): SchemaAttribute | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const value = raw as Record<string, unknown>;
  if (typeof value.type !== 'string' || !value.type) return undefined;
  const attribute: SchemaAttribute = { type: value.type };
  if (typeof value.relation === 'string') attribute.relation = value.relation;
  if (typeof value.target === 'string') attribute.target = value.target;
  if (typeof value.component === 'string') attribute.component = value.component;
  if (value.repeatable === true) attribute.repeatable = true;
  if (Array.isArray(value.components)) {
    attribute.components = value.components.filter((c): c is string => typeof c === 'string').sort();
  }
  if (value.multiple === true) attribute.multiple = true;
  return attribute;
}

/** An owner's attributes with keys sorted and each attribute canonical; attributes without a type are dropped. */
export function canonicalOwner(raw: unknown): SchemaOwner {
  const attributes: Record<string, SchemaAttribute> = {};
  const source = raw && typeof raw === 'object' ? (raw as { attributes?: unknown }).attributes : undefined;
  if (source && typeof source === 'object') {
    for (const name of Object.keys(source).sort()) {
      const attribute = canonicalAttribute((source as Record<string, unknown>)[name]);
      if (attribute) attributes[name] = attribute;
    }
  }
  return { attributes };
}

/** The schema with every map sorted by key, so it serialises the same way every time. */
export function canonicalSchema(schema: ContentSchema): ContentSchema {
  const sorted = (owners: Record<string, SchemaOwner>): Record<string, SchemaOwner> =>
    Object.fromEntries(
      Object.keys(owners)
        .sort()
        .map((uid) => [uid, canonicalOwner(owners[uid])]),
    );
  return { contentTypes: sorted(schema.contentTypes), components: sorted(schema.components) };
}

/** Whether a value read from outside (a label) has the shape of a ContentSchema. */
export function isContentSchema(value: unknown): value is ContentSchema {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    !!v.contentTypes &&
    typeof v.contentTypes === 'object' &&
    !!v.components &&
    typeof v.components === 'object'
  );
}
