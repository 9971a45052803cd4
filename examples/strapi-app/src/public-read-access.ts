import type { Core } from '@strapi/strapi';

/** The content the public (unauthenticated) role may read through the REST API. */
export const PUBLIC_READ_ACTIONS = [
  'api::article.article.find',
  'api::article.article.findOne',
  'api::author.author.find',
  'api::author.author.findOne',
  'api::category.category.find',
  'api::category.category.findOne',
] as const;

/**
 * Grants the public role read access to articles, authors and categories. Idempotent: runs on every
 * boot and only inserts the permissions that are missing, so an admin's later changes in the panel
 * are kept; only these six reads are restored if revoked.
 */
export async function grantPublicReadAccess(strapi: Core.Strapi): Promise<void> {
  const publicRole = await strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: 'public' } });
  if (!publicRole) {
    strapi.log.warn('users-permissions public role not found; public read access not granted');
    return;
  }
  const permissions = strapi.db.query('plugin::users-permissions.permission');
  const granted = await permissions.findMany({
    where: { role: publicRole.id, action: { $in: [...PUBLIC_READ_ACTIONS] } },
  });
  const grantedActions = new Set(granted.map((permission: { action: string }) => permission.action));
  const missing = PUBLIC_READ_ACTIONS.filter((action) => !grantedActions.has(action));
  for (const action of missing) {
    await permissions.create({ data: { action, role: publicRole.id } });
  }
  if (missing.length > 0) {
    strapi.log.info(`Granted the public role: ${missing.join(', ')}`);
  }
}
