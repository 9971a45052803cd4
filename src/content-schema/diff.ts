import { describeAttribute, type ContentSchema, type SchemaAttribute, type SchemaOwner } from './schema';

/**
 * What a release does to the content, worst first:
 * - `destructive`: an attribute, relation, component or content type is removed, or an attribute's type
 *   changes: Strapi drops or rewrites the column or table at boot, and rolling back does not bring it back;
 * - `renaming`: every removal has an addition of the same type beside it, which looks like a rename. Strapi
 *   sees a drop and an add, so the old column's content is not moved: it stops a deploy like a removal;
 * - `additive`: only new attributes, content types or components;
 * - `unchanged`: the same schema;
 * - `unknown`: one side has no schema to compare (an image without the label).
 */
export type SchemaChangeKind = 'unchanged' | 'additive' | 'renaming' | 'destructive' | 'unknown';

/** One thing the new release removes or changes: `api::article.article.title`, of type `string`. */
export interface SchemaLoss {
  /** `content type`, `component`, `attribute` or `relation`. */
  what: 'content type' | 'component' | 'attribute' | 'relation';
  /** `api::article.article` for a type, `api::article.article.title` for an attribute. */
  path: string;
  /** What it was (`string`, `relation manyToOne api::author.author`, `3 attributes`). */
  type: string;
  /** For a type change, what it becomes. */
  becomes?: string;
  /** When an addition of the same type sits beside it: the name it looks renamed to. */
  renamedTo?: string;
}

export interface SchemaChange {
  kind: SchemaChangeKind;
  /** What is added (`api::article.article.subtitle (string)`), for the summary. */
  added: string[];
  /** What would be lost, renames included. */
  losses: SchemaLoss[];
  /** Why it is unknown, when it is. */
  unknownReason?: string;
}

const sameAttribute = (a: SchemaAttribute, b: SchemaAttribute): boolean =>
  describeAttribute(a) === describeAttribute(b);

const sameOwner = (a: SchemaOwner, b: SchemaOwner): boolean =>
  JSON.stringify(a.attributes) === JSON.stringify(b.attributes);

function countAttributes(owner: SchemaOwner): string {
  const n = Object.keys(owner.attributes).length;
  return `${n} attribute${n === 1 ? '' : 's'}`;
}

/** Losses and additions inside one content type or component that exists on both sides. */
function diffOwner(uid: string, before: SchemaOwner, after: SchemaOwner, added: string[]): SchemaLoss[] {
  const losses: SchemaLoss[] = [];
  const removed: [string, SchemaAttribute][] = [];
  const fresh: [string, SchemaAttribute][] = [];
  for (const [name, attribute] of Object.entries(before.attributes)) {
    const now = after.attributes[name];
    if (!now) removed.push([name, attribute]);
    else if (!sameAttribute(attribute, now)) {
      losses.push({
        what: 'attribute',
        path: `${uid}.${name}`,
        type: describeAttribute(attribute),
        becomes: describeAttribute(now),
      });
    }
  }
  for (const [name, attribute] of Object.entries(after.attributes)) {
    if (!before.attributes[name]) fresh.push([name, attribute]);
  }
  for (const [name, attribute] of removed) {
    // Pair each removal with the first unpaired addition of the same type: a rename, as Strapi cannot tell.
    const pair = fresh.findIndex(([, candidate]) => sameAttribute(attribute, candidate));
    const renamedTo = pair >= 0 ? fresh.splice(pair, 1)[0]?.[0] : undefined;
    losses.push({
      what: attribute.type === 'relation' ? 'relation' : 'attribute',
      path: `${uid}.${name}`,
      type: describeAttribute(attribute),
      ...(renamedTo ? { renamedTo: `${uid}.${renamedTo}` } : {}),
    });
  }
  for (const [name, attribute] of fresh) added.push(`${uid}.${name} (${describeAttribute(attribute)})`);
  return losses;
}

function diffOwners(
  what: 'content type' | 'component',
  before: Record<string, SchemaOwner>,
  after: Record<string, SchemaOwner>,
  added: string[],
): SchemaLoss[] {
  const losses: SchemaLoss[] = [];
  const freshUids = Object.keys(after).filter((uid) => !before[uid]);
  for (const [uid, owner] of Object.entries(before)) {
    const now = after[uid];
    if (now) {
      losses.push(...diffOwner(uid, owner, now, added));
      continue;
    }
    const pair = freshUids.findIndex((candidate) => sameOwner(owner, after[candidate] as SchemaOwner));
    const renamedTo = pair >= 0 ? freshUids.splice(pair, 1)[0] : undefined;
    losses.push({ what, path: uid, type: countAttributes(owner), ...(renamedTo ? { renamedTo } : {}) });
  }
  for (const uid of freshUids) added.push(`${what} ${uid} (${countAttributes(after[uid] as SchemaOwner)})`);
  return losses;
}

/** Compares the schema that runs with the one being deployed. Pure. */
export function diffContentSchemas(
  running: ContentSchema | undefined,
  next: ContentSchema | undefined,
  unknownReason = 'no content schema to compare',
): SchemaChange {
  if (!running || !next) return { kind: 'unknown', added: [], losses: [], unknownReason };
  const added: string[] = [];
  const losses = [
    ...diffOwners('content type', running.contentTypes, next.contentTypes, added),
    ...diffOwners('component', running.components, next.components, added),
  ];
  const kind: SchemaChangeKind = losses.some((loss) => !loss.renamedTo)
    ? 'destructive'
    : losses.length
      ? 'renaming'
      : added.length
        ? 'additive'
        : 'unchanged';
  return { kind, added, losses };
}

/** Whether this change stops a deploy unless `allow-destructive-schema` is true. */
export function losesContent(change: SchemaChange): boolean {
  return change.kind === 'destructive' || change.kind === 'renaming';
}

/** One line per loss, as the error and the summary list them. */
export function describeLoss(loss: SchemaLoss): string {
  const head = `${loss.what} ${loss.path} (${loss.type})`;
  if (loss.becomes) return `${head} changes to ${loss.becomes}`;
  if (loss.renamedTo)
    return `${head} removed: looks like a rename of ${loss.path} to ${loss.renamedTo}; Strapi does not move its content`;
  return `${head} removed`;
}
