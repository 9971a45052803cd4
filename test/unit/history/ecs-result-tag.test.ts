import { RecordingReporter } from '../../support/recording-reporter';
import { ECSClient, TagResourceCommand } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';

import type { DeployOutcome } from '../../../src/deploy';
import { combineRecorders, createEcsResultRecorder } from '../../../src/history';

const ARN = 'arn:aws:ecs:ap-south-1:123456789012:task-definition/cms:7';
const INFO = {
  cluster: 'prod',
  service: 'cms',
  image: 'r/cms:v7',
  region: 'ap-south-1',
  consoleUrl: 'https://c',
};
const outcome = { taskDefinitionArn: ARN } as DeployOutcome;

describe('the deploy-result tag', () => {
  const ecsMock = mockClient(ECSClient);
  beforeEach(() => ecsMock.reset());

  test.each([
    ['success', 'success'],
    ['failure', 'failure'],
  ] as const)('a %s deploy tags its revision deploy-result=%s', async (status, value) => {
    ecsMock.on(TagResourceCommand).resolves({});
    const regions: string[] = [];
    const recorder = createEcsResultRecorder((region) => {
      regions.push(region);
      return new ECSClient({ region });
    }, new RecordingReporter());
    await recorder.start(INFO);
    expect(ecsMock.calls()).toHaveLength(0);
    await recorder.finish(status, { ...INFO, outcome });
    expect(ecsMock.commandCalls(TagResourceCommand).map((c) => c.args[0].input)).toEqual([
      { resourceArn: ARN, tags: [{ key: 'deploy-result', value }] },
    ]);
    expect(regions).toEqual(['ap-south-1']);
  });

  test('no tag when the deploy ended before registering a revision', async () => {
    const recorder = createEcsResultRecorder(() => new ECSClient({}), new RecordingReporter());
    await recorder.finish('failure', { ...INFO, error: 'Input `image-uri` is required.' } as never);
    expect(ecsMock.calls()).toHaveLength(0);
  });

  test('a refused TagResource is a warning, not a failed deploy', async () => {
    ecsMock.on(TagResourceCommand).rejects(
      Object.assign(new Error('not authorized to perform: ecs:TagResource'), {
        name: 'AccessDeniedException',
      }),
    );
    const reporter = new RecordingReporter();
    await expect(
      createEcsResultRecorder(() => new ECSClient({}), reporter).finish('success', { ...INFO, outcome }),
    ).resolves.toBeUndefined();
    expect(reporter.lines).toEqual([
      {
        level: 'warning',
        message: `Could not tag ${ARN} with deploy-result=success: not authorized to perform: ecs:TagResource`,
      },
    ]);
  });

  test('combined recorders are called in order; absent ones are skipped', async () => {
    const said: string[] = [];
    const named = (name: string) => ({
      start: async () => void said.push(`${name} start`),
      finish: async (status: string) => void said.push(`${name} ${status}`),
    });
    const both = combineRecorders(named('github'), undefined, named('ecs'));
    await both.start(INFO);
    await both.finish('success', { ...INFO, outcome });
    expect(said).toEqual(['github start', 'ecs start', 'github success', 'ecs success']);
  });
});
