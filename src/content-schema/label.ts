import { gunzipSync, gzipSync } from 'node:zlib';
import { canonicalSchema, isContentSchema, type ContentSchema } from './schema';

/** The image label build-push writes and deploy reads: the app's content schema, gzip + base64 of canonical JSON. */
export const CONTENT_SCHEMA_LABEL = 'org.strapi-deploy.content-schema';

/**
 * The largest label value written. The value travels as one `docker build --label` argument, and Linux
 * caps one argument at 128 KiB (MAX_ARG_STRLEN); the image config that holds it has no smaller limit.
 * A schema that does not fit is not labelled (deploy then says "unknown"), never truncated.
 */
export const CONTENT_SCHEMA_LABEL_MAX_BYTES = 100 * 1024;

export function encodeSchemaLabel(schema: ContentSchema): string {
  return gzipSync(JSON.stringify(canonicalSchema(schema)), { level: 9 }).toString('base64');
}

/** The schema in a label value; undefined for a value that is not one of ours (damaged, another format). */
export function decodeSchemaLabel(value: string | undefined): ContentSchema | undefined {
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(gunzipSync(Buffer.from(value, 'base64')).toString('utf8')) as unknown;
    return isContentSchema(parsed) ? canonicalSchema(parsed) : undefined;
  } catch {
    return undefined;
  }
}
