import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createPrivateDockerConfig, removePrivateDockerConfig } from '../../../src/image/docker-config';

let work: string;
let userDir: string;
beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-config-'));
  userDir = path.join(work, 'home', '.docker');
  fs.mkdirSync(path.join(userDir, 'cli-plugins'), { recursive: true });
  fs.mkdirSync(path.join(userDir, 'buildx'));
  fs.writeFileSync(
    path.join(userDir, 'config.json'),
    JSON.stringify({
      auths: { 'other.example': { auth: 'c2VjcmV0' } },
      credsStore: 'desktop',
      currentContext: 'ci',
    }),
  );
});
afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

test('private to the job: no credentials or helpers copied; buildx plugin, builders and context kept', () => {
  const dir = createPrivateDockerConfig({ parent: work, userConfigDir: userDir });
  expect(path.dirname(dir)).toBe(work);
  expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
  expect(JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'))).toEqual({
    auths: {},
    currentContext: 'ci',
  });
  expect(fs.readlinkSync(path.join(dir, 'cli-plugins'))).toBe(path.join(userDir, 'cli-plugins'));
  expect(fs.readlinkSync(path.join(dir, 'buildx'))).toBe(path.join(userDir, 'buildx'));
  expect(fs.existsSync(path.join(dir, 'contexts'))).toBe(false);
});

test('removal deletes the directory and the links, never what they point to; twice is fine', () => {
  const dir = createPrivateDockerConfig({ parent: work, userConfigDir: userDir });
  fs.writeFileSync(path.join(dir, 'config.json'), '{"auths":{"127.0.0.1:5000":{"auth":"token"}}}');
  removePrivateDockerConfig(dir);
  removePrivateDockerConfig(dir);
  expect(fs.existsSync(dir)).toBe(false);
  expect(fs.existsSync(path.join(userDir, 'cli-plugins'))).toBe(true);
  expect(fs.existsSync(path.join(userDir, 'config.json'))).toBe(true);
});

test('works without any user Docker config', () => {
  const dir = createPrivateDockerConfig({ parent: work, userConfigDir: path.join(work, 'nothing') });
  expect(fs.readdirSync(dir)).toEqual(['config.json']);
});
