import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The layout is the architecture: folders under src/ depend on each other in one direction only
 * (docs/ARCHITECTURE.md draws it), and shipped code never reaches into the tests or the simulator.
 */
const root = resolve(__dirname, '../../..');
const src = join(root, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** `src/deploy/watch.ts` -> `deploy`. */
function folderOf(file: string): string {
  return relative(src, file).split('/')[0] ?? '';
}

function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((m) =>
    resolve(dirname(file), m[1] as string),
  );
}

/** Folder -> folders it imports from (itself excluded). */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(src)) {
    const from = folderOf(file);
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const target of relativeImports(file)) {
      if (!target.startsWith(src)) continue;
      const to = folderOf(target);
      if (to !== from) edges.add(to);
    }
  }
  return graph;
}

/** Every cycle found by depth-first search, as `a -> b -> a`. */
export function findCycles(graph: Map<string, Set<string>>): string[] {
  const cycles: string[] = [];
  const visit = (node: string, path: string[]): void => {
    for (const next of graph.get(node) ?? []) {
      const at = path.indexOf(next);
      if (at >= 0) cycles.push([...path.slice(at), next].join(' -> '));
      else visit(next, [...path, next]);
    }
  };
  for (const start of graph.keys()) visit(start, [start]);
  return [...new Set(cycles)];
}

describe('src/ folder dependencies', () => {
  test('the cycle finder finds a cycle (so the next test can fail)', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
    ]);
    expect(findCycles(graph)).toContain('a -> b -> c -> a');
  });

  test('no import cycle between folders', () => {
    expect(findCycles(folderGraph())).toEqual([]);
  });

  test.each([
    ['core', []],
    ['aws', ['core']],
    ['ecs', ['core']],
    ['release-history', ['core', 'ecs']],
    ['deploy', ['core', 'ecs']],
  ])('%s depends only on %j', (folder, allowed) => {
    expect([...(folderGraph().get(folder) ?? [])].filter((f) => !allowed.includes(f))).toEqual([]);
  });

  test('nothing under src/ imports the tests or the simulator', () => {
    const offenders = sourceFiles(src).flatMap((file) =>
      relativeImports(file)
        .filter((target) => !target.startsWith(src))
        .map((target) => `${relative(root, file)} -> ${relative(root, target)}`),
    );
    expect(offenders).toEqual([]);
  });

  test('the core knows nothing of the Actions toolkit: only src/actions and src/action-kit import it', () => {
    const offenders = sourceFiles(src)
      .filter((file) => !['actions', 'action-kit'].includes(folderOf(file)))
      .filter((file) => /from '@actions\/core'/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    expect(offenders).toEqual([]);
  });
});
