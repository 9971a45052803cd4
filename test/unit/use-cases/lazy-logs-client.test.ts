import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  GetLogEventsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-cloudwatch-logs';
import { lazyLogsClient } from '../../../src/use-cases/job-context';
import { startSimulator, type Simulator } from '../../../sim';

// The lazy client is made by the one client factory, which reads the endpoint and credentials from the
// standard variables: point them at the simulator for these tests only.
let sim: Simulator;
const saved = { ...process.env };
beforeAll(async () => {
  sim = await startSimulator();
  Object.assign(process.env, sim.env());
});
afterAll(async () => {
  process.env = saved;
  await sim.close();
});

describe('lazyLogsClient', () => {
  test('makes no client before the first call, then one for all calls, answering as the SDK client does', async () => {
    const made: CloudWatchLogsClient[] = [];
    const logs = lazyLogsClient({ region: sim.region }, (client) => {
      made.push(client);
      return client;
    });
    expect(made).toEqual([]);

    await new CloudWatchLogsClient({ region: sim.region }).send(
      new CreateLogGroupCommand({ logGroupName: '/ecs/lazy' }),
    );
    const calls = [
      logs.send(new GetLogEventsCommand({ logGroupName: '/ecs/lazy', logStreamName: 'missing' })),
      logs.send(new GetLogEventsCommand({ logGroupName: '/ecs/none', logStreamName: 'missing' })),
    ];
    const answers = await Promise.allSettled(calls);
    expect(made).toHaveLength(1);
    expect(made[0]).toBeInstanceOf(CloudWatchLogsClient);
    // The simulator's answers come back through the wrapper unchanged: the SDK's own error classes.
    for (const answer of answers) {
      expect(answer.status).toBe('rejected');
      expect((answer as PromiseRejectedResult).reason).toBeInstanceOf(ResourceNotFoundException);
    }
    logs.destroy();
  });

  test('destroy before any call loads nothing', () => {
    let prepared = 0;
    const logs = lazyLogsClient({ region: sim.region }, (client) => {
      prepared++;
      return client;
    });
    logs.destroy();
    expect(prepared).toBe(0);
  });
});
