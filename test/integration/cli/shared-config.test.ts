import * as fs from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../src/cli/cli';
import { startSimulator, type Simulator } from '../../../sim';
import { memoryIo } from '../../support/memory-io';

/**
 * `--profile` is the AWS SDK's, not the CLI's: a profile whose credentials come from a
 * `credential_process` (how SSO helpers, aws-vault and 1Password hand out keys) and whose region is
 * set only in the shared config file. The real SDK signs requests to the rollout simulator through a
 * small proxy that keeps each request's Authorization header, so the test sees which access key and
 * which region signed them. The fake credential_process script is written by hand below.
 */
const IMAGE = '123456789012.dkr.ecr.ap-south-1.amazonaws.com/strapi';
const ACCESS_KEY = 'AKIDFROMPROCESS';

describe('the CLI authenticates with a credential_process profile and uses its region', () => {
  let sim: Simulator;
  let proxy: Server;
  const authorizations: string[] = [];
  let dir: string;
  let marker: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    sim = await startSimulator({ time: 'manual' });
    await sim.seedService({ cluster: 'strapi', service: 'strapi', image: `${IMAGE}:1.0.0` });
    const upstream = new URL(sim.url);
    proxy = createServer((req, res) => {
      authorizations.push(String(req.headers.authorization ?? ''));
      const forward = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          path: req.url,
          method: req.method,
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      req.pipe(forward);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-profile-'));
    marker = path.join(dir, 'called');
    const script = path.join(dir, 'credentials.sh');
    fs.writeFileSync(
      script,
      `#!/bin/sh\necho called >> '${marker}'\nprintf '{"Version":1,"AccessKeyId":"${ACCESS_KEY}","SecretAccessKey":"process-secret"}'\n`,
      { mode: 0o755 },
    );
    fs.writeFileSync(
      path.join(dir, 'config'),
      [
        '[default]',
        'region = us-east-2',
        '',
        '[profile oncall]',
        'region = eu-central-1',
        `credential_process = ${script}`,
        '',
      ].join('\n'),
    );
    // The SDK reads the process environment: no keys, no region, only the files and the endpoints.
    for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
    Object.assign(process.env, {
      AWS_CONFIG_FILE: path.join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'no-credentials'),
      AWS_ENDPOINT_URL_ECS: proxyUrl,
      AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: proxyUrl,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    });
  });

  afterAll(async () => {
    process.env = saved;
    await new Promise((resolve) => proxy.close(resolve));
    await sim.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('--profile before the command: status reads the service, signed with the process credentials in the profile region', async () => {
    authorizations.length = 0;
    const io = memoryIo({ env: { ...process.env } });
    const code = await main(
      ['--profile', 'oncall', 'status', '--cluster', 'strapi', '--service', 'strapi', '--json'],
      io,
    );
    expect(io.stderr.text).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(io.stdout.text)).toMatchObject({
      command: 'status',
      result: { service: 'strapi', steady: true },
    });
    expect(fs.readFileSync(marker, 'utf8')).toContain('called');
    expect(authorizations.length).toBeGreaterThan(0);
    for (const header of authorizations) {
      expect(header).toMatch(new RegExp(`Credential=${ACCESS_KEY}/\\d{8}/eu-central-1/ecs/aws4_request`));
    }
    // The CLI hands the profile to the SDK; it never sets AWS_PROFILE for it.
    expect(process.env.AWS_PROFILE).toBeUndefined();
  });

  test('AWS_PROFILE picks the same profile; --region still wins over its region', async () => {
    authorizations.length = 0;
    const io = memoryIo({ env: { ...process.env, AWS_PROFILE: 'oncall' } });
    process.env.AWS_PROFILE = 'oncall';
    try {
      const code = await main(
        ['status', '--cluster', 'strapi', '--service', 'strapi', '--region', 'ap-south-1'],
        io,
      );
      expect(code).toBe(0);
    } finally {
      delete process.env.AWS_PROFILE;
    }
    expect(authorizations[0]).toMatch(new RegExp(`Credential=${ACCESS_KEY}/\\d{8}/ap-south-1/ecs/`));
  });

  test('a profile the SDK cannot find credentials for is a one-line setup error, exit 2', async () => {
    const io = memoryIo({ env: { ...process.env } });
    const code = await main(
      [
        'status',
        '--cluster',
        'strapi',
        '--service',
        'strapi',
        '--profile',
        'missing',
        '--region',
        'eu-west-1',
      ],
      io,
    );
    expect(code).toBe(2);
    expect(io.stderr.text).toMatch(/^strapi-deploy status: No AWS credentials \(.+\)\. Check --profile/);
  });

  test('no region anywhere (no flag, no variable, none in the profile) names --region', async () => {
    fs.writeFileSync(path.join(dir, 'bare-config'), '[profile bare]\noutput = json\n');
    process.env.AWS_CONFIG_FILE = path.join(dir, 'bare-config');
    try {
      const io = memoryIo({ env: { ...process.env } });
      const code = await main(
        ['status', '--cluster', 'strapi', '--service', 'strapi', '--profile', 'bare'],
        io,
      );
      expect(code).toBe(2);
      expect(io.stderr.text).toContain(
        'strapi-deploy status: Option --region: no AWS region is set (nor AWS_REGION, AWS_DEFAULT_REGION or a region in profile bare).',
      );
    } finally {
      process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
    }
  });
});
