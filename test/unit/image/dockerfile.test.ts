import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BUNDLED_DOCKERFILE, resolveDockerfile } from '../../../src/image/dockerfile';

let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'dockerfile-'));
  fs.mkdirSync(path.join(work, 'with', 'docker'), { recursive: true });
  fs.writeFileSync(path.join(work, 'with', 'Dockerfile'), 'FROM scratch\n');
  fs.writeFileSync(path.join(work, 'with', 'docker', 'prod.Dockerfile'), 'FROM scratch\n');
  fs.mkdirSync(path.join(work, 'without'));
  fs.writeFileSync(path.join(work, 'bundled.Dockerfile'), 'FROM node\n');
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

test.each<[string, { context: string; dockerfile?: string; bundled?: string }, string, boolean]>([
  ['the context’s own Dockerfile', { context: 'with' }, 'with/Dockerfile', false],
  [
    'the dockerfile input, relative to the working directory',
    { context: 'with', dockerfile: 'with/docker/prod.Dockerfile' },
    'with/docker/prod.Dockerfile',
    false,
  ],
  [
    'no Dockerfile in the app: the bundled one',
    { context: 'without', bundled: 'bundled.Dockerfile' },
    'bundled.Dockerfile',
    true,
  ],
])('%s', (_name, options, expected, bundled) => {
  const resolved = resolveDockerfile({
    cwd: work,
    ...options,
    bundled: options.bundled && path.join(work, options.bundled),
  });
  expect(resolved).toEqual({
    context: path.join(work, options.context),
    dockerfile: path.join(work, expected),
    bundled,
  });
});

test.each<[string, { context: string; dockerfile?: string; bundled?: string }, string]>([
  ['context missing', { context: 'nope' }, 'Build context not found: <work>/nope (input `context`).'],
  [
    'dockerfile input missing',
    { context: 'with', dockerfile: 'Nope' },
    'Dockerfile not found: <work>/Nope (input `dockerfile`).',
  ],
  [
    'no Dockerfile and no bundled one',
    { context: 'without', bundled: 'gone' },
    'No Dockerfile in <work>/without, and the bundled Strapi Dockerfile is missing (<work>/gone). Add a Dockerfile or set the `dockerfile` input.',
  ],
])('%s', (_name, options, message) => {
  expect(() =>
    resolveDockerfile({
      cwd: work,
      ...options,
      bundled: options.bundled && path.join(work, options.bundled),
    }),
  ).toThrow(message.replaceAll('<work>', work));
});

test('the bundled Dockerfile is the example app’s, found relative to this module (and to each dist bundle)', () => {
  expect(BUNDLED_DOCKERFILE).toBe(path.resolve(__dirname, '../../../examples/strapi-app/Dockerfile'));
  expect(fs.existsSync(BUNDLED_DOCKERFILE)).toBe(true);
});
