import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigurationError } from '../core/errors';
import { canonicalOwner, canonicalSchema, type ContentSchema, type SchemaOwner } from './schema';

function readJson(file: string, input: string | undefined): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    throw new ConfigurationError(
      `${input ? ': ' : ''}${file} is not valid JSON (${error instanceof Error ? error.message : String(error)}).`,
      input,
    );
  }
}

function subdirectories(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/**
 * The content schema of a Strapi app's source folder: `src/api/<api>/content-types/<type>/schema.json`
 * as `api::<api>.<type>` and `src/components/<category>/<name>.json` as `<category>.<name>`, the uids
 * Strapi itself gives them. Undefined when the folder holds neither (not a Strapi app).
 */
export function readAppContentSchema(appDir: string, input?: string): ContentSchema | undefined {
  const contentTypes: Record<string, SchemaOwner> = {};
  const components: Record<string, SchemaOwner> = {};
  const apiDir = path.join(appDir, 'src', 'api');
  for (const api of subdirectories(apiDir)) {
    const typesDir = path.join(apiDir, api, 'content-types');
    for (const type of subdirectories(typesDir)) {
      const file = path.join(typesDir, type, 'schema.json');
      if (fs.existsSync(file)) contentTypes[`api::${api}.${type}`] = canonicalOwner(readJson(file, input));
    }
  }
  const componentsDir = path.join(appDir, 'src', 'components');
  for (const category of subdirectories(componentsDir)) {
    const dir = path.join(componentsDir, category);
    for (const file of fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      components[`${category}.${file.slice(0, -'.json'.length)}`] = canonicalOwner(
        readJson(path.join(dir, file), input),
      );
    }
  }
  if (!Object.keys(contentTypes).length && !Object.keys(components).length) return undefined;
  return canonicalSchema({ contentTypes, components });
}
