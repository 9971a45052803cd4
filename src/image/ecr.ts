import {
  CreateRepositoryCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  GetAuthorizationTokenCommand,
  type ECRClient,
} from '@aws-sdk/client-ecr';
import { ConfigurationError, errorMessage } from '../core/errors';

/** The tag buildx's registry cache is written to; excluded from tag immutability so it can move. */
export const CACHE_TAG = 'buildcache';

export interface RegistryCredentials {
  /** `host[:port]` as `docker login` wants it. */
  registry: string;
  username: string;
  password: string;
}

/**
 * ECR login material from GetAuthorizationToken. The token decodes to `AWS:<password>`; both the
 * raw token and the password are handed to `mask` before this function returns anything.
 */
export async function getRegistryCredentials(
  ecr: ECRClient,
  mask: (secret: string) => void,
): Promise<RegistryCredentials> {
  const response = await ecr.send(new GetAuthorizationTokenCommand({}));
  const data = response.authorizationData?.[0];
  if (!data?.authorizationToken || !data.proxyEndpoint) {
    throw new Error('ECR GetAuthorizationToken returned no authorization data.');
  }
  mask(data.authorizationToken);
  const decoded = Buffer.from(data.authorizationToken, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw new Error('ECR authorization token is not of the form user:password.');
  const password = decoded.slice(colon + 1);
  mask(password);
  return { registry: registryHost(data.proxyEndpoint), username: decoded.slice(0, colon), password };
}

/** The proxyEndpoint URL (`https://<registry>`) as the `<registry>` host that `docker login` takes. */
export function registryHost(endpoint: string): string {
  return endpoint.replace(/^[a-z]+:\/\//i, '').replace(/\/+$/, '');
}

export interface RepositoryInfo {
  name: string;
  uri: string;
  created: boolean;
}

/**
 * The repository must exist. With `create`, it is made with scan on push and immutable tags
 * (except the build cache tag, which buildx must be able to overwrite on every build).
 */
export async function ensureRepository(
  ecr: ECRClient,
  name: string,
  options: { create: boolean; region: string },
): Promise<RepositoryInfo> {
  try {
    const found = await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [name] }));
    const uri = found.repositories?.[0]?.repositoryUri;
    if (uri) return { name, uri, created: false };
  } catch (error) {
    if (!isNamed(error, 'RepositoryNotFoundException')) throw error;
  }
  if (!options.create) {
    throw new ConfigurationError(
      `ECR repository "${name}" does not exist in region ${options.region}. ` +
        'Create it (the provision action does), or set `create-repository: true`.',
    );
  }
  const created = await ecr.send(
    new CreateRepositoryCommand({
      repositoryName: name,
      imageScanningConfiguration: { scanOnPush: true },
      imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
      imageTagMutabilityExclusionFilters: [{ filterType: 'WILDCARD', filter: CACHE_TAG }],
    }),
  );
  const uri = created.repository?.repositoryUri;
  if (!uri) throw new Error(`ECR CreateRepository returned no URI for "${name}".`);
  return { name, uri, created: true };
}

export interface ExistingImage {
  digest: string;
  sizeBytes?: number | undefined;
  tags: string[];
}

/** The image carrying `tag`, or undefined when the repository has no such tag. */
export async function findImageByTag(
  ecr: ECRClient,
  repository: string,
  tag: string,
): Promise<ExistingImage | undefined> {
  try {
    const response = await ecr.send(
      new DescribeImagesCommand({ repositoryName: repository, imageIds: [{ imageTag: tag }] }),
    );
    const image = response.imageDetails?.[0];
    if (!image?.imageDigest) return undefined;
    return { digest: image.imageDigest, sizeBytes: image.imageSizeInBytes, tags: image.imageTags ?? [] };
  } catch (error) {
    if (isNamed(error, 'ImageNotFoundException')) return undefined;
    throw new Error(`ECR DescribeImages for ${repository}:${tag} failed: ${errorMessage(error)}`);
  }
}

function isNamed(error: unknown, name: string): boolean {
  return error instanceof Error && error.name === name;
}
