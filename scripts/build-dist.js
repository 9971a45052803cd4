#!/usr/bin/env node
// Rebuilds every bundle in dist/: one ncc build per action entry in src/actions/, plus the CLI and the
// simulator the CLI's `sim` command runs (dist/sim).
// dist/ is emptied first so a removed action or a stale ncc chunk cannot linger (CI diffs all of dist/).
// Type checking is `npm run typecheck`; ncc only transpiles, so a test file's type error cannot block a bundle.
// `--out DIR` builds into another folder. `--check` (npm run check:dist, run once by CI) builds into a temporary
// folder and fails when any file differs from the committed dist/: runners execute dist/, not src/.
const fs = require('node:fs');
const path = require('node:path');
const ncc = require('@vercel/ncc');

const root = path.resolve(__dirname, '..');

/**
 * ncc's own default resolves a package by `main` only, which for every AWS SDK client is its dist-cjs build:
 * one file holding every command, model and paginator, all evaluated at start (client-ec2's is 2 MB).
 * `module` first picks the clients' dist-es build, one module per command with `sideEffects: false`,
 * so webpack leaves out the commands a bundle never imports (bench/start-bench.ts measures the start).
 * Only the ncc API takes this option, not its command line. Packages without `module` still load by `main`.
 */
const MAIN_FIELDS = ['module', 'main'];

/** One bundle into `out`: index.js, its lazy chunks and the assets ncc emits (licenses.txt, templates). */
async function buildBundle(file, out) {
  const { code, assets, symlinks } = await ncc(path.join(root, file), {
    minify: true,
    transpileOnly: true,
    license: 'licenses.txt',
    quiet: true,
    mainFields: MAIN_FIELDS,
  });
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'index.js'), code);
  for (const [name, asset] of Object.entries(assets)) {
    const target = path.join(out, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, asset.source, asset.permissions ? { mode: asset.permissions } : undefined);
  }
  for (const [name, link] of Object.entries(symlinks ?? {})) {
    const target = path.join(out, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.symlinkSync(link, target);
  }
}

function parseArgs(argv) {
  const check = argv.includes('--check');
  const rest = argv.filter((a) => a !== '--check');
  const outIndex = rest.indexOf('--out');
  const outDir = check
    ? fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'strapi-deploy-dist-'))
    : outIndex >= 0
      ? path.resolve(rest[outIndex + 1])
      : path.join(root, 'dist');
  const only = outIndex >= 0 ? rest.filter((_, i) => i !== outIndex && i !== outIndex + 1) : rest;
  return { outDir, only, check };
}

function listFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

/** Every file of a fresh build against the committed dist/, both ways; returns the names that differ. */
function compareWithCommitted(fresh) {
  const committed = path.join(root, 'dist');
  const names = new Set([...listFiles(fresh), ...listFiles(committed)]);
  return [...names].filter((name) => {
    const a = path.join(fresh, name);
    const b = path.join(committed, name);
    return !fs.existsSync(a) || !fs.existsSync(b) || !fs.readFileSync(a).equals(fs.readFileSync(b));
  });
}

function listEntries() {
  const entries = fs
    .readdirSync(path.join(root, 'src', 'actions'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ name: f.replace(/\.ts$/, ''), file: path.join('src', 'actions', f) }));
  entries.push({ name: 'cli', file: path.join('src', 'cli', 'main.ts') });
  // `strapi-deploy sim`: the rollout simulator in its own bundle, which the CLI loads only for that
  // command (src/cli/main.ts), so the published package runs it without TypeScript or the sources.
  entries.push({ name: 'sim', file: path.join('sim', 'serve.ts') });
  return entries;
}

const { outDir, only, check } = parseArgs(process.argv.slice(2));
const entries = listEntries();
const selected = only.length ? entries.filter((e) => only.includes(e.name)) : entries;
if (!only.length) fs.rmSync(outDir, { recursive: true, force: true });

async function main() {
  for (const entry of selected) {
    const out = path.join(outDir, entry.name);
    fs.rmSync(out, { recursive: true, force: true });
    await buildBundle(entry.file, out);
    const size = fs.statSync(path.join(out, 'index.js')).size;
    console.log(`${path.relative(root, out)}/index.js  ${(size / 1024).toFixed(0)} KiB`);
  }
  if (check) checkAgainstCommitted();
}

function checkAgainstCommitted() {
  const stale = compareWithCommitted(outDir);
  fs.rmSync(outDir, { recursive: true, force: true });
  if (stale.length) {
    console.error(
      `dist/ is not what the sources build (run \`npm run build\` and commit dist/):\n  ${stale.join('\n  ')}`,
    );
    process.exit(1);
  }
  console.log('dist/ is byte-identical to a fresh build.');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
