import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CreateRepositoryCommand } from '@aws-sdk/client-ecr';
import { deployAction } from '../../../src/action-kit/deploy-action';
import { DOCKER_CONFIG_STATE } from '../../../src/action-kit/build-push-action';
import { createAwsClients } from '../../support/aws-clients';
import { startSimulator, type Simulator } from '../../../sim';
import { recordingActionKit } from '../../support/action-kit';
import { writeTinyApp } from '../../support/tiny-app';
import { describeIfAvailable, missingCommand } from '../../support/components';
import {
  ensureDocker,
  registryManifestDigest,
  removeImagesOf,
  startRegistry,
  type TestRegistry,
} from '../../support/docker';

// The root action, the one-step deploy, for real: docker builds a tiny image, pushes it to a real
// registry behind the ECR simulator, and the deploy engine rolls the simulated service onto the
// digest it pushed. Then the post step removes the private Docker config.

const PASSWORD = 'root-action-registry-password';
const SHA = 'feedfacefeedfacefeedfacefeedfacefeedface';
const CLUSTER = 'site';
const describeDocker = describeIfAvailable(
  missingCommand('dockerd', 'docker', 'docker-registry', 'htpasswd', 'busybox'),
);

describeDocker('root action: build, push and roll out in one step', () => {
  let registry: TestRegistry;
  let sim: Simulator;
  let work: string;
  const savedEnv = { ...process.env };
  const savedCwd = process.cwd();

  beforeAll(async () => {
    await ensureDocker();
    registry = await startRegistry({ username: 'AWS', password: PASSWORD });
    sim = await startSimulator({ registry: { url: registry.url, username: 'AWS', password: PASSWORD } });
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'root-action-it-'));
    Object.assign(process.env, sim.env(), { RUNNER_TEMP: work, GITHUB_SHA: SHA });
    delete process.env.GITHUB_STEP_SUMMARY;
    await createAwsClients({ region: sim.region }).ecr.send(
      new CreateRepositoryCommand({ repositoryName: 'site' }),
    );
  }, 120_000);

  afterAll(async () => {
    process.chdir(savedCwd);
    if (registry) await removeImagesOf(registry.host);
    await sim?.close();
    await registry?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
    process.env = savedEnv;
  });

  test('the service ends on the digest that was pushed, and the post step removes the ECR login', async () => {
    await sim.seedService({
      cluster: CLUSTER,
      service: 'web',
      image: `${registry.host}/site:v0`,
      desiredCount: 2,
    });
    process.chdir(writeTinyApp(path.join(work, 'app'), 'release one\n'));
    const run = recordingActionKit(
      {
        repository: 'site',
        cluster: CLUSTER,
        service: 'web',
        'aws-region': sim.region,
        environment: 'production',
      },
      sim.clock,
    );

    await deployAction(run.kit);

    const digest = await registryManifestDigest(registry, 'site', SHA);
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(run.outputs).toMatchObject({
      'image-uri': `${registry.host}/site@${digest}`,
      'image-tag-uri': `${registry.host}/site:${SHA}`,
      digest,
      built: 'true',
      status: 'succeeded',
      'task-definition-arn': expect.stringMatching(/task-definition\/web:2$/),
      'previous-task-definition-arn': expect.stringMatching(/task-definition\/web:1$/),
    });
    const service = sim.state.service(CLUSTER, 'web');
    expect(service?.taskDefinition).toBe(run.outputs['task-definition-arn']);
    const registered = sim.state.taskDefinition(service?.taskDefinition ?? '') as
      { containerDefinitions: { image: string }[] } | undefined;
    expect(registered?.containerDefinitions[0]?.image).toBe(`${registry.host}/site@${digest}`);

    // The post step, run by the runner with the state the main step saved.
    const dockerConfig = run.state.get(DOCKER_CONFIG_STATE) ?? '';
    expect(fs.readFileSync(path.join(dockerConfig, 'config.json'), 'utf8')).toContain(registry.host);
    await deployAction(run.kit);
    expect(fs.existsSync(dockerConfig)).toBe(false);
  });

  test('a bad deploy input fails before anything is built or pushed', async () => {
    process.chdir(writeTinyApp(path.join(work, 'typo'), 'never built\n'));
    const run = recordingActionKit(
      {
        repository: 'site',
        cluster: CLUSTER,
        service: 'web',
        'aws-region': sim.region,
        'wait-minutes': '600',
        'commit-sha': 'c0ffee',
      },
      sim.clock,
    );
    const before = sim.requests.length;

    await expect(deployAction(run.kit)).rejects.toThrow(
      'Input `wait-minutes` must be between 1 and 120, got 600.',
    );
    expect(sim.requests.slice(before)).toEqual([]);
    expect(await registryManifestDigest(registry, 'site', 'c0ffee')).toBeUndefined();
  });
});
