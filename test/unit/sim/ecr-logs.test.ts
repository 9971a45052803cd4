import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateLogGroupCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateRepositoryCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  GetAuthorizationTokenCommand,
  ImageNotFoundException,
  RepositoryAlreadyExistsException,
  RepositoryNotFoundException,
} from '@aws-sdk/client-ecr';
import { startSimulator, type Simulator } from '../../../sim';
import { simClients } from './sim-clients';

let sim: Simulator | undefined;

afterEach(async () => {
  expect(sim?.schemaViolations).toEqual([]);
  await sim?.close();
  sim = undefined;
});

describe('ECR', () => {
  test('GetAuthorizationToken returns base64 AWS:<password> and the registry endpoint', async () => {
    sim = await startSimulator();
    const out = await simClients(sim).ecr.send(new GetAuthorizationTokenCommand({}));
    const data = out.authorizationData?.[0];
    expect(Buffer.from(data?.authorizationToken ?? '', 'base64').toString()).toBe('AWS:simulator-password');
    expect(data?.proxyEndpoint).toBe('https://123456789012.dkr.ecr.ap-south-1.amazonaws.com');
    expect(data?.expiresAt?.getTime()).toBe(sim.now() + 12 * 3_600_000);
  });

  test('repositories: create, describe by name, immutability as state for a registry proxy', async () => {
    sim = await startSimulator();
    const { ecr } = simClients(sim);
    const created = await ecr.send(
      new CreateRepositoryCommand({
        repositoryName: 'strapi',
        imageTagMutability: 'IMMUTABLE',
        imageScanningConfiguration: { scanOnPush: true },
      }),
    );
    expect(created.repository).toMatchObject({
      repositoryName: 'strapi',
      repositoryUri: '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi',
      imageTagMutability: 'IMMUTABLE',
      imageScanningConfiguration: { scanOnPush: true },
    });
    await expect(ecr.send(new CreateRepositoryCommand({ repositoryName: 'strapi' }))).rejects.toBeInstanceOf(
      RepositoryAlreadyExistsException,
    );
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'other' }));
    const described = await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['strapi'] }));
    expect(described.repositories?.map((r) => r.repositoryName)).toEqual(['strapi']);
    expect(sim.state.isTagImmutable('strapi')).toBe(true);
    expect(sim.state.isTagImmutable('other')).toBe(false);
    await expect(
      ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['ghost'] })),
    ).rejects.toBeInstanceOf(RepositoryNotFoundException);
  });

  test('DescribeImages finds images put by tag or digest, and a moved tag follows the newest digest', async () => {
    sim = await startSimulator();
    const { ecr } = simClients(sim);
    const first = `sha256:${'a'.repeat(64)}`;
    const second = `sha256:${'b'.repeat(64)}`;
    sim.putImage('strapi', 'latest', first);
    sim.putImage('strapi', 'v2', second);
    sim.putImage('strapi', 'latest', second);
    const byTag = await ecr.send(
      new DescribeImagesCommand({ repositoryName: 'strapi', imageIds: [{ imageTag: 'latest' }] }),
    );
    expect(byTag.imageDetails?.[0]).toMatchObject({
      imageDigest: second,
      imageTags: ['v2', 'latest'],
      imageSizeInBytes: 187_000_000,
    });
    expect(byTag.imageDetails?.[0]?.imagePushedAt).toEqual(new Date(sim.now()));
    const byDigest = await ecr.send(
      new DescribeImagesCommand({ repositoryName: 'strapi', imageIds: [{ imageDigest: first }] }),
    );
    expect(byDigest.imageDetails?.[0]?.imageTags).toBeUndefined();
    await expect(
      ecr.send(new DescribeImagesCommand({ repositoryName: 'strapi', imageIds: [{ imageTag: 'nope' }] })),
    ).rejects.toBeInstanceOf(ImageNotFoundException);
  });

  describe('with a live registry', () => {
    let registry: Server;
    const seen: Array<{
      method?: string | undefined;
      url?: string | undefined;
      accept?: string | undefined;
      authorization?: string | undefined;
    }> = [];
    const digest = `sha256:${'c'.repeat(64)}`;

    beforeAll(async () => {
      // A stand-in for a Docker registry's manifest endpoint: knows strapi:v7 only.
      registry = createServer((req, res) => {
        seen.push({
          method: req.method,
          url: req.url,
          accept: req.headers.accept,
          authorization: req.headers.authorization,
        });
        if (req.url === '/v2/strapi/manifests/v7') {
          res.writeHead(200, {
            'docker-content-digest': digest,
            'content-type': 'application/vnd.oci.image.index.v1+json',
            'content-length': '856',
          });
        } else {
          res.writeHead(404);
        }
        res.end();
      });
      await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve));
    });

    afterAll(async () => {
      await new Promise((resolve) => registry.close(resolve));
    });

    test('DescribeImages asks the registry with HEAD and reports its digest; the token carries its credentials', async () => {
      const url = `http://127.0.0.1:${(registry.address() as AddressInfo).port}`;
      sim = await startSimulator({ registry: { url, username: 'ci', password: 's3cret' } });
      const { ecr } = simClients(sim);
      await ecr.send(new CreateRepositoryCommand({ repositoryName: 'strapi' }));
      const out = await ecr.send(
        new DescribeImagesCommand({ repositoryName: 'strapi', imageIds: [{ imageTag: 'v7' }] }),
      );
      expect(out.imageDetails?.[0]).toMatchObject({
        imageDigest: digest,
        imageTags: ['v7'],
        imageManifestMediaType: 'application/vnd.oci.image.index.v1+json',
      });
      expect(seen[0]).toMatchObject({
        method: 'HEAD',
        url: '/v2/strapi/manifests/v7',
        authorization: `Basic ${Buffer.from('ci:s3cret').toString('base64')}`,
      });
      expect(seen[0]?.accept).toContain('application/vnd.docker.distribution.manifest.v2+json');
      await expect(
        ecr.send(new DescribeImagesCommand({ repositoryName: 'strapi', imageIds: [{ imageTag: 'v8' }] })),
      ).rejects.toBeInstanceOf(ImageNotFoundException);
      const token = await ecr.send(new GetAuthorizationTokenCommand({}));
      expect(token.authorizationData?.[0]?.proxyEndpoint).toBe(url);
      expect(Buffer.from(token.authorizationData?.[0]?.authorizationToken ?? '', 'base64').toString()).toBe(
        'ci:s3cret',
      );
      const repo = await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['strapi'] }));
      expect(repo.repositories?.[0]?.repositoryUri).toBe(`${new URL(url).host}/strapi`);
    });
  });
});

