import type { Core } from '@strapi/strapi';

/**
 * Behind the load balancer Strapi sees plain HTTP from the ALB: `proxy` makes it trust
 * X-Forwarded-Proto/For, and `url` (PUBLIC_URL, e.g. https://cms.example.com) is the address
 * used for absolute links, the admin panel and local upload URLs.
 */
const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  proxy: { koa: env.bool('IS_PROXIED', true) },
  app: {
    keys: env.array('APP_KEYS'),
  },
  // No update check against the npm registry at boot (and no .strapi-updater.json written).
  logger: {
    updates: { enabled: false },
  },
  webhooks: {
    populateRelations: env.bool('WEBHOOKS_POPULATE_RELATIONS', false),
  },
});

export default config;
