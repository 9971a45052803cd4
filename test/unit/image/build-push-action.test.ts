import { RecordingReporter } from '../../support/recording-reporter';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DescribeRepositoriesCommand, ECRClient, RepositoryNotFoundException } from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { parse } from 'yaml';
import { buildPushAction, DOCKER_CONFIG_STATE, POST_STATE } from '../../../src/action-kit/build-push-action';
import { JobSummary } from '../../../src/action-kit/job-summary';
import type { ActionKit } from '../../../src/action-kit/run-action';
import { systemClock } from '../../../src/core/clock';
import { InputReader, mapInputSource } from '../../../src/core/inputs';

const actionYml = path.resolve(__dirname, '../../../actions/build-push/action.yml');
const manifest = parse(fs.readFileSync(actionYml, 'utf8')) as {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, unknown>;
  runs: Record<string, string>;
};
const ecrMock = mockClient(ECRClient);
const savedRunnerTemp = process.env.RUNNER_TEMP;
let runnerTemp: string;

function kit(values: Record<string, string>) {
  const state = new Map<string, string>();
  const reporter = new RecordingReporter();
  const inputs = new InputReader(mapInputSource(values));
  const actionKit: ActionKit = {
    inputs,
    reporter,
    clock: systemClock,
    setOutput: () => undefined,
    summary: new JobSummary(reporter),
    saveState: (name, value) => state.set(name, value),
    getState: (name) => state.get(name) ?? '',
    signal: new AbortController().signal,
    env: process.env,
  };
  return { actionKit, state, inputs };
}

beforeEach(() => {
  ecrMock.reset();
  ecrMock
    .on(DescribeRepositoriesCommand)
    .rejects(new RepositoryNotFoundException({ message: 'x', $metadata: {} }));
  runnerTemp = fs.mkdtempSync(path.join(os.tmpdir(), 'runner-temp-'));
  process.env.RUNNER_TEMP = runnerTemp;
});
afterEach(() => {
  process.env.RUNNER_TEMP = savedRunnerTemp;
  fs.rmSync(runnerTemp, { recursive: true, force: true });
});

test('action.yml: node24, main and an always-run post step on the same bundle', () => {
  expect(manifest.runs).toEqual({
    using: 'node24',
    main: '../../dist/build-push/index.js',
    post: '../../dist/build-push/index.js',
    'post-if': 'always()',
  });
  expect(Object.keys(manifest.outputs).sort()).toEqual(['built', 'digest', 'image-tag-uri', 'image-uri']);
});

test('every input action.yml declares is read by the code, and nothing else', async () => {
  const { actionKit, inputs } = kit({ repository: 'strapi', 'commit-sha': 'abc', 'aws-region': 'eu-west-1' });
  await expect(buildPushAction(actionKit)).rejects.toThrow(/does not exist in region eu-west-1/);
  expect([...inputs.names].sort()).toEqual(Object.keys(manifest.inputs).sort());
});

test('a failed main step still leaves the post step its config dir to remove', async () => {
  const { actionKit, state } = kit({ repository: 'strapi', 'commit-sha': 'abc', 'aws-region': 'eu-west-1' });
  await expect(buildPushAction(actionKit)).rejects.toThrow();
  const dir = state.get(DOCKER_CONFIG_STATE) as string;
  expect(state.get(POST_STATE)).toBe('true');
  expect(path.dirname(dir)).toBe(runnerTemp);
  expect(fs.existsSync(dir)).toBe(true);

  await buildPushAction(actionKit);
  expect(fs.existsSync(dir)).toBe(false);
  expect(ecrMock.calls()).toHaveLength(1); // the post step calls no AWS API
});

test('an input error fails before any Docker config is made', async () => {
  const { actionKit, state } = kit({
    repository: 'strapi',
    'commit-sha': 'abc',
    platform: 'windows',
    'aws-region': 'x',
  });
  await expect(buildPushAction(actionKit)).rejects.toThrow(/`platform`/);
  expect(state.has(DOCKER_CONFIG_STATE)).toBe(false);
  expect(fs.readdirSync(runnerTemp)).toEqual([]);
});

test('a failed build or push still leaves its one line in the job summary', async () => {
  const summaryFile = path.join(runnerTemp, 'summary.md');
  fs.writeFileSync(summaryFile, '');
  const savedSummary = process.env.GITHUB_STEP_SUMMARY;
  process.env.GITHUB_STEP_SUMMARY = summaryFile;
  try {
    const { actionKit } = kit({ repository: 'strapi', 'commit-sha': 'abc', 'aws-region': 'eu-west-1' });
    await expect(buildPushAction(actionKit)).rejects.toThrow(/does not exist in region eu-west-1/);
    expect(fs.readFileSync(summaryFile, 'utf8')).toMatch(
      /^## Build and push: ❌ failed\n\n.*does not exist in region eu-west-1/,
    );
  } finally {
    process.env.GITHUB_STEP_SUMMARY = savedSummary;
  }
});
