import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobSummary, maskSecrets } from '../../../src/action-kit/job-summary';
import { RecordingReporter } from '../../support/recording-reporter';

describe('the job summary masks every value the step read as secret (the runner masks only the log)', () => {
  test.each([
    ['a token in a log line', 'auth failed for ghs_abcdef123', ['ghs_abcdef123'], 'auth failed for ***'],
    ['every occurrence', 'p4ssw0rd and p4ssw0rd', ['p4ssw0rd'], '*** and ***'],
    [
      'the longest first, when one secret contains another',
      'key=abcd-efgh',
      ['abcd', 'abcd-efgh'],
      'key=***',
    ],
    // Three characters or fewer would mask ordinary words all over the summary.
    ['too short to mask safely', 'a b c', ['b'], 'a b c'],
  ])('%s', (_name, text, secrets, expected) => {
    expect(maskSecrets(text, secrets)).toBe(expected);
  });

  test('write() masks before the file is written', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'summary-')), 'summary.md');
    writeFileSync(file, '');
    const saved = process.env.GITHUB_STEP_SUMMARY;
    process.env.GITHUB_STEP_SUMMARY = file;
    try {
      await new JobSummary(new RecordingReporter(), new Set(['s3cr3t-value'])).write(
        'log: password=s3cr3t-value\n',
      );
      expect(readFileSync(file, 'utf8')).toContain('log: password=***\n');
      expect(readFileSync(file, 'utf8')).not.toContain('s3cr3t');
    } finally {
      process.env.GITHUB_STEP_SUMMARY = saved;
    }
  });
});
