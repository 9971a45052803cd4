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

/**
 * Every rule: informational ones (-c I), experimental ones (-e), and E/W/I even where a template would
 * exclude them (--mandatory-checks). The `--` matters: --mandatory-checks takes any number of values, so
 * without it the file names are read as rule ids and cfn-lint lints stdin instead of the templates.
 */
const ALL_RULES = ['-c', 'I', '-e', '--mandatory-checks', 'E', 'W', 'I', '--regions', 'ap-south-1', '--'];

describeIfAvailable(missingCommand('cfn-lint'))('cfn-lint', () => {
  test('the shipped templates have no findings with every rule on (errors, warnings, informational, experimental)', () => {
    const files = TEMPLATE_FILES.map((f) => path.join('templates', f));
    const run = spawnSync('cfn-lint', [...ALL_RULES, ...files], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    // Exit code 0 = clean; 2 = errors, 4 = warnings, 8 = informational (bit flags).
    expect({ status: run.status, output: `${run.stdout}${run.stderr}`.trim() }).toEqual({
      status: 0,
      output: '',
    });
  });

  test('with these flags an informational finding fails too (the I rules are really on)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cfn-lint-'));
    const file = path.join(dir, 'informational.yaml');
    // Valid, but a stateful resource without DeletionPolicy/UpdateReplacePolicy: I3011 only.
    writeFileSync(
      file,
      'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      DBInstanceClass: db.t3.micro\n      AllocatedStorage: "20"\n      MasterUsername: a\n      ManageMasterUserPassword: true\n      BackupRetentionPeriod: 7\n',
    );
    const run = spawnSync('cfn-lint', [...ALL_RULES, file], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    expect(run.status).toBe(8);
    expect(run.stdout).toContain('I3011');
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
