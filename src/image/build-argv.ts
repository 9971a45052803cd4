import { CACHE_TAG } from './ecr';

/** Everything a build needs, resolved: paths exist, tags are full image references. */
export interface BuildPlan {
  context: string;
  dockerfile: string;
  /** Full references, `repo-uri:tag`, the commit SHA tag first. */
  imageRefs: string[];
  buildArgs: Record<string, string>;
  platform: string;
  network?: string | undefined;
  /** Image labels (`--label key=value`), e.g. the app's content schema. */
  labels?: Record<string, string> | undefined;
  /** buildx only: attach provenance attestations (off by default; they turn the digest into an index). */
  provenance: boolean;
  /** buildx only: the registry cache image, `repo-uri:buildcache`; undefined disables the cache. */
  cacheRef?: string | undefined;
  /** buildx only: where buildx writes the pushed digest. */
  metadataFile?: string | undefined;
}

function commonFlags(plan: BuildPlan): string[] {
  const args = ['--platform', plan.platform, '--file', plan.dockerfile];
  for (const ref of plan.imageRefs) args.push('--tag', ref);
  for (const [key, value] of Object.entries(plan.buildArgs)) args.push('--build-arg', `${key}=${value}`);
  if (plan.network) args.push('--network', plan.network);
  for (const [key, value] of Object.entries(plan.labels ?? {})) args.push('--label', `${key}=${value}`);
  return args;
}

/** `docker buildx build ... --push`: build and push in one go, digest in the metadata file. */
export function buildxBuildArgv(plan: BuildPlan): string[] {
  const args = ['buildx', 'build', '--progress=plain', ...commonFlags(plan)];
  args.push(`--provenance=${plan.provenance}`);
  if (plan.cacheRef) {
    args.push('--cache-from', `type=registry,ref=${plan.cacheRef}`);
    // ignore-error: a cache that cannot be written must not fail a build that succeeded.
    args.push(
      '--cache-to',
      `type=registry,ref=${plan.cacheRef},mode=max,image-manifest=true,oci-mediatypes=true,ignore-error=true`,
    );
  }
  if (plan.metadataFile) args.push('--metadata-file', plan.metadataFile);
  args.push('--push', plan.context);
  return args;
}

/** The classic builder (no buildx): build locally, then `docker push` each tag. */
export function dockerBuildArgv(plan: BuildPlan): string[] {
  return ['build', ...commonFlags(plan), plan.context];
}

export function dockerPushArgv(imageRef: string): string[] {
  return ['push', imageRef];
}

export function cacheRefFor(repositoryUri: string): string {
  return `${repositoryUri}:${CACHE_TAG}`;
}

const DIGEST = /sha256:[a-f0-9]{64}/;

/** `docker push` ends with `<tag>: digest: sha256:... size: N`. */
export function digestFromPushOutput(output: string): string | undefined {
  return /digest: (sha256:[a-f0-9]{64})/.exec(output)?.[1];
}

/** buildx `--metadata-file` JSON: `containerimage.digest`. */
export function digestFromMetadata(json: string): string | undefined {
  try {
    const value = (JSON.parse(json) as Record<string, unknown>)['containerimage.digest'];
    return typeof value === 'string' && DIGEST.test(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export interface CacheUse {
  cachedSteps: number;
  totalSteps: number;
}

/**
 * How many build steps came from cache, read from the build log: the classic builder prints
 * `Step 3/7 : ...` and ` ---> Using cache`, BuildKit's plain progress `#7 [2/5] RUN ...` and `#7 CACHED`.
 */
export function cacheUseFromLog(log: string): CacheUse | undefined {
  const classicSteps = log.match(/^Step \d+\/\d+ : (?!FROM )/gm)?.length ?? 0;
  if (classicSteps > 0) {
    return { cachedSteps: log.match(/^ ---> Using cache$/gm)?.length ?? 0, totalSteps: classicSteps };
  }
  const steps = new Set<string>();
  const cached = new Set<string>();
  for (const line of log.split(/\r?\n/)) {
    const step = /^#(\d+) \[[^\]]*\d+\/\d+\] (?!FROM )/.exec(line);
    if (step?.[1]) steps.add(step[1]);
    const hit = /^#(\d+) CACHED$/.exec(line);
    if (hit?.[1]) cached.add(hit[1]);
  }
  if (steps.size === 0) return undefined;
  return { cachedSteps: [...cached].filter((id) => steps.has(id)).length, totalSteps: steps.size };
}
