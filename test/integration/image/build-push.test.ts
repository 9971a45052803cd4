import * as core from '@actions/core';
import { RecordingReporter } from '../../support/recording-reporter';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CreateRepositoryCommand, type ECRClient } from '@aws-sdk/client-ecr';
import { buildPushAction, DOCKER_CONFIG_STATE } from '../../../src/action-kit/build-push-action';
import type { ActionKit } from '../../../src/action-kit/run-action';
import { JobSummary } from '../../../src/action-kit/job-summary';
import { createAwsClients } from '../../support/aws-clients';
import { buildAndPush, type BuildPushDeps, type BuildPushInputs } from '../../../src/image/build-push';
import { processRunner, type CommandRunner } from '../../../src/image/command-runner';
import { defaultUserDockerConfigDir } from '../../../src/image/docker-config';
import { systemClock } from '../../../src/core/clock';
import { InputReader, mapInputSource } from '../../../src/core/inputs';

import { startSimulator, type Simulator } from '../../../sim';
import { writeTinyApp } from '../../support/tiny-app';
import { describeIfAvailable, missingCommand } from '../../support/components';
import {
  ensureDocker,
  registryManifestDigest,
  removeImagesOf,
  startRegistry,
  type TestRegistry,
} from '../../support/docker';

const PASSWORD = 'registry-password-for-tests';
const SHA = '0123456789abcdef0123456789abcdef01234567';
const describeDocker = describeIfAvailable(
  missingCommand('dockerd', 'docker', 'docker-registry', 'htpasswd', 'busybox'),
);

/** Wraps the real runner to record every docker argv. */
class RecordingRunner implements CommandRunner {
  readonly argvs: string[][] = [];
  run: CommandRunner['run'] = (command, args, options) => {
    this.argvs.push([command, ...args]);
    return processRunner.run(command, args, options);
  };
}

