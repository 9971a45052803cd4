import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { actionFiles, packWorkflowFiles, ROOT, starterWorkflowFiles } from './repo-files';
import { describeFinding, runGithubValidators, type ValidationReport } from './run-github-validators';

// GitHub's own validators (the workflow parser behind the Actions UI, through its language service, which
// also resolves called reusable workflows and `uses:` metadata of the pack's actions) and actionlint 1.7
// over every workflow and action.yml in the repository, as they are now.
const files = [...packWorkflowFiles(), ...starterWorkflowFiles(), ...actionFiles().map((a) => a.path)];

describe('GitHub validators on the repository', () => {
  let report: ValidationReport;
  beforeAll(() => {
    report = runGithubValidators();
  });

  test('validated every workflow and action.yml found', () => {
    expect(report.files.sort()).toEqual([...files].sort());
  });

  test.each(files)('%s has no errors or warnings', (file) => {
    const problems = report.findings
      .filter((f) => f.file === file && f.severity !== 'info')
      .map(describeFinding);
    expect(problems).toEqual([]);
  });
});

// Proof that the validators above can fail: known-bad files from test/fixtures/workflows-invalid, placed
// where the real ones live (in memory only), each with the finding that must come out.
describe('GitHub validators catch known defects', () => {
  const fixtures = join(ROOT, 'test', 'fixtures', 'workflows-invalid');
  const placed: Record<string, string> = {};
  for (const name of readdirSync(fixtures)) {
    // action-yml-<case>.yml is an action.yml; anything else a workflow.
    const at = name.startsWith('action-yml-')
      ? `actions/zz-${name.slice(11, -4)}/action.yml`
      : `.github/workflows/zz-${name}`;
    placed[at] = readFileSync(join(fixtures, name), 'utf8');
  }
  let report: ValidationReport;
  beforeAll(() => {
    report = runGithubValidators({ overrides: placed, only: Object.keys(placed) });
  });
  const messages = (file: string, tool: string): string[] =>
    report.findings.filter((f) => f.file === file && f.tool === tool).map((f) => f.message);

  test('actionlint: an untrusted value expanded inside run:', () => {
    expect(messages('.github/workflows/zz-script-injection.yml', 'actionlint')).toEqual([
      expect.stringContaining('"github.event.pull_request.title" is potentially untrusted'),
    ]);
  });

  test('parser: a call to a local reusable workflow without a required input, with an unknown one', () => {
    expect(messages('.github/workflows/zz-reusable-call-inputs.yml', 'languageservice').sort()).toEqual([
      'Input aws-region is required, but not provided while calling.',
      'Invalid input, stack-nmae is not defined in the referenced workflow.',
    ]);
  });

  test("language service: a step using the pack's action with an unknown input and a missing required one", () => {
    expect(messages('.github/workflows/zz-action-step-inputs.yml', 'languageservice').sort()).toEqual([
      "Invalid action input 'servise'",
      'Missing required input `service`',
    ]);
  });

  test('language service: a `./actions/...` step with an unknown input and a missing required one', () => {
    expect(messages('.github/workflows/zz-local-action-inputs.yml', 'languageservice').sort()).toEqual([
      "Invalid action input 'servise'",
      'Missing required input `service`',
    ]);
  });

  test('actionlint: needs a job that does not exist, reads a step that does not exist', () => {
    const found = messages('.github/workflows/zz-undefined-job.yml', 'actionlint');
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringContaining('needs job "first" which does not exist'),
        expect.stringContaining('property "nope" is not defined'),
      ]),
    );
  });

  test('action schema: a runtime that does not exist', () => {
    expect(messages('actions/zz-bad-runtime/action.yml', 'languageservice')).toEqual([
      "Unexpected value 'node99'",
    ]);
  });
});
