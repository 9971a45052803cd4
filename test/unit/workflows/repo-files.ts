import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

/** The repository root (this file is test/unit/workflows/repo-files.ts). */
export const ROOT = resolve(__dirname, '../../..');

/** The sub-actions the pack ships; each must have actions/<name>/action.yml once the work has landed. */
export const EXPECTED_SUB_ACTIONS = [
  'build-push',
  'deploy-service',
  'promote',
  'provision',
  'rollback',
] as const;

/** How the pack names itself in `uses:`; these references resolve to files in this checkout. */
export const PACK_REF = /^org\/strapi-deploy(\/(?<path>[^@]+))?@(?<version>.+)$/;

export interface ActionInputMeta {
  description?: string;
  required?: boolean;
  default?: unknown;
  deprecationMessage?: string;
}

export interface ActionMeta {
  name?: string;
  description?: string;
  inputs?: Record<string, ActionInputMeta | null>;
  outputs?: Record<string, { description?: string; value?: string } | null>;
  runs?: {
    using?: string;
    main?: string;
    pre?: string;
    post?: string;
    'post-if'?: string;
    steps?: unknown[];
  };
}

export interface ActionFile {
  /** `deploy` for the root action.yml (its bundle is dist/deploy), else the folder name under actions/. */
  name: string;
  /** Repository-relative path of the action.yml. */
  path: string;
  /** Folder a `uses:` reference names: '' for the root, `actions/<name>` otherwise. */
  dir: string;
  meta: ActionMeta;
  /** Set when the file is not valid YAML; `meta` is then empty. Tests report it rather than crash. */
  yamlError?: string;
}

export function readText(rel: string): string {
  return readFileSync(join(ROOT, rel), 'utf8');
}

export function readYaml<T>(rel: string): T {
  return parse(readText(rel)) as T;
}

/**
 * Every action.yml present now: the root one and actions/*\/action.yml. Discovered, not listed, so the
 * suite covers actions as they land.
 */
export function actionFiles(): ActionFile[] {
  const found: ActionFile[] = [];
  const add = (name: string, path: string, dir: string): void => {
    if (!existsSync(join(ROOT, path))) return;
    try {
      found.push({ name, path, dir, meta: readYaml<ActionMeta>(path) ?? {} });
    } catch (error) {
      found.push({
        name,
        path,
        dir,
        meta: {},
        yamlError: error instanceof Error ? error.message : String(error),
      });
    }
  };
  add('deploy', 'action.yml', '');
  const actionsDir = join(ROOT, 'actions');
  if (existsSync(actionsDir)) {
    for (const name of readdirSync(actionsDir).sort())
      add(name, `actions/${name}/action.yml`, `actions/${name}`);
  }
  return found;
}

function yamlFilesIn(dir: string): string[] {
  const abs = join(ROOT, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => `${dir}/${f}`);
}

/** The pack's reusable workflows and its own CI. */
export function packWorkflowFiles(): string[] {
  return yamlFilesIn('.github/workflows');
}

/** The starter workflows users copy into their repository. */
export function starterWorkflowFiles(): string[] {
  return yamlFilesIn('workflows');
}

/** Metadata of the action a `uses:` value names, when it is one of the pack's own; else undefined. */
export function packActionFor(
  uses: string,
  actions: ActionFile[] = actionFiles(),
): ActionFile | 'missing' | undefined {
  let dir: string | undefined;
  if (uses === './' || uses === '.') dir = '';
  else if (uses.startsWith('./') && !uses.startsWith('./.github/')) dir = uses.slice(2).replace(/\/$/, '');
  else {
    const match = PACK_REF.exec(uses);
    if (match && !match.groups?.path?.startsWith('.github/')) dir = match.groups?.path ?? '';
  }
  if (dir === undefined) return undefined;
  return actions.find((a) => a.dir === dir) ?? 'missing';
}

/** The repository-relative reusable workflow a job-level `uses:` names, when it is one of the pack's own. */
export function packWorkflowFor(uses: string): string | undefined {
  if (uses.startsWith('./.github/workflows/')) return uses.slice(2);
  const match = PACK_REF.exec(uses);
  const path = match?.groups?.path;
  return path?.startsWith('.github/workflows/') ? path : undefined;
}