describe('CloudWatch Logs', () => {
  async function crashedTaskStream(): Promise<{ sim: Simulator; stream: string }> {
    const s = await startSimulator();
    await s.seedService({ cluster: 'strapi', service: 'strapi', image: 'img:1', desiredCount: 1 });
    return {
      sim: s,
      stream: String(s.state.tasks('strapi', 'strapi')[0]?.taskArn).replace(/^.*\//, 'ecs/strapi/'),
    };
  }

  test('GetLogEvents pages backwards from the tail and forwards from the head', async () => {
    const made = await crashedTaskStream();
    sim = made.sim;
    const { logs } = simClients(sim);
    const all = sim.state.logLines('/ecs/strapi', made.stream);
    expect(all.length).toBeGreaterThanOrEqual(5);
    const tail = await logs.send(
      new GetLogEventsCommand({ logGroupName: '/ecs/strapi', logStreamName: made.stream, limit: 2 }),
    );
    expect(tail.events?.map((e) => e.message)).toEqual(all.slice(-2));
    const before = await logs.send(
      new GetLogEventsCommand({
        logGroupName: '/ecs/strapi',
        logStreamName: made.stream,
        limit: 2,
        nextToken: tail.nextBackwardToken,
      }),
    );
    expect(before.events?.map((e) => e.message)).toEqual(all.slice(-4, -2));
    const head = await logs.send(
      new GetLogEventsCommand({
        logGroupName: '/ecs/strapi',
        logStreamName: made.stream,
        limit: 3,
        startFromHead: true,
      }),
    );
    expect(head.events?.map((e) => e.message)).toEqual(all.slice(0, 3));
  });

  test('DescribeLogStreams and FilterLogEvents see the task stream', async () => {
    const made = await crashedTaskStream();
    sim = made.sim;
    const { logs } = simClients(sim);
    const streams = await logs.send(
      new DescribeLogStreamsCommand({ logGroupName: '/ecs/strapi', logStreamNamePrefix: 'ecs/strapi/' }),
    );
    expect(streams.logStreams?.map((s) => s.logStreamName)).toEqual([made.stream]);
    const found = await logs.send(
      new FilterLogEventsCommand({ logGroupName: '/ecs/strapi', filterPattern: '"started successfully"' }),
    );
    expect(found.events?.map((e) => [e.logStreamName, e.message?.replace(/^\[.*?\] /, '')])).toEqual([
      [made.stream, 'info: Strapi started successfully'],
    ]);
  });

  test.each([
    ['an unknown group', '/ecs/ghost', 'x'],
    ['an unknown stream', '/ecs/strapi', 'ecs/strapi/0000'],
  ])('%s is ResourceNotFoundException', async (_name, group, stream) => {
    sim = await startSimulator();
    const { logs } = simClients(sim);
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/ecs/strapi' }));
    await expect(
      logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: stream })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});
