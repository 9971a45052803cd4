import { RecordingReporter } from '../../support/recording-reporter';
import { createGitHubDeploymentsAccess, runUrl } from '../../../src/action-kit/github-deployments';

describe('GitHub deployments from the runner environment', () => {
  const RUNNER = {
    GITHUB_REPOSITORY: 'acme/cms',
    GITHUB_SHA: 'a'.repeat(40),
    GITHUB_RUN_ID: '77',
    GITHUB_RUN_ATTEMPT: '2',
    GITHUB_SERVER_URL: 'https://ghe.example.com',
    GITHUB_API_URL: 'https://ghe.example.com/api/v3',
  };

  test('the run URL names the attempt, on the runner server', () => {
    expect(runUrl(RUNNER)).toBe('https://ghe.example.com/acme/cms/actions/runs/77/attempts/2');
    expect(runUrl({ GITHUB_REPOSITORY: 'acme/cms', GITHUB_RUN_ID: '77' })).toBe(
      'https://github.com/acme/cms/actions/runs/77',
    );
    expect(runUrl({})).toBeUndefined();
  });

  test.each([
    ['no token', { environment: 'production' }, RUNNER],
    ['no repository', { environment: 'production', token: 't' }, { ...RUNNER, GITHUB_REPOSITORY: '' }],
    [
      'a malformed repository',
      { environment: 'production', token: 't' },
      { ...RUNNER, GITHUB_REPOSITORY: 'acme' },
    ],
    ['no environment', { environment: '', token: 't' }, RUNNER],
  ])('%s: neither read nor recorded, silently', (_name, options, env) => {
    const reporter = new RecordingReporter();
    expect(createGitHubDeploymentsAccess(reporter, options, env)).toEqual({});
    expect(reporter.lines.filter((l) => l.level !== 'debug')).toEqual([]);
  });

  test('with a token: history of the repository environment, and a recorder', () => {
    const access = createGitHubDeploymentsAccess(
      new RecordingReporter(),
      { environment: 'staging', token: 't' },
      RUNNER,
    );
    expect(access.github).toMatchObject({ owner: 'acme', repo: 'cms', environment: 'staging' });
    expect(access.recorder).toBeDefined();
    // Created, not yet used: nothing is recorded before the deploy starts.
    expect(access.recorder?.deploymentId).toBeUndefined();
  });
});
