import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { memoryStream } from '../../support/memory-io';
import { runDemo, type DemoResult } from '../../../scripts/demo';

/**
 * The README's first command, as a test: the same sequence, the same CLI code, the same simulator,
 * with manual virtual time (moved by the engine's waits) so it takes no real waiting.
 */
describe('npm run demo: a release cycle on the rollout simulator', () => {
  let result: DemoResult;
  let outputDir: string;
  const stdout = memoryStream();
  const stderr = memoryStream();

  beforeAll(async () => {
    outputDir = fs.mkdtempSync(path.join(os.tmpdir(), 'strapi-deploy-demo-'));
    result = await runDemo({ time: 'manual', outputDir, stdout, stderr });
  });
  afterAll(() => fs.rmSync(outputDir, { recursive: true, force: true }));

  test('each step ends with the expected exit code and verdict', () => {
    expect(result.steps.map((s) => [s.argv[0], s.exitCode, s.verdict, s.runningAfter])).toEqual([
      ['deploy', 0, '✅ succeeded', 'strapi:2'],
      ['deploy', 1, '↩️ rolled-back', 'strapi:2'],
      ['deploy', 2, 'exit 2', 'strapi:2'],
      ['deploy', 0, '✅ succeeded', 'strapi:4'],
      ['rollback', 0, '✅ succeeded', 'strapi:1'],
      ['status', 0, 'ok', 'strapi:1'],
      ['history', 0, 'ok', 'strapi:1'],
      ['deploy', 1, '❌ failed', 'strapi:1'],
    ]);
  });

  test('then staging to production: promoted (exit 0), a failed staging release refused (exit 2)', () => {
    expect(result.promotion.map((s) => [s.argv[0], s.exitCode])).toEqual([
      ['deploy', 0],
      ['promote', 0],
      ['deploy', 1],
      ['promote', 2],
    ]);
    expect(result.promotion[1]?.productionImage).toBe(result.promotion[1]?.stagingImage);
  });

  test('the service ends on the first release', () => {
    expect(result.firstRevision).toBe('strapi:1');
    expect(result.finalRevision).toBe('strapi:1');
  });

  test('the crash is diagnosed: stop reason, exit code and the log tail, on the terminal and in the summary', () => {
    expect(stderr.text).toContain('EssentialContainerExited');
    expect(stderr.text).toContain("Error: Cannot find module 'pg'");
    const summary = fs.readFileSync(path.join(outputDir, '2-deploy-1.2.0.md'), 'utf8');
    expect(summary).toContain('| Revision | strapi:2 | strapi:3 |');
    expect(summary).toContain("Cannot find module 'pg'");
    expect(summary).toContain(
      'EssentialContainerExited: "Essential container in task exited": strapi exit 1',
    );
  });

  test('the failed deploy was caught fast, not at the wait timeout', () => {
    // Two crashed tasks (8 s each, after pulling) plus one poll, then the rollback's own rollout.
    expect(result.steps[1]?.virtualSeconds).toBeLessThan(180);
  });

  test('a release that drops Article.body: stopped with exit 2, then allowed after a snapshot the rollback names', () => {
    expect(stderr.text).toContain(
      'Option --allow-destructive-schema is false and this release would lose content Strapi drops at boot',
    );
    expect(stderr.text).toContain('attribute api::article.article.body (richtext) removed');
    const snapshotId = /Creating snapshot (strapi-deploy-strapi-\d{8}-\d{6}) of DB instance strapi-db\./.exec(
      stderr.text,
    )?.[1];
    expect(snapshotId).toBeDefined();
    const deploy = fs.readFileSync(path.join(outputDir, '4-deploy-1.3.0.md'), 'utf8');
    expect(deploy).toContain('### Content schema');
    expect(deploy).toContain(`Database snapshot before the rollout: \`${snapshotId}\` of \`strapi-db\``);
    const rollback = fs.readFileSync(path.join(outputDir, '5-rollback.md'), 'utf8');
    expect(rollback).toContain(
      `aws rds restore-db-instance-from-db-snapshot --db-snapshot-identifier ${snapshotId} --db-instance-identifier`,
    );
  });

  test('writes the job summaries and status/history show the final state', () => {
    expect(fs.readdirSync(outputDir).sort()).toEqual([
      '1-deploy-1.1.0.md',
      '2-deploy-1.2.0.md',
      '4-deploy-1.3.0.md',
      '5-rollback.md',
      '8-deploy-1.4.0-run-before.md',
      'p2-promote.md',
    ]);
    expect(fs.readFileSync(path.join(outputDir, '5-rollback.md'), 'utf8')).toMatch(
      /^## Rollback strapi: ✅ succeeded/,
    );
    expect(stdout.text).toMatch(/Running\s+strapi:1\s+2\/2 running/);
    expect(stdout.text).toMatch(/\* strapi:1 /);
    // The history knows how each release ended (the deploy-result tag the CLI records, as the action does).
    expect(stdout.text).toMatch(
      /strapi:3\s+deploy\s+failure .*strapi:1\.2\.0\n\s+strapi:2\s+deploy\s+success .*strapi:1\.1\.0/,
    );
    expect(stdout.text).toContain('First release strapi:1; the service ends on strapi:1.');
  });

  test('a failed data import (run-before) skips the rollout: exit code, stop reason and log tail in the summary', () => {
    const summary = fs.readFileSync(path.join(outputDir, '8-deploy-1.4.0-run-before.md'), 'utf8');
    expect(summary).toMatch(/^## Deploy strapi: ❌ failed/);
    expect(summary).toContain('| Rollout | skipped: the service was not changed |');
    expect(summary).toMatch(
      /\| Run before \| `npm run strapi -- import -f \/data\/export\.tar\.gz --force` on strapi:5: failed in \d+ s \(exit 1\) \|/,
    );
    expect(summary).toContain('error: Import failed: relation "components_shared_seos" does not exist');
    expect(summary).toContain('The rollout was skipped: strapi still runs strapi:1.');
  });
});
