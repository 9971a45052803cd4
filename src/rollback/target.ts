import { ConfigurationError } from '../core/errors';
import { parseTaskDefinitionArn } from '../ecs/names';

/** What the `to` input asks for, classified once so resolution is a plain switch. */
export type TargetSpec =
  | { kind: 'previous' }
  | { kind: 'revision'; revision: number }
  /** `strapi:7`, as the console and every ECS tool print a revision (an image `repo:7` if the family differs). */
  | { kind: 'family-revision'; family: string; revision: number; text: string }
  | { kind: 'arn'; arn: string; family: string; revision: number }
  /** 7 to 40 hex digits (all-digit ones included): a commit. If no release has that SHA, it is tried as an image tag too. */
  | { kind: 'git-sha'; sha: string }
  | { kind: 'image'; image: string };

export function parseTargetSpec(to: string): TargetSpec {
  const value = to.trim();
  if (value === '' || value.toLowerCase() === 'previous') return { kind: 'previous' };
  // Up to 6 digits is a revision; 7 or more is a (short) commit SHA that happens to be all digits.
  if (/^\d{1,6}$/.test(value)) {
    const revision = Number(value);
    if (revision < 1) throw new ConfigurationError(`: revision numbers start at 1, got ${value}.`, 'to');
    return { kind: 'revision', revision };
  }
  if (value.startsWith('arn:')) {
    const parsed = value.includes(':task-definition/') ? parseTaskDefinitionArn(value) : undefined;
    if (!parsed) {
      throw new ConfigurationError(
        `: "${value}" is not a task definition ARN (arn:aws:ecs:<region>:<account>:task-definition/<family>:<revision>).`,
        'to',
      );
    }
    return { kind: 'arn', arn: value, ...parsed };
  }
  if (/^[0-9a-f]{7,40}$/i.test(value)) return { kind: 'git-sha', sha: value.toLowerCase() };
  const familyRevision = /^([A-Za-z0-9_-]{1,255}):(\d{1,6})$/.exec(value);
  if (familyRevision) {
    return {
      kind: 'family-revision',
      family: familyRevision[1] as string,
      revision: Number(familyRevision[2]),
      text: value,
    };
  }
  return { kind: 'image', image: value };
}

export function describeSpec(spec: TargetSpec): string {
  switch (spec.kind) {
    case 'previous':
      return 'the previous release';
    case 'revision':
      return `revision ${spec.revision}`;
    case 'family-revision':
      return spec.text;
    case 'arn':
      return spec.arn;
    case 'git-sha':
      return `git SHA ${spec.sha}`;
    case 'image':
      return `image ${spec.image}`;
  }
}

/**
 * Does `image` (a full reference from a task definition) match what the user typed: a tag (`v1.4.2`),
 * a digest (`sha256:…`), or a whole reference (`repo:tag`, `registry/repo@sha256:…`)?
 */
export function imageMatches(image: string | undefined, wanted: string): boolean {
  if (!image) return false;
  if (image === wanted) return true;
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const withoutDigest = at >= 0 ? image.slice(0, at) : image;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  const tag = colon > lastSlash ? withoutDigest.slice(colon + 1) : undefined;
  if (wanted.startsWith('sha256:')) return digest === wanted;
  if (wanted.includes('/') || wanted.includes(':') || wanted.includes('@')) {
    // A reference without registry matches the end of the full one: `strapi:v3` ~ `1234.dkr.ecr…/strapi:v3`.
    return withoutDigest === wanted || withoutDigest.endsWith(`/${wanted}`) || image.endsWith(`/${wanted}`);
  }
  return tag === wanted;
}
