import { describeIfAvailable, missingExecutable, testIfAvailable } from '../../support/components';

const CI = process.env.CI;
afterEach(() => {
  if (CI === undefined) delete process.env.CI;
  else process.env.CI = CI;
  jest.restoreAllMocks();
});

describe('a missing component: a visible skip on a workstation, a failure under CI', () => {
  test.each<[string, (missing: string | undefined) => unknown, unknown, unknown]>([
    ['describeIfAvailable', describeIfAvailable, describe, describe.skip],
    ['testIfAvailable', testIfAvailable, test, test.skip],
  ])('%s', (_name, pick, available, skipped) => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    process.env.CI = 'false';
    expect(pick(undefined)).toBe(available);
    expect(warn).not.toHaveBeenCalled();
    expect(pick('chromium is not installed')).toBe(skipped);
    expect(warn).toHaveBeenCalledWith('SKIPPED: chromium is not installed');
    process.env.CI = 'true';
    expect(pick(undefined)).toBe(available);
    expect(() => pick('chromium is not installed')).toThrow(
      'Required test component missing under CI: chromium is not installed',
    );
  });
});

test.each<[string, string, string | undefined]>([
  ['an executable that runs', process.execPath, undefined],
  [
    'a path with nothing there',
    '/nonexistent/chromium',
    '/nonexistent/chromium is not installed (apt-get install chromium)',
  ],
])('missingExecutable: %s', (_name, file, expected) => {
  expect(missingExecutable(file, 'apt-get install chromium')).toBe(expected);
});
