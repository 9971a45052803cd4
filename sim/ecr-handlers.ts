import { createHash } from 'node:crypto';
import { AwsError } from './aws-error';
import { seconds } from './ecs-state';
import type { HandlerTable } from './server';

/* eslint-disable @typescript-eslint/no-explicit-any -- handler inputs are JSON already checked against the SDK schema */

export interface RegistryOptions {
  /** A real Docker registry, e.g. http://127.0.0.1:5000, where DescribeImages looks tags up live. */
  url: string;
  username: string;
  password: string;
}

export interface ImageRecord {
  digest: string;
  tags: string[];
  sizeInBytes: number;
  pushedAt: number;
  mediaType: string;
  /** Labels of an image put without a real registry: BatchGetImage serves a manifest and config made from them. */
  labels?: Record<string, string>;
}

export interface RepositoryRecord {
  name: string;
  arn: string;
  uri: string;
  createdAt: number;
  imageTagMutability: 'MUTABLE' | 'IMMUTABLE';
  scanOnPush: boolean;
  images: ImageRecord[];
}

const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
];

export class EcrState {
  readonly repositories = new Map<string, RepositoryRecord>();
  /** First time the live registry showed a digest: stands in for imagePushedAt. */
  private readonly firstSeen = new Map<string, number>();

  constructor(
    readonly region: string,
    readonly accountId: string,
    /** host[:port] that repository URIs start with. */
    readonly registryHost: string,
    readonly registry: RegistryOptions | undefined,
  ) {}

  createRepository(
    name: string,
    at: number,
    mutability: 'MUTABLE' | 'IMMUTABLE' = 'MUTABLE',
    scanOnPush = false,
  ): RepositoryRecord {
    const record: RepositoryRecord = {
      name,
      arn: `arn:aws:ecr:${this.region}:${this.accountId}:repository/${name}`,
      uri: `${this.registryHost}/${name}`,
      createdAt: at,
      imageTagMutability: mutability,
      scanOnPush,
      images: [],
    };
    this.repositories.set(name, record);
    return record;
  }

  /**
   * Whether pushing an existing tag again must be refused. A registry proxy in front of the
   * real Docker registry consults this to enforce ECR's IMMUTABLE tags.
   */
  isTagImmutable(repository: string): boolean {
    return this.repositories.get(repository)?.imageTagMutability === 'IMMUTABLE';
  }

  /** Records an image as pushed; creates the repository when needed. A tag moves to the new digest. */
  putImage(
    repository: string,
    tag: string,
    digest: string | undefined,
    sizeInBytes: number,
    at: number,
    labels?: Record<string, string>,
  ): ImageRecord {
    const repo = this.repositories.get(repository) ?? this.createRepository(repository, at);
    const imageDigest =
      digest ?? `sha256:${createHash('sha256').update(`${repository}:${tag}:${at}`).digest('hex')}`;
    for (const image of repo.images) image.tags = image.tags.filter((t) => t !== tag);
    let image = repo.images.find((i) => i.digest === imageDigest);
    if (!image) {
      image = {
        digest: imageDigest,
        tags: [],
        sizeInBytes,
        pushedAt: at,
        mediaType: MANIFEST_TYPES[1] ?? '',
      };
      repo.images.push(image);
    }
    image.tags.push(tag);
    if (labels) image.labels = labels;
    return image;
  }

  /** GET on the real registry (a manifest or a blob), with its basic auth; undefined on 404. */
  async fetchLive(
    path: string,
    accept: string,
  ): Promise<{ body: Buffer; mediaType: string; digest?: string } | undefined> {
    const registry = this.registry;
    if (!registry) return undefined;
    const headers: Record<string, string> = { accept };
    if (registry.username) {
      headers.authorization = `Basic ${Buffer.from(`${registry.username}:${registry.password}`).toString('base64')}`;
    }
    const response = await fetch(`${registry.url.replace(/\/$/, '')}/v2/${path}`, { headers });
    if (response.status === 404) return undefined;
    if (!response.ok)
      throw new AwsError('ServerException', `registry answered ${response.status} for ${path}`, 500);
    const digest = response.headers.get('docker-content-digest');
    return {
      body: Buffer.from(await response.arrayBuffer()),
      mediaType: response.headers.get('content-type') ?? '',
      ...(digest ? { digest } : {}),
    };
  }

