import type { Core } from '@strapi/strapi';
import { grantPublicReadAccess } from './public-read-access';

export default {
  register(/* { strapi }: { strapi: Core.Strapi } */) {},

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await grantPublicReadAccess(strapi);
  },
};
