import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the GitHub REST endpoints the release history uses, so the real Octokit
 * client (from @actions/github) runs over a real socket with GITHUB_API_URL pointed here:
 *   POST/GET /repos/{owner}/{repo}/deployments
 *   GET      /repos/{owner}/{repo}/deployments/{id}
 *   POST/GET /repos/{owner}/{repo}/deployments/{id}/statuses
 * Lists are newest first, as GitHub returns them; a new `success` status marks earlier successful
 * deployments of the environment `inactive` (GitHub's auto_inactive). `denyDeploymentWrites` makes
 * every write answer 403 "Resource not accessible by integration", as a token without
 * `deployments: write` gets.
 */
export interface FakeDeployment {
  id: number;
  node_id: string;
  url: string;
  statuses_url: string;
  repository_url: string;
  sha: string;
  ref: string;
  task: string;
  environment: string;
  original_environment: string;
  description: string | null;
  payload: unknown;
  transient_environment: boolean;
  production_environment: boolean;
  auto_merge?: boolean | undefined;
  required_contexts?: string[] | undefined;
  creator: { login: string; id: number; type: string };
  created_at: string;
  updated_at: string;
}

export interface FakeDeploymentStatus {
  id: number;
  node_id: string;
  url: string;
  deployment_url: string;
  repository_url: string;
  state: string;
  description: string;
  environment: string;
  environment_url: string;
  log_url: string;
  target_url: string;
  creator: { login: string; id: number; type: string };
  created_at: string;
  updated_at: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  authorization?: string | undefined;
}

export interface FakeGitHub {
  /** The base URL to put in GITHUB_API_URL. */
  url: string;
  requests: RecordedRequest[];
  deployments: FakeDeployment[];
  statuses: Map<number, FakeDeploymentStatus[]>;
  /** Answer every write with 403, as for a token without `deployments: write`. */
  denyDeploymentWrites: boolean;
  /** Seeds a deployment (and its statuses, oldest first) as if made earlier; returns it. */
  seedDeployment(
    repo: string,
    fields: Partial<Pick<FakeDeployment, 'sha' | 'ref' | 'task' | 'environment' | 'payload' | 'created_at'>>,
    states?: string[],
  ): FakeDeployment;
  close(): Promise<void>;
}

const ACTOR = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };

