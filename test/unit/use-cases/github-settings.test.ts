import { RecordingReporter } from '../../support/recording-reporter';
import { readGitHubSettings, runUrl } from '../../../src/action-kit/present-release';
import { openJobContext } from '../../../src/use-cases/job-context';
import { recordingActionKit } from '../../support/action-kit';

const clock = { now: () => 0, sleep: async () => undefined };
const RUNNER = {
  GITHUB_REPOSITORY: 'acme/cms',
  GITHUB_SHA: 'a'.repeat(40),
  GITHUB_RUN_ID: '77',
  GITHUB_RUN_ATTEMPT: '2',
  GITHUB_SERVER_URL: 'https://ghe.example.com',
  GITHUB_API_URL: 'https://ghe.example.com/api/v3',
};

describe('GitHub deployments from the runner environment', () => {
  test('the run URL names the attempt, on the runner server', () => {
    expect(runUrl(RUNNER)).toBe('https://ghe.example.com/acme/cms/actions/runs/77/attempts/2');
    expect(runUrl({ GITHUB_REPOSITORY: 'acme/cms', GITHUB_RUN_ID: '77' })).toBe(
      'https://github.com/acme/cms/actions/runs/77',
    );
    expect(runUrl({})).toBeUndefined();
  });

  test.each([
    ['no token', {}, RUNNER],
    ['no repository', { 'github-token': 't' }, { ...RUNNER, GITHUB_REPOSITORY: '' }],
    ['a malformed repository', { 'github-token': 't' }, { ...RUNNER, GITHUB_REPOSITORY: 'acme' }],
  ])('%s: neither read nor recorded, said only at debug level', async (_name, inputs, env) => {
    const { kit } = recordingActionKit(inputs, clock, { env });
    const reporter = new RecordingReporter();
    const ctx = await openJobContext({ clock, reporter, github: readGitHubSettings(kit) }, 'ap-south-1');
    expect(ctx.github).toBeUndefined();
    expect(ctx.recorder.githubDeploymentId).toBeUndefined();
    expect(reporter.lines.map((l) => l.level)).toEqual(['debug']);
  });

  test('with a token: the repository environment, the runner commit as ref, the run as log', async () => {
    const { kit } = recordingActionKit({ 'github-token': 't', environment: 'staging' }, clock, {
      env: RUNNER,
    });
    const settings = readGitHubSettings(kit);
    expect(settings).toMatchObject({
      environment: 'staging',
      repository: { owner: 'acme', repo: 'cms' },
      ref: 'a'.repeat(40),
      runUrl: 'https://ghe.example.com/acme/cms/actions/runs/77/attempts/2',
    });
    const ctx = await openJobContext(
      { clock, reporter: new RecordingReporter(), github: settings },
      'ap-south-1',
    );
    expect(ctx.github).toMatchObject({ owner: 'acme', repo: 'cms', environment: 'staging' });
    // Created, not yet used: nothing is recorded before a release starts.
    expect(ctx.recorder.githubDeploymentId).toBeUndefined();
  });
});
