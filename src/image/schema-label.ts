import {
  CONTENT_SCHEMA_LABEL,
  CONTENT_SCHEMA_LABEL_MAX_BYTES,
  encodeSchemaLabel,
  readAppContentSchema,
} from '../content-schema';
import type { Reporter } from '../core/reporter';

/**
 * The content-schema label of the image built from `context`: the Strapi app's content types and components,
 * so a later deploy can tell what this release does to the content. None for a context that is not a Strapi
 * app, or whose schema does not fit a label (then deploys say "unknown" for it).
 */
export function contentSchemaLabels(context: string, reporter: Reporter): Record<string, string> {
  const schema = readAppContentSchema(context);
  if (!schema) {
    reporter.debug(`No Strapi content types in ${context}: the image gets no ${CONTENT_SCHEMA_LABEL} label.`);
    return {};
  }
  const value = encodeSchemaLabel(schema);
  if (value.length > CONTENT_SCHEMA_LABEL_MAX_BYTES) {
    reporter.warning(
      `The content schema is ${value.length} bytes encoded, over the ${CONTENT_SCHEMA_LABEL_MAX_BYTES}-byte label limit: ` +
        'the image gets no schema label, and deploys of it cannot check schema changes.',
    );
    return {};
  }
  const count = Object.keys(schema.contentTypes).length + Object.keys(schema.components).length;
  reporter.info(
    `Labelling the image with its content schema (${count} types and components, ${value.length} bytes).`,
  );
  return { [CONTENT_SCHEMA_LABEL]: value };
}
