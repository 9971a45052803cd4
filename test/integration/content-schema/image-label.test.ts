import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CONTENT_SCHEMA_LABEL, decodeSchemaLabel } from '../../../src/content-schema';
import { systemClock } from '../../../src/core/clock';
import { buildAndPush, type BuildPushInputs } from '../../../src/image/build-push';
import { processRunner } from '../../../src/image/command-runner';
import { runDeploy } from '../../../src/use-cases/deploy';
import { startSimulator, type Simulator } from '../../../sim';
import { createAwsClients } from '../../support/aws-clients';
import { describeIfAvailable, missingCommand } from '../../support/components';
import { ensureDocker, removeImagesOf, startRegistry, type TestRegistry } from '../../support/docker';
import { RecordingReporter } from '../../support/recording-reporter';
import { deployInputs, simulatedJob } from '../../support/simulated-aws';
import { writeTinyApp } from '../../support/tiny-app';

/**
 * The schema label for real: build-push writes it with real docker into a real registry (docker-registry
 * with basic auth, as ECR answers `docker login`), and deploy reads it back through the ECR API
 * (BatchGetImage, GetDownloadUrlForLayer) that the simulator serves from that registry.
 */
const PASSWORD = 'registry-password-for-schema-tests';
const describeDocker = describeIfAvailable(
  missingCommand('dockerd', 'docker', 'docker-registry', 'htpasswd', 'busybox'),
);

/** A tiny app with one Strapi content type (written by hand, in the starter's shape). */
function strapiApp(dir: string, attributes: Record<string, unknown>): string {
  writeTinyApp(dir, `${JSON.stringify(attributes)} ${process.pid} ${Date.now()}\n`);
  const types = path.join(dir, 'src/api/article/content-types/article');
  fs.mkdirSync(types, { recursive: true });
  fs.writeFileSync(path.join(types, 'schema.json'), JSON.stringify({ kind: 'collectionType', attributes }));
  return dir;
}

describeDocker('the content-schema label: written by build-push, read by deploy', () => {
  let registry: TestRegistry;
  let sim: Simulator;
  let work: string;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    await ensureDocker();
    registry = await startRegistry({ username: 'AWS', password: PASSWORD });
    sim = await startSimulator({ registry: { url: registry.url, username: 'AWS', password: PASSWORD } });
    Object.assign(process.env, sim.env());
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-label-it-'));
  }, 120_000);

  afterAll(async () => {
    if (registry) await removeImagesOf(registry.host);
    await sim?.close();
    await registry?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
    process.env = savedEnv;
  });

  const build = async (name: string, attributes: Record<string, unknown>): Promise<string> => {
    const request: BuildPushInputs = {
      region: sim.region,
      repository: 'cms',
      createRepository: true,
      context: '.',
      commitSha: name,
      tags: [name],
      skipIfExists: false,
      buildArgs: {},
      platform: 'linux/amd64',
      provenance: false,
      cache: false,
    };
    const reporter = new RecordingReporter();
    const outcome = await buildAndPush(
      {
        ecr: createAwsClients({ region: sim.region }).ecr,
        reporter,
        clock: systemClock,
        maskSecret: () => undefined,
        runner: processRunner,
        cwd: strapiApp(path.join(work, name), attributes),
      },
      request,
    );
    expect(reporter.lines.map((l) => l.message)).toContainEqual(
      expect.stringMatching(
        /^Labelling the image with its content schema \(1 types and components, \d+ bytes\)\.$/,
      ),
    );
    return outcome.imageUri;
  };

  test('the label in the registry holds the schema; a release that drops a field is stopped', async () => {
    const first = await build('v1', { title: { type: 'string' }, body: { type: 'richtext' } });
    const second = await build('v2', { title: { type: 'string' } });

    // What docker itself says the image carries.
    const inspect = await processRunner.run('docker', [
      'image',
      'inspect',
      '--format',
      `{{index .Config.Labels "${CONTENT_SCHEMA_LABEL}"}}`,
      first.replace(/@.*$/, ':v1'),
    ]);
    expect(decodeSchemaLabel(inspect.stdout.trim())?.contentTypes['api::article.article']).toEqual({
      attributes: { body: { type: 'richtext' }, title: { type: 'string' } },
    });

    await sim.seedService({ cluster: 'strapi', service: 'cms', image: first, desiredCount: 1 });
    const { env, reporter } = simulatedJob(sim);
    await expect(runDeploy(env, { inputs: deployInputs('strapi', 'cms', second) })).rejects.toMatchObject({
      input: 'allow-destructive-schema',
      message: expect.stringContaining('attribute api::article.article.body (richtext) removed'),
    });
    expect(reporter.lines.map((l) => l.message)).toContain(
      'Content schema: destructive; attribute api::article.article.body (richtext) removed.',
    );
    expect(sim.state.service('strapi', 'cms')?.taskDefinition).toMatch(/:1$/);
    expect(sim.schemaViolations).toEqual([]);
  }, 180_000);
});