  /** HEAD /v2/<repo>/manifests/<ref> on the real registry; undefined when it answers 404. */
  async lookupLive(repository: string, reference: string, at: number): Promise<ImageRecord | undefined> {
    const registry = this.registry;
    if (!registry) return undefined;
    const headers: Record<string, string> = { accept: MANIFEST_TYPES.join(', ') };
    if (registry.username) {
      headers.authorization = `Basic ${Buffer.from(`${registry.username}:${registry.password}`).toString('base64')}`;
    }
    const response = await fetch(
      `${registry.url.replace(/\/$/, '')}/v2/${repository}/manifests/${reference}`,
      { method: 'HEAD', headers },
    );
    if (response.status === 404) return undefined;
    if (!response.ok)
      throw new AwsError(
        'ServerException',
        `registry answered ${response.status} for ${repository}:${reference}`,
        500,
      );
    const digest = response.headers.get('docker-content-digest') ?? reference;
    const key = `${repository}@${digest}`;
    if (!this.firstSeen.has(key)) this.firstSeen.set(key, at);
    return {
      digest,
      tags: reference.startsWith('sha256:') ? [] : [reference],
      sizeInBytes: Number(response.headers.get('content-length') ?? 0),
      pushedAt: this.firstSeen.get(key) ?? at,
      mediaType: response.headers.get('content-type') ?? MANIFEST_TYPES[1] ?? '',
    };
  }
}

