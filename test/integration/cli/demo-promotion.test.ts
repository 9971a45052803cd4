import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  PRODUCTION,
  runningImage,
  runPromotionDemo,
  STAGING,
  type PromotionStep,
} from '../../../scripts/demo-promotion';
import { startSimulator, type Simulator } from '../../../sim';
import { memoryStream } from '../../support/memory-io';

/** The demo's promotion step on its own simulator, with manual virtual time; the real CLI in-process. */
describe('npm run demo, promotion: staging to production on the rollout simulator', () => {
  let sim: Simulator;
  let steps: PromotionStep[];
  let outputDir: string;
  const stdout = memoryStream();
  const stderr = memoryStream();
  const saved = { ...process.env };

  beforeAll(async () => {
    sim = await startSimulator({ time: 'manual' });
    Object.assign(process.env, sim.env());
    outputDir = fs.mkdtempSync(path.join(os.tmpdir(), 'strapi-deploy-promotion-'));
    const env = { ...process.env };
    for (const key of ['GITHUB_TOKEN', 'GITHUB_REPOSITORY', 'GITHUB_SHA']) delete env[key];
    steps = await runPromotionDemo({
      sim,
      outputDir,
      stdout,
      stderr,
      env,
      say: (line = '') => void stdout.write(`${line}\n`),
      heading: (text) => text,
    });
  });
  afterAll(async () => {
    await sim.close();
    process.env = saved;
    fs.rmSync(outputDir, { recursive: true, force: true });
  });

  test('deploy staging, promote, a failed staging release, its promotion refused', () => {
    expect(steps.map((s) => [s.argv[0], s.exitCode])).toEqual([
      ['deploy', 0],
      ['promote', 0],
      ['deploy', 1],
      ['promote', 2],
    ]);
  });

  test('after the promotion production runs exactly the digest staging runs', () => {
    const promoted = steps[1]!;
    expect(promoted.productionImage).toMatch(/@sha256:[0-9a-f]{64}$/);
    expect(promoted.productionImage).toBe(promoted.stagingImage);
  });

  test('the refused promotion changed nothing: production still runs the promoted digest', () => {
    const refused = steps[3]!;
    expect(refused.stagingImage).toMatch(/:2\.1\.0$/);
    expect(refused.productionImage).toBe(steps[1]!.productionImage);
    expect(runningImage(sim, PRODUCTION)).toBe(steps[1]!.productionImage);
    expect(sim.state.service(STAGING.cluster, STAGING.service)?.deployments).toHaveLength(1);
    expect(stderr.text).toMatch(/failed there according to its deploy-result tag/);
  });

  test('the promotion line and its job summary name the source and the digest', () => {
    expect(stdout.text).toMatch(
      /promoted \S+strapi-staging@sha256:[0-9a-f]{64} from staging \(strapi-staging\)/,
    );
    expect(fs.readFileSync(path.join(outputDir, 'p2-promote.md'), 'utf8')).toMatch(/Promoted from staging/);
  });
});
