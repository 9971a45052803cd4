import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse, type Tags } from 'yaml';
import { REPO_ROOT } from './support';

/** CloudFormation short-form tags, expanded to their long form as CloudFormation does. */
const scalar = (tag: string, key: string, split?: (v: string) => unknown) => ({
  tag,
  resolve: (value: string) => ({ [key]: split ? split(value) : value }),
});
const collection = (tag: string, key: string) => [
  { tag, collection: 'seq' as const, resolve: (seq: { toJSON(): unknown }) => ({ [key]: seq.toJSON() }) },
  { tag, collection: 'map' as const, resolve: (map: { toJSON(): unknown }) => ({ [key]: map.toJSON() }) },
];
const firstDot = (v: string) => {
  const i = v.indexOf('.');
  return [v.slice(0, i), v.slice(i + 1)];
};
const FUNCTIONS = [
  'Sub',
  'Join',
  'Select',
  'Split',
  'If',
  'Equals',
  'Not',
  'And',
  'Or',
  'FindInMap',
  'GetAZs',
  'Base64',
  'Cidr',
  'ImportValue',
];
const CFN_TAGS: Tags = [
  scalar('!Ref', 'Ref'),
  scalar('!Condition', 'Condition'),
  scalar('!GetAtt', 'Fn::GetAtt', firstDot),
  ...collection('!GetAtt', 'Fn::GetAtt'),
  ...FUNCTIONS.flatMap((f) => [scalar(`!${f}`, `Fn::${f}`), ...collection(`!${f}`, `Fn::${f}`)]),
] as Tags;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export interface TemplateResource {
  Type: string;
  Condition?: string;
  DependsOn?: string | string[];
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Properties?: Record<string, Json>;
  Metadata?: Record<string, Json>;
}
export interface Template {
  Parameters: Record<string, { Type: string; Default?: Json }>;
  Conditions: Record<string, Json>;
  Resources: Record<string, TemplateResource>;
  Outputs: Record<string, { Value: Json; Condition?: string }>;
}

export const TEMPLATE_FILES = ['strapi-baseline.yaml'];

export function loadTemplate(file = 'strapi-baseline.yaml'): Template {
  return parseTemplate(readFileSync(path.join(REPO_ROOT, 'templates', file), 'utf8'));
}

/** A template body (e.g. the one provision submits) parsed as CloudFormation reads it. */
export function parseTemplate(body: string): Template {
  return parse(body, { customTags: CFN_TAGS }) as Template;
}

/** Every node of a JSON tree, with its path. */
export function* walk(node: Json, at: string[] = []): Generator<{ node: Json; path: string[] }> {
  yield { node, path: at };
  if (Array.isArray(node)) for (const [i, child] of node.entries()) yield* walk(child, [...at, String(i)]);
  else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) yield* walk(v, [...at, k]);
}

/** [resource, attribute] for every Fn::GetAtt and every `${Resource.Attribute}` in a Fn::Sub. */
export function getAttReferences(template: Template): [string, string][] {
  const refs: [string, string][] = [];
  for (const section of [template.Resources, template.Outputs] as unknown as Json[]) {
    for (const { node } of walk(section)) {
      if (!node || typeof node !== 'object' || Array.isArray(node)) continue;
      const getAtt = node['Fn::GetAtt'];
      if (Array.isArray(getAtt)) refs.push([String(getAtt[0]), String(getAtt[1])]);
      const sub = node['Fn::Sub'];
      const text =
        typeof sub === 'string' ? sub : Array.isArray(sub) && typeof sub[0] === 'string' ? sub[0] : undefined;
      for (const match of text?.matchAll(/\$\{([A-Za-z0-9]+)\.([A-Za-z0-9.]+)\}/g) ?? [])
        refs.push([match[1]!, match[2]!]);
    }
  }
  return refs;
}

/** Every IAM policy document in the template, named by where it is. */
export function policyDocuments(template: Template): { where: string; statements: Record<string, Json>[] }[] {
  const docs: { where: string; statements: Record<string, Json>[] }[] = [];
  for (const { node, path: at } of walk(template.Resources as unknown as Json)) {
    if (at.at(-1) === 'PolicyDocument' && node && typeof node === 'object' && !Array.isArray(node)) {
      const statements = node.Statement;
      docs.push({
        where: at.join('.'),
        statements: (Array.isArray(statements) ? statements : [statements]) as Record<string, Json>[],
      });
    }
  }
  return docs;
}

export const asList = (value: Json | undefined): Json[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
