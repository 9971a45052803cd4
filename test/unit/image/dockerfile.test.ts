import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  BUNDLED_BUILDKIT_DOCKERFILE,
  BUNDLED_DOCKERFILE,
  dockerfileForBuilder,
  resolveDockerfile,
} from '../../../src/image/dockerfile';

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

test('the BuildKit variant sits next to the bundled Dockerfile, under the name dockerfileForBuilder derives', () => {
  expect(BUNDLED_BUILDKIT_DOCKERFILE).toBe(`${BUNDLED_DOCKERFILE}.buildkit`);
  expect(fs.existsSync(BUNDLED_BUILDKIT_DOCKERFILE)).toBe(true);
});

test.each<[string, { dockerfile: string; bundled: boolean }, 'buildx' | 'docker', string]>([
  [
    'bundled, classic builder',
    { dockerfile: BUNDLED_DOCKERFILE, bundled: true },
    'docker',
    BUNDLED_DOCKERFILE,
  ],
  [
    'bundled, buildx',
    { dockerfile: BUNDLED_DOCKERFILE, bundled: true },
    'buildx',
    BUNDLED_BUILDKIT_DOCKERFILE,
  ],
  [
    "the app's own, buildx: never swapped",
    { dockerfile: '/app/Dockerfile', bundled: false },
    'buildx',
    '/app/Dockerfile',
  ],
  [
    'a bundled file without a BuildKit variant, buildx: the file itself',
    { dockerfile: '/nowhere/Dockerfile', bundled: true },
    'buildx',
    '/nowhere/Dockerfile',
  ],
])('the Dockerfile for the builder: %s', (_name, resolved, builder, expected) => {
  expect(dockerfileForBuilder({ context: '/app', ...resolved }, builder)).toBe(expected);
});

/**
 * The two bundled files must build the same image: the BuildKit one differs only by its syntax line, its
 * comments, the cache mounts, and not cleaning npm's cache (the mount keeps it out of the layers).
 */
function instructions(file: string): string[] {
  return fs
    .readFileSync(file, 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((line) => line.trim() && !line.trimStart().startsWith('#'))
    .map((line) =>
      line
        .replace(/--mount=\S+/g, '')
        .replace(/&& npm cache clean --force/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
    );
}

test('the bundled Dockerfile and its BuildKit variant have the same stages and steps', () => {
  const buildkit = fs.readFileSync(BUNDLED_BUILDKIT_DOCKERFILE, 'utf8');
  expect(buildkit.split('\n')[0]).toBe('# syntax=docker/dockerfile:1');
  expect(buildkit).toMatch(/RUN --mount=type=cache,target=\/root\/\.npm/);
  expect(fs.readFileSync(BUNDLED_DOCKERFILE, 'utf8')).not.toContain('--mount');
  expect(instructions(BUNDLED_BUILDKIT_DOCKERFILE)).toEqual(instructions(BUNDLED_DOCKERFILE));
});
