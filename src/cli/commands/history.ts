import { shortTaskDefinitionName } from '../../ecs/names';
import { openJobContext } from '../../use-cases/job-context';
import { readReleaseHistory, type ReleaseHistory } from '../../release-history';
import type { InputReader, IntegerInputs } from '../../core/inputs';
import { CLUSTER, SERVICE, type CommandSpec } from '../command';
import { GITHUB_REPO_OPTION, githubSettings, jobEnvironment, readGitHubRepository } from './shared';

function renderHistory(history: ReleaseHistory): string {
  const source =
    history.source === 'github-deployments'
      ? 'GitHub deployments'
      : 'ECS task definition revisions and their tags';
  const rows = history.releases.map((r) => ({
    current: r.taskDefinitionArn === history.currentTaskDefinitionArn ? '*' : ' ',
    revision: shortTaskDefinitionName(r.taskDefinitionArn),
    kind: r.kind,
    outcome: r.outcome,
    when: r.createdAt ? r.createdAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, 'Z') : '',
    sha: r.gitSha ? r.gitSha.slice(0, 12) : '',
    image: r.image ?? '',
  }));
  const header = {
    current: ' ',
    revision: 'REVISION',
    kind: 'KIND',
    outcome: 'OUTCOME',
    when: 'WHEN',
    sha: 'GIT SHA',
    image: 'IMAGE',
  };
  const keys = ['revision', 'kind', 'outcome', 'when', 'sha'] as const;
  const width = Object.fromEntries(
    keys.map((k) => [k, Math.max(header[k].length, ...rows.map((r) => r[k].length))]),
  );
  const line = (r: typeof header): string =>
    `${r.current} ${keys.map((k) => r[k].padEnd(width[k] ?? 0)).join('  ')}  ${r.image}`.trimEnd();
  return [
    `Releases of ${history.service} (cluster ${history.cluster}), newest first, from ${source}; * = running now`,
    line(header),
    ...rows.map(line),
  ].join('\n');
}

/** history's whole-number flags by name. */
export const HISTORY_INTEGER_FLAGS = {
  limit: { fallback: 25, min: 1, max: 100 },
} as const satisfies IntegerInputs;
const { limit: LIMIT } = HISTORY_INTEGER_FLAGS;

function readHistoryFlags(inputs: InputReader): {
  cluster: string;
  service: string;
  limit: number;
  environment: string;
} {
  return {
    cluster: inputs.required('cluster'),
    service: inputs.required('service'),
    limit: inputs.integer('limit', LIMIT),
    environment: inputs.optional('environment', 'production'),
  };
}

export const historyCommand: CommandSpec = {
  name: 'history',
  summary: 'list the releases of the service, newest first',
  description:
    "Lists the service's releases newest first: from the GitHub deployments of --environment when GITHUB_TOKEN\n" +
    "and a repository are given, else from the task definition family's revisions and the tags strapi-deploy\n" +
    "puts on them (git SHA, run id, deploy result). Any line's revision or git SHA can be given to rollback --to.",
  examples: [
    'strapi-deploy history --cluster strapi --service strapi',
    'strapi-deploy history --cluster strapi --service strapi --limit 5 --json',
  ],
  options: [
    CLUSTER,
    SERVICE,
    {
      flag: 'limit',
      type: 'string',
      value: 'N',
      description: `read at most N releases, ${LIMIT.min}-${LIMIT.max} (default ${LIMIT.fallback})`,
    },
    {
      flag: 'environment',
      input: 'environment',
      type: 'string',
      value: 'NAME',
      description: 'GitHub deployment environment whose releases are listed (default production)',
    },
    GITHUB_REPO_OPTION,
  ],
  usesAws: true,
  readInputs(reader, io) {
    readGitHubRepository(reader, io.env);
    return readHistoryFlags(reader);
  },
  async run(ctx) {
    const { cluster, service, limit, environment } = readHistoryFlags(ctx.inputs);
    const job = await openJobContext(jobEnvironment(ctx, githubSettings(ctx, environment)), ctx.region());
    const history = await readReleaseHistory(job, {
      cluster,
      service,
      limit,
      ...(job.github ? { github: job.github } : {}),
    });
    return { exitCode: 0, data: history, text: renderHistory(history) };
  },
};
