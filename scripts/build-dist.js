#!/usr/bin/env node
// Rebuilds every bundle in dist/: one ncc build per action entry in src/actions/, plus the CLI.
// dist/ is emptied first so a removed action or a stale ncc chunk cannot linger (CI diffs all of dist/).
// Type checking is `npm run typecheck`; ncc only transpiles, so a test file's type error cannot block a bundle.
// `--out DIR` builds into another folder (the dist-in-sync test compares that with the committed dist/).
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const ncc = path.join(root, 'node_modules', '.bin', 'ncc');

function parseArgs(argv) {
  const outIndex = argv.indexOf('--out');
  const outDir = outIndex >= 0 ? path.resolve(argv[outIndex + 1]) : path.join(root, 'dist');
  const only = outIndex >= 0 ? argv.filter((_, i) => i !== outIndex && i !== outIndex + 1) : argv;
  return { outDir, only };
}

function listEntries() {
  const entries = fs
    .readdirSync(path.join(root, 'src', 'actions'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ name: f.replace(/\.ts$/, ''), file: path.join('src', 'actions', f) }));
  entries.push({ name: 'cli', file: path.join('src', 'cli', 'main.ts') });
  return entries;
}

const { outDir, only } = parseArgs(process.argv.slice(2));
const entries = listEntries();
const selected = only.length ? entries.filter((e) => only.includes(e.name)) : entries;
if (!only.length) fs.rmSync(outDir, { recursive: true, force: true });

for (const entry of selected) {
  const out = path.join(outDir, entry.name);
  fs.rmSync(out, { recursive: true, force: true });
  execFileSync(
    ncc,
    ['build', entry.file, '-o', out, '--minify', '--transpile-only', '--license', 'licenses.txt', '--quiet'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  const size = fs.statSync(path.join(out, 'index.js')).size;
  console.log(`${path.relative(root, out)}/index.js  ${(size / 1024).toFixed(0)} KiB`);
}