export function ecrHandlers(state: EcrState, now: () => number, authorizationPassword: string): HandlerTable {
  const repository = (name: string): RepositoryRecord => {
    const found = state.repositories.get(name);
    if (!found) {
      throw new AwsError(
        'RepositoryNotFoundException',
        `The repository with name '${name}' does not exist in the registry with id '${state.accountId}'`,
      );
    }
    return found;
  };
  const renderRepository = (r: RepositoryRecord): Record<string, unknown> => ({
    repositoryArn: r.arn,
    registryId: state.accountId,
    repositoryName: r.name,
    repositoryUri: r.uri,
    createdAt: seconds(r.createdAt),
    imageTagMutability: r.imageTagMutability,
    imageScanningConfiguration: { scanOnPush: r.scanOnPush },
    encryptionConfiguration: { encryptionType: 'AES256' },
  });
  const renderImage = (repo: RepositoryRecord, image: ImageRecord): Record<string, unknown> => ({
    registryId: state.accountId,
    repositoryName: repo.name,
    imageDigest: image.digest,
    ...(image.tags.length ? { imageTags: image.tags } : {}),
    imageSizeInBytes: image.sizeInBytes,
    imagePushedAt: seconds(image.pushedAt),
    imageManifestMediaType: image.mediaType,
  });

  /** Config blobs of images put with labels (no real registry), by digest. */
  const madeBlobs = new Map<string, Buffer>();
  const madeManifest = (image: ImageRecord): string => {
    const config = Buffer.from(
      JSON.stringify({ architecture: 'amd64', os: 'linux', config: { Labels: image.labels ?? {} } }),
    );
    const digest = `sha256:${createHash('sha256').update(config).digest('hex')}`;
    madeBlobs.set(digest, config);
    return JSON.stringify({
      schemaVersion: 2,
      mediaType: MANIFEST_TYPES[1],
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest, size: config.length },
      layers: [],
    });
  };

  return {
    /**
     * BatchGetImage (ECR API reference): the manifest of each image id, and per id a `failures` entry
     * (ImageNotFound) instead of an error for one that is missing.
     */
    async BatchGetImage(input: any) {
      const repo = repository(input.repositoryName);
      const ids: Array<{ imageTag?: string; imageDigest?: string }> = input.imageIds ?? [];
      const images: Array<Record<string, unknown>> = [];
      const failures: Array<Record<string, unknown>> = [];
      for (const id of ids) {
        const reference = id.imageDigest ?? id.imageTag ?? '';
        const live = await state.fetchLive(
          `${repo.name}/manifests/${reference}`,
          ((input.acceptedMediaTypes as string[] | undefined) ?? MANIFEST_TYPES).join(', '),
        );
        const known = repo.images.find((i) =>
          id.imageDigest ? i.digest === id.imageDigest : i.tags.includes(id.imageTag ?? ''),
        );
        if (live) {
          images.push({
            registryId: state.accountId,
            repositoryName: repo.name,
            imageId: { ...id, imageDigest: live.digest ?? id.imageDigest },
            imageManifest: live.body.toString('utf8'),
            imageManifestMediaType: live.mediaType,
          });
        } else if (known && !state.registry) {
          images.push({
            registryId: state.accountId,
            repositoryName: repo.name,
            imageId: { ...id, imageDigest: known.digest },
            imageManifest: madeManifest(known),
            imageManifestMediaType: MANIFEST_TYPES[1],
          });
        } else {
          failures.push({
            imageId: id,
            failureCode: 'ImageNotFound',
            failureReason: 'Requested image not found',
          });
        }
      }
      return { images, failures };
    },

    /**
     * GetDownloadUrlForLayer (ECR API reference): a pre-signed URL of one blob. Real ECR answers with an
     * S3 URL; the simulator hands the blob itself as a data: URL, which fetch reads the same way.
     */
    async GetDownloadUrlForLayer(input: any) {
      const repo = repository(input.repositoryName);
      const digest: string = input.layerDigest;
      const blob = state.registry
        ? (await state.fetchLive(`${repo.name}/blobs/${digest}`, '*/*'))?.body
        : madeBlobs.get(digest);
      if (!blob) {
        throw new AwsError(
          'LayersNotFoundException',
          `The image layer '${digest}' does not exist in the repository with name '${repo.name}'`,
        );
      }
      return {
        downloadUrl: `data:application/octet-stream;base64,${blob.toString('base64')}`,
        layerDigest: digest,
      };
    },

    GetAuthorizationToken() {
      const proxyEndpoint = state.registry
        ? state.registry.url.replace(/\/$/, '')
        : `https://${state.registryHost}`;
      const user = state.registry?.username || 'AWS';
      return {
        authorizationData: [
          {
            authorizationToken: Buffer.from(`${user}:${authorizationPassword}`).toString('base64'),
            expiresAt: seconds(now() + 12 * 3_600_000),
            proxyEndpoint,
          },
        ],
      };
    },

    CreateRepository(input: any) {
      if (state.repositories.has(input.repositoryName)) {
        throw new AwsError(
          'RepositoryAlreadyExistsException',
          `The repository with name '${input.repositoryName}' already exists in the registry with id '${state.accountId}'`,
        );
      }
      if (!/^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(input.repositoryName)) {
        throw new AwsError(
          'InvalidParameterException',
          `Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression pattern'`,
        );
      }
      const record = state.createRepository(
        input.repositoryName,
        now(),
        input.imageTagMutability === 'IMMUTABLE' ? 'IMMUTABLE' : 'MUTABLE',
        input.imageScanningConfiguration?.scanOnPush === true,
      );
      return { repository: renderRepository(record) };
    },

    DescribeRepositories(input: any) {
      const names: string[] | undefined = input.repositoryNames;
      const records = names ? names.map(repository) : [...state.repositories.values()];
      return { repositories: records.map(renderRepository) };
    },

    async DescribeImages(input: any) {
      const repo = repository(input.repositoryName);
      const ids: Array<{ imageTag?: string; imageDigest?: string }> | undefined = input.imageIds;
      if (!ids) return { imageDetails: repo.images.map((i) => renderImage(repo, i)) };
      const details: Array<Record<string, unknown>> = [];
      for (const id of ids) {
        const known = repo.images.find((i) =>
          id.imageDigest ? i.digest === id.imageDigest : i.tags.includes(id.imageTag ?? ''),
        );
        const image =
          known ?? (await state.lookupLive(repo.name, id.imageDigest ?? id.imageTag ?? '', now()));
        if (!image) {
          throw new AwsError(
            'ImageNotFoundException',
            `The image with imageId {imageDigest:'${id.imageDigest ?? 'null'}', imageTag:'${id.imageTag ?? 'null'}'} does not exist within the repository with name '${repo.name}' in the registry with id '${state.accountId}'`,
          );
        }
        details.push(renderImage(repo, image));
      }
      return { imageDetails: details };
    },
  };
}
