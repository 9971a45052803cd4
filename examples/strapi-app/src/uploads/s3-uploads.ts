/**
 * Where uploaded media lives. With UPLOADS_BUCKET set (the provisioned S3 bucket) files go to S3 and
 * the AWS SDK takes credentials from its default chain, i.e. the ECS task role: no static keys.
 * Without it, Strapi keeps files under public/uploads (local development, docker compose).
 */
export interface S3Uploads {
  bucket: string;
  region: string | undefined;
  /** Public base URL of the files (a CloudFront distribution), when not served from the bucket itself. */
  baseUrl: string | undefined;
  /** Origins the admin panel must be allowed to load images and videos from. */
  origins: string[];
}

type Env = (name: string, fallback?: string) => string | undefined;

export function readS3Uploads(env: Env): S3Uploads | undefined {
  const bucket = env('UPLOADS_BUCKET');
  if (!bucket) return undefined;
  const region = env('AWS_REGION');
  const baseUrl = env('UPLOADS_BASE_URL');
  // The provider links files by the Location S3 returns (regional host) or, failing that, the global one.
  const origins = [`https://${bucket}.s3.amazonaws.com`];
  if (region) origins.push(`https://${bucket}.s3.${region}.amazonaws.com`);
  if (baseUrl) origins.push(new URL(baseUrl).origin);
  return { bucket, region, baseUrl, origins };
}
