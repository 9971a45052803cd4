import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The input names an action's code reads, found statically.
 *
 * Why a static scan and not the InputReader's recorded `names`: running an adapter's read*Inputs stops at the
 * first required input it cannot satisfy, and feeding every input a plausible value means knowing each
 * input's format; a test that only sees the names read before the first throw would pass vacuously.
 * Every read goes through InputReader (`required`, `optional`, `secret`, `boolean`, `integer`, `choice`,
 * `list`, `keyValues`) with the name as a string literal, so the names are found in the source of the
 * files the action's entry (src/actions/<name>.ts) imports, transitively, within src/. A read inside a
 * `function` counts only when that function is named somewhere else in those files: rollback imports a
 * constant from src/deploy/inputs.ts, and must not be charged with readDeployServiceInputs' reads.
 * Limits: a name built at run time (a loop over names) is not seen (write the literal at the call); a
 * function named but never called still counts.
 */
const READ_CALL =
  /\.(?:required|optional|secret|boolean|integer|choice|list|keyValues)\(\s*['"]([A-Za-z0-9_-]+)['"]/g;
/** Only the whole-number reads: their bounds must be stated (see input-bounds.test.ts). */
export const INTEGER_READ_CALL = /\.integer\(\s*['"]([A-Za-z0-9_-]+)['"]/g;
/**
 * A read with a literal fallback, the value the code uses when the input is unset:
 * `.boolean('cache', true)`, `.optional('to', 'previous')`, `.choice('mode', MODES, 'a')`.
 */
const LITERAL_FALLBACK_CALL =
  /\.(?:boolean|optional|choice)\(\s*['"]([A-Za-z0-9_-]+)['"]\s*,\s*(?:[A-Za-z0-9_$.]+\s*,\s*)?(true|false|'[^'\n]*'|"[^"\n]*")\s*,?\s*\)/g;
const RELATIVE_IMPORT = /(?:from\s+|import\s*\(\s*|require\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

function resolveModule(fromFile: string, specifier: string): string | undefined {
  const base = resolve(dirname(fromFile), specifier);
  return [`${base}.ts`, join(base, 'index.ts'), base].find(
    (candidate) => candidate.endsWith('.ts') && existsSync(candidate),
  );
}

/** The entry and every src/ module it imports, directly or not. */
export function moduleClosure(srcRoot: string, entry: string): string[] {
  const seen = new Set<string>();
  const queue = [resolve(entry)];
  while (queue.length) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(RELATIVE_IMPORT)) {
      const target = resolveModule(file, match[1] ?? '');
      if (target && !relative(srcRoot, target).startsWith('..')) queue.push(target);
    }
  }
  return [...seen].sort();
}

export function inputNamesRead(source: string): string[] {
  return [...source.matchAll(READ_CALL)].map((m) => m[1] ?? '');
}

interface FunctionSpan {
  name: string;
  /** Offset of the declaration's name. */
  at: number;
  bodyStart: number;
  bodyEnd: number;
}

/** Index just past the bracket that closes the one at `open` (strings and comments are not special). */
function closing(source: string, open: number, left: string, right: string): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    if (source[i] === left) depth++;
    else if (source[i] === right && --depth === 0) return i + 1;
  }
  return source.length;
}

/** `function name(...) {...}` declarations, with their bodies. */
export function functionSpans(source: string): FunctionSpan[] {
  const spans: FunctionSpan[] = [];
  for (const match of source.matchAll(/\bfunction\s+([A-Za-z0-9_$]+)\s*(?:<[^>]*>)?\s*\(/g)) {
    const paramsOpen = (match.index ?? 0) + match[0].length - 1;
    // The body's brace ends its line (as Prettier writes it); a `{` of an object return type does not.
    const afterParams = closing(source, paramsOpen, '(', ')');
    const bodyMatch = /\{[ \t]*\r?\n|\{\s*\}/.exec(source.slice(afterParams));
    if (!bodyMatch) continue;
    const bodyStart = afterParams + bodyMatch.index;
    spans.push({
      name: match[1] ?? '',
      at: (match.index ?? 0) + match[0].indexOf(match[1] ?? ''),
      bodyStart,
      bodyEnd: closing(source, bodyStart, '{', '}'),
    });
  }
  return spans;
}

/**
 * The names read in `files`: in top-level code, and in the functions reachable from it. A function is
 * reachable when top-level code or a reachable function's body names it (import and re-export lists do
 * not count: they do not call it). So rollback, which imports the deploy engine, is not charged with
 * the deploy inputs that only deploy-service's readers read.
 */
export function inputNamesReadIn(
  files: Map<string, string>,
  call: RegExp = READ_CALL,
): Map<string, string[]> {
  const reads = new Map<string, string[]>();
  for (const { file, match } of reachableMatches(files, call)) {
    const name = match[1] ?? '';
    const list = reads.get(name) ?? [];
    if (!list.includes(file)) list.push(file);
    reads.set(name, list);
  }
  return reads;
}

/** The matches of `call` in top-level code and in reachable functions (see inputNamesReadIn). */
function reachableMatches(
  files: Map<string, string>,
  call: RegExp,
): { file: string; match: RegExpMatchArray }[] {
  const stripLists = (text: string): string =>
    text.replace(/\b(?:import|export)\s*(?:type\s*)?\{[^}]*\}\s*from\s*['"][^'"]+['"]/g, '');
  const modules = [...files].map(([file, source]) => {
    const spans = functionSpans(source);
    // Top-level code: the source with every declared function (name and body) blanked out.
    let topLevel = source;
    for (const span of spans) {
      const from = span.at;
      topLevel = topLevel.slice(0, from) + ' '.repeat(span.bodyEnd - from) + topLevel.slice(span.bodyEnd);
    }
    return { file, source, spans, topLevel };
  });
  const mentions = (text: string, name: string): boolean =>
    new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\b`).test(stripLists(text));

  const reachable = new Set<string>();
  let frontier = modules.map((m) => m.topLevel);
  while (frontier.length) {
    const next: string[] = [];
    for (const m of modules) {
      for (const span of m.spans) {
        if (reachable.has(span.name) || !frontier.some((text) => mentions(text, span.name))) continue;
        reachable.add(span.name);
        next.push(m.source.slice(span.bodyStart, span.bodyEnd));
      }
    }
    frontier = next;
  }

  const found: { file: string; match: RegExpMatchArray }[] = [];
  for (const { file, source, spans } of modules) {
    const skipped = spans.filter((span) => !reachable.has(span.name));
    for (const match of source.matchAll(call)) {
      const offset = match.index ?? 0;
      const inSkipped = skipped.some((span) => offset > span.bodyStart && offset < span.bodyEnd);
      // A read inside a nested function of a reachable one counts with its parent.
      const inReachable = spans.some(
        (span) => reachable.has(span.name) && offset > span.bodyStart && offset < span.bodyEnd,
      );
      if (inSkipped && !inReachable) continue;
      found.push({ file, match });
    }
  }
  return found;
}

function closureSources(root: string, entry: string): Map<string, string> {
  const sources = new Map<string, string>();
  for (const file of moduleClosure(join(root, 'src'), join(root, entry))) {
    sources.set(relative(root, file), readFileSync(file, 'utf8'));
  }
  return sources;
}

/** Input name -> the files (relative to the repository) that read it (with `call`: only those reads). */
export function inputsReadByEntry(
  root: string,
  entry: string,
  call: RegExp = READ_CALL,
): Map<string, string[]> {
  return inputNamesReadIn(closureSources(root, entry), call);
}

/** Input name -> every literal fallback the code gives it, as the string an action.yml `default:` would be. */
export function literalFallbacks(sources: Map<string, string>): Map<string, string[]> {
  const fallbacks = new Map<string, string[]>();
  for (const { match } of reachableMatches(sources, LITERAL_FALLBACK_CALL)) {
    const name = match[1] ?? '';
    const value = (match[2] ?? '').replace(/^['"]|['"]$/g, '');
    const list = fallbacks.get(name) ?? [];
    if (!list.includes(value)) list.push(value);
    fallbacks.set(name, list);
  }
  return fallbacks;
}

export function literalFallbacksOfEntry(root: string, entry: string): Map<string, string[]> {
  return literalFallbacks(closureSources(root, entry));
}
