import { ConfigurationError } from '../core/errors';

// The Docker reference grammar (distribution/reference): [host[:port]/]path[:tag][@digest].
const HOST = String.raw`(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?)`;
const COMPONENT = String.raw`[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*`;
const TAG = String.raw`[\w][\w.-]{0,127}`;
const DIGEST = String.raw`[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}`;
const REFERENCE = new RegExp(
  `^(?:(${HOST})/)?(${COMPONENT}(?:/${COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`,
);

export interface ImageReference {
  registry?: string | undefined;
  repository: string;
  tag?: string | undefined;
  digest?: string | undefined;
}

/**
 * Parses an image reference the way Docker does, so a typo fails before anything is registered.
 * A first path part counts as a registry only when it looks like a host (has a dot or port, or is localhost).
 */
export function parseImageUri(uri: string): ImageReference | undefined {
  const match = REFERENCE.exec(uri);
  if (!match) return undefined;
  let registry = match[1];
  let repository = match[2] ?? '';
  if (registry && !/[.:]|^localhost$/.test(registry)) {
    // "team/app": "team" is a path component, not a host; it must then obey the lower-case grammar.
    if (!new RegExp(`^${COMPONENT}$`).test(registry)) return undefined;
    repository = `${registry}/${repository}`;
    registry = undefined;
  }
  return { registry, repository, tag: match[3], digest: match[4] };
}

export function checkImageUri(uri: string, input = 'image-uri'): ImageReference {
  const parsed = parseImageUri(uri);
  if (!parsed) {
    throw new ConfigurationError(
      `: "${uri}" is not a valid image reference (expected registry/repository:tag or @sha256:digest).`,
      input,
    );
  }
  if (!parsed.tag && !parsed.digest) {
    throw new ConfigurationError(
      `: "${uri}" has no tag or digest; pin the image you built (…:tag or …@sha256:…).`,
      input,
    );
  }
  return parsed;
}