export async function startFakeGitHub(): Promise<FakeGitHub> {
  let nextId = 1000;
  let tick = Date.parse('2026-01-01T00:00:00Z');
  // Strictly increasing timestamps: ordering by created_at must be meaningful.
  const stamp = (): string => new Date((tick += 1000)).toISOString();

  const state: Omit<FakeGitHub, 'url' | 'close' | 'seedDeployment'> = {
    requests: [],
    deployments: [],
    statuses: new Map(),
    denyDeploymentWrites: false,
  };
  let base = '';

  const addStatus = (deployment: FakeDeployment, body: Record<string, unknown>): FakeDeploymentStatus => {
    const id = nextId++;
    const now = stamp();
    const status: FakeDeploymentStatus = {
      id,
      node_id: `DES_${id}`,
      url: `${deployment.url}/statuses/${id}`,
      deployment_url: deployment.url,
      repository_url: deployment.repository_url,
      state: String(body.state),
      description: typeof body.description === 'string' ? body.description : '',
      environment: typeof body.environment === 'string' ? body.environment : deployment.environment,
      environment_url: typeof body.environment_url === 'string' ? body.environment_url : '',
      log_url: typeof body.log_url === 'string' ? body.log_url : '',
      target_url: typeof body.log_url === 'string' ? body.log_url : '',
      creator: ACTOR,
      created_at: now,
      updated_at: now,
    };
    const list = state.statuses.get(deployment.id) ?? [];
    list.push(status);
    state.statuses.set(deployment.id, list);
    deployment.updated_at = now;
    if (status.state === 'success' && body.auto_inactive !== false && !deployment.transient_environment) {
      for (const other of state.deployments) {
        if (other.id === deployment.id || other.environment !== deployment.environment) continue;
        if (other.repository_url !== deployment.repository_url) continue;
        const otherStatuses = state.statuses.get(other.id) ?? [];
        if (otherStatuses.at(-1)?.state === 'success')
          addStatus(other, { state: 'inactive', description: '' });
      }
    }
    return status;
  };

  const createDeployment = (
    repoPath: string,
    body: Record<string, unknown>,
    createdAt?: string,
  ): FakeDeployment => {
    const id = nextId++;
    const now = createdAt ?? stamp();
    const ref = String(body.ref ?? 'main');
    const environment = String(body.environment ?? 'production');
    const url = `${base}/repos/${repoPath}/deployments/${id}`;
    const deployment: FakeDeployment = {
      id,
      node_id: `DE_${id}`,
      url,
      statuses_url: `${url}/statuses`,
      repository_url: `${base}/repos/${repoPath}`,
      sha: /^[0-9a-f]{40}$/.test(ref) ? ref : 'f'.repeat(40),
      ref,
      task: String(body.task ?? 'deploy'),
      environment,
      original_environment: environment,
      description: typeof body.description === 'string' ? body.description : null,
      // GitHub accepts a JSON object or a JSON string and answers with the parsed object.
      payload: typeof body.payload === 'string' ? safeParse(body.payload) : (body.payload ?? {}),
      transient_environment: body.transient_environment === true,
      production_environment:
        typeof body.production_environment === 'boolean'
          ? body.production_environment
          : environment === 'production',
      auto_merge: body.auto_merge as boolean | undefined,
      required_contexts: body.required_contexts as string[] | undefined,
      creator: ACTOR,
      created_at: now,
      updated_at: now,
    };
    state.deployments.push(deployment);
    return deployment;
  };

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => send(res, 500, { message: String(error) }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const text = await readBody(req);
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    const query = Object.fromEntries(url.searchParams.entries());
    state.requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query,
      body: text ? body : undefined,
      authorization: req.headers.authorization,
    });

    const match = /^\/repos\/([^/]+\/[^/]+)\/deployments(?:\/(\d+)(\/statuses)?)?\/?$/.exec(url.pathname);
    if (!match)
      return send(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
    const repoPath = match[1] as string;
    const id = match[2] ? Number(match[2]) : undefined;
    const isStatuses = match[3] !== undefined;
    const write = req.method === 'POST';
    if (write && state.denyDeploymentWrites) {
      return send(res, 403, {
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com/rest/deployments/deployments#create-a-deployment',
        status: '403',
      });
    }
    const inRepo = state.deployments.filter((d) => d.repository_url === `${base}/repos/${repoPath}`);

    if (id === undefined) {
      if (write) {
        if (!body.ref) return send(res, 422, { message: 'Invalid request.\n\n"ref" wasn\'t supplied.' });
        return send(res, 201, createDeployment(repoPath, body));
      }
      if (req.method !== 'GET') return send(res, 404, { message: 'Not Found' });
      const list = inRepo
        .filter((d) => !query.environment || d.environment === query.environment)
        .filter((d) => !query.sha || d.sha === query.sha)
        .filter((d) => !query.ref || d.ref === query.ref)
        .filter((d) => !query.task || d.task === query.task)
        .slice()
        .reverse();
      return send(res, 200, page(list, query));
    }

    const deployment = inRepo.find((d) => d.id === id);
    if (!deployment) return send(res, 404, { message: 'Not Found' });
    if (!isStatuses)
      return req.method === 'GET' ? send(res, 200, deployment) : send(res, 404, { message: 'Not Found' });
    if (write) {
      const allowed = ['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success'];
      if (!allowed.includes(String(body.state))) return send(res, 422, { message: 'Validation Failed' });
      return send(res, 201, addStatus(deployment, body));
    }
    return send(res, 200, page((state.statuses.get(id) ?? []).slice().reverse(), query));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return Object.assign(state, {
    url: base,
    seedDeployment(
      repo: string,
      fields: Partial<
        Pick<FakeDeployment, 'sha' | 'ref' | 'task' | 'environment' | 'payload' | 'created_at'>
      >,
      states: string[] = ['success'],
    ): FakeDeployment {
      const deployment = createDeployment(
        repo,
        {
          ref: fields.sha ?? fields.ref ?? 'main',
          task: fields.task,
          environment: fields.environment,
          payload: fields.payload,
        },
        fields.created_at,
      );
      for (const s of states) addStatus(deployment, { state: s });
      return deployment;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  });
}

function page<T>(items: T[], query: Record<string, string>): T[] {
  const perPage = Math.min(Number(query.per_page ?? 30) || 30, 100);
  const pageNo = Math.max(Number(query.page ?? 1) || 1, 1);
  return items.slice((pageNo - 1) * perPage, pageNo * perPage);
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
