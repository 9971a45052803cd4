import type { Core } from '@strapi/strapi';

/**
 * PostgreSQL only, configured from DATABASE_* (the variables the ECS task definition sets from RDS).
 * RDS wants TLS: DATABASE_SSL=true turns it on. The RDS CA is not among Node's public roots, so either
 * give its PEM text in DATABASE_SSL_CA (verified), or set DATABASE_SSL_REJECT_UNAUTHORIZED=false
 * (encrypted, unverified).
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
        ca: env('DATABASE_SSL_CA', undefined),
        rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true),
      },
      schema: env('DATABASE_SCHEMA', 'public'),
    },
    pool: { min: env.int('DATABASE_POOL_MIN', 0), max: env.int('DATABASE_POOL_MAX', 10) },
    acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
  },
});

export default config;
