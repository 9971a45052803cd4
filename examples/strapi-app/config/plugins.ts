import type { Core } from '@strapi/strapi';
import { readS3Uploads } from '../src/uploads/s3-uploads';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => {
  // One signing secret for every task: without it each task would make its own at boot, and a user
  // token issued by one task would be refused by the next.
  const usersPermissions = { 'users-permissions': { config: { jwtSecret: env('JWT_SECRET') } } };
  const s3 = readS3Uploads(env);
  if (!s3) return usersPermissions;
  return {
    ...usersPermissions,
    upload: {
      config: {
        provider: 'aws-s3',
        providerOptions: {
          baseUrl: s3.baseUrl,
          rootPath: env('UPLOADS_ROOT_PATH'),
          s3Options: {
            // No `credentials`: the SDK's default chain resolves the ECS task role.
            region: s3.region,
            // S3-compatible stores (MinIO, a local simulator) reached through AWS_ENDPOINT_URL_S3.
            forcePathStyle: env.bool('UPLOADS_FORCE_PATH_STYLE', false),
            params: {
              Bucket: s3.bucket,
              // Buckets with Object Ownership "bucket owner enforced" (the default) refuse ACLs.
              ACL: env('UPLOADS_ACL', undefined),
            },
          },
        },
        actionOptions: { upload: {}, uploadStream: {}, delete: {} },
      },
    },
  };
};

export default config;
