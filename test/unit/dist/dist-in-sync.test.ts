import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// The committed dist/ is what runners execute: it must be exactly what `npm run build` makes
// from the committed sources, every file (ncc chunk files drift too, not only index.js).
const root = path.resolve(__dirname, '../../..');

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe('dist/', () => {
  const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'strapi-deploy-dist-'));
  afterAll(() => fs.rmSync(fresh, { recursive: true, force: true }));

  beforeAll(() => {
    execFileSync(process.execPath, [path.join(root, 'scripts/build-dist.js'), '--out', fresh], {
      cwd: root,
      stdio: 'pipe',
    });
  }, 600_000);

  test('has the same files as a fresh build', () => {
    expect(listFiles(path.join(root, 'dist'))).toEqual(listFiles(fresh));
  });

  test('every file is byte-identical to a fresh build (run `npm run build` and commit dist/)', () => {
    const stale = listFiles(fresh).filter((file) => {
      const committed = path.join(root, 'dist', file);
      return !fs.existsSync(committed) || !fs.readFileSync(committed).equals(fs.readFileSync(path.join(fresh, file)));
    });
    expect(stale).toEqual([]);
  });
});
