import type { ECRClient, ImageIdentifier } from '@aws-sdk/client-ecr';

/**
 * An ECR image's labels, read through the ECR API rather than a docker pull: BatchGetImage gives the
 * manifest (an index or list picks the linux/amd64 image, as build-push builds), GetDownloadUrlForLayer
 * a short-lived URL of its config blob, whose `config.Labels` are what `docker build --label` wrote.
 * Two or three small requests, no layer, and only the pull permissions a deploy role already has
 * (ecr:BatchGetImage, ecr:GetDownloadUrlForLayer); the ECR endpoint is the SDK's, so local stand-ins
 * (AWS_ENDPOINT_URL_ECR) serve it too.
 */

const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
];

/** `<account>.dkr.ecr.<region>.amazonaws.com/<repository>`: where an ECR image lives. */
export interface EcrImage {
  registryId?: string | undefined;
  repository: string;
  tag?: string | undefined;
  digest?: string | undefined;
}

/** Something ECR said that makes the labels unreadable, worded for a warning. */
export class ImageLabelsError extends Error {
  override readonly name = 'ImageLabelsError';
}

interface Descriptor {
  digest?: string;
  platform?: { os?: string; architecture?: string };
}

/** The image manifest for the platform build-push targets, or the first real image of an index. */
function pickFromIndex(manifests: readonly Descriptor[]): string | undefined {
  // Attestation manifests (buildx provenance) carry platform unknown/unknown.
  const images = manifests.filter((m) => m.platform?.os !== 'unknown');
  const amd64 = images.find((m) => m.platform?.os === 'linux' && m.platform.architecture === 'amd64');
  return (amd64 ?? images[0])?.digest;
}

/** The SDK module, loaded on first use: a bundle's start does not evaluate it (cold start). */
const ecrModule = () => import('@aws-sdk/client-ecr');

async function manifestOf(
  ecr: ECRClient,
  image: EcrImage,
  id: ImageIdentifier,
): Promise<Record<string, unknown>> {
  const { BatchGetImageCommand } = await ecrModule();
  const answer = await ecr.send(
    new BatchGetImageCommand({
      ...(image.registryId ? { registryId: image.registryId } : {}),
      repositoryName: image.repository,
      imageIds: [id],
      acceptedMediaTypes: MANIFEST_TYPES,
    }),
  );
  const manifest = answer.images?.[0]?.imageManifest;
  if (!manifest) {
    const failure = answer.failures?.[0];
    throw new ImageLabelsError(
      `ECR has no such image (${failure?.failureCode ?? 'no manifest'}${failure?.failureReason ? `: ${failure.failureReason}` : ''})`,
    );
  }
  return JSON.parse(manifest) as Record<string, unknown>;
}

export async function readEcrImageLabels(
  ecr: ECRClient,
  image: EcrImage,
  fetchUrl: typeof fetch = fetch,
): Promise<Record<string, string>> {
  const id: ImageIdentifier = image.digest
    ? { imageDigest: image.digest }
    : { imageTag: image.tag ?? 'latest' };
  let manifest = await manifestOf(ecr, image, id);
  if (Array.isArray(manifest.manifests)) {
    const digest = pickFromIndex(manifest.manifests as Descriptor[]);
    if (!digest) throw new ImageLabelsError('the image index lists no image manifest');
    manifest = await manifestOf(ecr, image, { imageDigest: digest });
  }
  const config = (manifest.config ?? {}) as Descriptor;
  if (!config.digest) throw new ImageLabelsError('the manifest names no config blob');
  const { GetDownloadUrlForLayerCommand } = await ecrModule();
  const { downloadUrl } = await ecr.send(
    new GetDownloadUrlForLayerCommand({
      ...(image.registryId ? { registryId: image.registryId } : {}),
      repositoryName: image.repository,
      layerDigest: config.digest,
    }),
  );
  if (!downloadUrl) throw new ImageLabelsError('ECR gave no download URL for the config blob');
  const response = await fetchUrl(downloadUrl);
  if (!response.ok) throw new ImageLabelsError(`the config blob download answered HTTP ${response.status}`);
  const blob = (await response.json()) as { config?: { Labels?: unknown } };
  const labels = blob.config?.Labels;
  if (!labels || typeof labels !== 'object') return {};
  return Object.fromEntries(
    Object.entries(labels as Record<string, unknown>).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}