describeDocker('build-push with real docker, a real registry and the ECR simulator', () => {
  let registry: TestRegistry;
  let sim: Simulator;
  let ecr: ECRClient;
  let work: string;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    await ensureDocker();
    registry = await startRegistry({
      username: 'AWS',
      password: PASSWORD,
      isImmutable: (repository) => sim.state.isTagImmutable(repository),
    });
    sim = await startSimulator({ registry: { url: registry.url, username: 'AWS', password: PASSWORD } });
    Object.assign(process.env, sim.env());
    ecr = createAwsClients({ region: sim.region }).ecr;
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'build-push-it-'));
  }, 120_000);

  afterAll(async () => {
    if (registry) await removeImagesOf(registry.host);
    await sim?.close();
    await registry?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
    process.env = savedEnv;
  });

  const request = (overrides: Partial<BuildPushInputs>): BuildPushInputs => ({
    region: sim.region,
    repository: 'strapi',
    createRepository: true,
    context: '.',
    commitSha: SHA,
    tags: [SHA],
    skipIfExists: true,
    buildArgs: {},
    platform: 'linux/amd64',
    provenance: false,
    cache: true,
    ...overrides,
  });
  const deps = (overrides: Partial<BuildPushDeps> = {}): BuildPushDeps => ({
    ecr,
    reporter: new RecordingReporter(),
    clock: systemClock,
    maskSecret: () => undefined,
    ...overrides,
  });

  test('pushes, and the digest output is the digest the registry holds', async () => {
    const app = writeTinyApp(path.join(work, 'first'), 'hello\n');
    const outcome = await buildAndPush(
      deps({ cwd: app }),
      request({ repository: 'first', tags: [SHA, 'latest'] }),
    );

    const held = await registryManifestDigest(registry, 'first', SHA);
    expect(held).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(outcome).toMatchObject({
      built: true,
      builder: 'docker',
      digest: held,
      imageUri: `${registry.host}/first@${held}`,
      imageTagUri: `${registry.host}/first:${SHA}`,
      repositoryCreated: true,
    });
    expect(await registryManifestDigest(registry, 'first', 'latest')).toBe(held);
    expect(sim.state.repository('first')?.scanOnPush).toBe(true);
  });

  test('skip-if-exists: the second run for the same commit builds nothing and returns the same digest', async () => {
    const app = writeTinyApp(path.join(work, 'again'), 'v1\n');
    const first = await buildAndPush(deps({ cwd: app }), request({ repository: 'again' }));
    const runner = new RecordingRunner();
    const started = Date.now();
    const second = await buildAndPush(deps({ cwd: app, runner }), request({ repository: 'again' }));

    expect(second).toMatchObject({ built: false, digest: first.digest, imageUri: first.imageUri });
    expect(runner.argvs).toEqual([]);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  test('a second build after a one-file change reuses the cached layers', async () => {
    // Unique content: the daemon is shared and keeps its layer cache between runs.
    const nonce = `${process.pid}-${Date.now()}`;
    const app = writeTinyApp(path.join(work, 'cache'), `v1 ${nonce}\n`);
    await buildAndPush(deps({ cwd: app }), request({ repository: 'cache', commitSha: 'c1', tags: ['c1'] }));
    fs.writeFileSync(path.join(app, 'app.txt'), `v2 ${nonce}\n`);
    const second = await buildAndPush(
      deps({ cwd: app }),
      request({ repository: 'cache', commitSha: 'c2', tags: ['c2'] }),
    );
    expect(second.cache).toEqual({ cachedSteps: 1, totalSteps: 3 });
  });

  test('pushing over an existing tag of an immutable repository is refused with ECR’s words', async () => {
    await ecr.send(
      new CreateRepositoryCommand({ repositoryName: 'locked', imageTagMutability: 'IMMUTABLE' }),
    );
    const app = writeTinyApp(path.join(work, 'locked'), 'one\n');
    await buildAndPush(deps({ cwd: app }), request({ repository: 'locked' }));
    fs.writeFileSync(path.join(app, 'app.txt'), 'two\n');

    await expect(
      buildAndPush(deps({ cwd: app }), request({ repository: 'locked', skipIfExists: false })),
    ).rejects.toThrow(
      `The registry refused the push of ${registry.host}/locked:${SHA}: tag invalid: The image tag '${SHA}' already exists in the 'locked' repository and cannot be overwritten because the repository is immutable.`,
    );
  });

  test('a refused login names the registry and never the password', async () => {
    const wrong = await startSimulator({
      registry: { url: registry.url, username: 'AWS', password: 'not-the-password' },
    });
    const wrongEcr = createAwsClients({ region: wrong.region }).ecr;
    const endpoint = process.env.AWS_ENDPOINT_URL_ECR;
    process.env.AWS_ENDPOINT_URL_ECR = wrong.env().AWS_ENDPOINT_URL_ECR;
    try {
      await wrongEcr.send(new CreateRepositoryCommand({ repositoryName: 'strapi' }));
      const app = writeTinyApp(path.join(work, 'login'), 'x\n');
      // skip-if-exists off: this simulator's own registry look-ups would use the wrong password too.
      const error = await buildAndPush(
        deps({ ecr: wrongEcr, cwd: app }),
        request({ skipIfExists: false }),
      ).catch((e: Error) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(
        new RegExp(`^docker login to ${registry.host} was refused: .*401 Unauthorized`),
      );
      expect((error as Error).message).not.toContain('not-the-password');
    } finally {
      process.env.AWS_ENDPOINT_URL_ECR = endpoint;
      await wrong.close();
    }
  });

  test('a failed build shows the last 30 lines of its log, not the whole log', async () => {
    const app = writeTinyApp(
      path.join(work, 'broken'),
      'x\n',
      'RUN ["/bin/busybox", "sh", "-c", "for i in $(/bin/busybox seq 1 40); do echo build-line-$i; done; exit 3"]',
    );
    const error = (await buildAndPush(deps({ cwd: app }), request({ repository: 'broken' })).catch(
      (e) => e,
    )) as Error;
    expect(error.message).toMatch(/^The image build failed \(exit \d+\)\. Last 30 lines of the build log:/);
    expect(error.message.split('\n')).toHaveLength(31);
    expect(error.message).toContain('build-line-40');
    expect(error.message).not.toMatch(/build-line-1\b/);
  });

  test('no Docker daemon is an actionable error', async () => {
    const app = writeTinyApp(path.join(work, 'nodaemon'), 'x\n');
    const host = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = `unix://${path.join(work, 'no-such.sock')}`;
    try {
      await expect(buildAndPush(deps({ cwd: app }), request({ repository: 'nodaemon' }))).rejects.toThrow(
        /^No Docker daemon is reachable at unix:\/\/.*no-such\.sock: .* Start Docker, or point DOCKER_HOST at a running daemon\.$/,
      );
    } finally {
      process.env.DOCKER_HOST = host;
    }
  });

  test('the action: token masked, outputs set, summary written, private Docker config gone after the post step', async () => {
    const app = writeTinyApp(path.join(work, 'action'), 'action\n');
    const runnerTemp = fs.mkdtempSync(path.join(work, 'runner-temp-'));
    const summaryFile = path.join(work, 'summary.md');
    fs.writeFileSync(summaryFile, '');
    const savedCwd = process.cwd();
    Object.assign(process.env, { RUNNER_TEMP: runnerTemp, GITHUB_STEP_SUMMARY: summaryFile });
    const state = new Map<string, string>();
    const outputs: Record<string, string> = {};
    const reporter = new RecordingReporter();
    const kit: ActionKit = {
      // As the runner's source does: every secret the step learns is masked with core.setSecret.
      inputs: new InputReader({
        ...mapInputSource({
          repository: 'action',
          'create-repository': 'true',
          'commit-sha': SHA,
          'aws-region': sim.region,
        }),
        maskSecret: (value) => core.setSecret(value),
      }),
      reporter,
      clock: systemClock,
      setOutput: (name, value) => (outputs[name] = String(value)),
      summary: new JobSummary(reporter),
      saveState: (name, value) => state.set(name, value),
      getState: (name) => state.get(name) ?? '',
      signal: new AbortController().signal,
      env: process.env,
    };
    const written: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      process.chdir(app);
      await buildPushAction(kit);
      const configDir = state.get(DOCKER_CONFIG_STATE) as string;
      expect(path.dirname(configDir)).toBe(runnerTemp);
      expect(fs.readFileSync(path.join(configDir, 'config.json'), 'utf8')).toContain(registry.host);

      const userConfig = path.join(defaultUserDockerConfigDir(), 'config.json');
      expect(fs.existsSync(userConfig) ? fs.readFileSync(userConfig, 'utf8') : '').not.toContain(
        registry.host,
      );

      await buildPushAction(kit); // the post step: same bundle, isPost state set
      expect(fs.existsSync(configDir)).toBe(false);
    } finally {
      write.mockRestore();
      process.chdir(savedCwd);
    }
    const token = Buffer.from(`AWS:${PASSWORD}`).toString('base64');
    expect(written.join('')).toContain(`::add-mask::${token}`);
    expect(written.join('')).toContain(`::add-mask::${PASSWORD}`);
    const digest = await registryManifestDigest(registry, 'action', SHA);
    expect(outputs).toEqual({
      'image-uri': `${registry.host}/action@${digest}`,
      'image-tag-uri': `${registry.host}/action:${SHA}`,
      digest,
      built: 'true',
    });
    expect(fs.readFileSync(summaryFile, 'utf8')).toContain(`\`${registry.host}/action@${digest}\``);
  });
});
