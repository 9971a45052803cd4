import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describeIfAvailable, missingCommand } from '../../support/components';
import { REPO_ROOT } from './support';
import { TEMPLATE_FILES } from './template-loader';

test.each(TEMPLATE_FILES)(
  '%s fits in a TemplateBody (51,200 bytes), so no S3 bucket is needed to deploy it',
  (file) => {
    expect(statSync(path.join(REPO_ROOT, 'templates', file)).size).toBeLessThan(51_200);
  },
);

describeIfAvailable(missingCommand('cfn-lint'))('cfn-lint', () => {
  test('the shipped templates have no errors or warnings in ap-south-1', () => {
    const files = TEMPLATE_FILES.map((f) => path.join('templates', f));
    const run = spawnSync('cfn-lint', ['--regions', 'ap-south-1', '--', ...files], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    // Exit code 0 = clean; 2 = errors, 4 = warnings, 8 = informational (bit flags).
    expect({ status: run.status, output: `${run.stdout}${run.stderr}`.trim() }).toEqual({
      status: 0,
      output: '',
    });
  });

  test('cfn-lint does fail on a broken template (the check can fail)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cfn-lint-'));
    const broken = path.join(dir, 'broken.yaml');
    writeFileSync(
      broken,
      'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      NoSuchProperty: 1\n',
    );
    const run = spawnSync('cfn-lint', ['--regions', 'ap-south-1', '--', broken], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    expect(run.status).not.toBe(0);
    expect(run.stdout).toContain('NoSuchProperty');
  });
});
