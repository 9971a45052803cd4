import type { ECSClient } from '@aws-sdk/client-ecs';
import { errorMessage } from '../core/errors';
import type { Reporter } from '../core/reporter';
import { parseTaskDefinitionArn } from '../ecs/names';
import { findService, primaryTaskDefinition } from '../ecs/service';
import { readEcsReleases } from './ecs-tags';
import type { GitHubDeploymentsTarget } from './github-client';
import { readGitHubReleases } from './github-deployments';
import type { HistorySource, ReleaseRecord } from './release';

export interface ReleaseHistoryQuery {
  cluster: string;
  service: string;
  /** Read GitHub deployments first when given; otherwise (or when unreadable/empty) ECS alone. */
  github?: GitHubDeploymentsTarget;
  limit?: number;
}

export interface ReleaseHistory {
  /** Where the list came from: GitHub deployments, or the family's revisions and their tags. */
  source: Extract<HistorySource, 'github-deployments' | 'ecs-tags'>;
  cluster: string;
  service: string;
  /** What the service runs now (its PRIMARY deployment). */
  currentTaskDefinitionArn: string;
  /** Newest first. */
  releases: ReleaseRecord[];
}

/**
 * The read side of the release history: the service's releases newest first, from GitHub deployments
 * when they are readable and hold any, else from the ECS revisions of the service's family and their tags.
 */
export async function readReleaseHistory(
  deps: { ecs: ECSClient; reporter: Reporter },
  query: ReleaseHistoryQuery,
): Promise<ReleaseHistory> {
  const current = primaryTaskDefinition(await findService(deps.ecs, query.cluster, query.service));
  const base = { cluster: query.cluster, service: query.service, currentTaskDefinitionArn: current };
  if (query.github) {
    try {
      const releases = await readGitHubReleases(query.github, query);
      if (releases.length) return { ...base, source: 'github-deployments', releases };
      deps.reporter.info(
        `No GitHub deployments of "${query.github.environment}" for this service; reading ECS revisions.`,
      );
    } catch (error) {
      deps.reporter.warning(
        `Could not read GitHub deployments (${errorMessage(error)}); reading ECS revisions.`,
      );
    }
  }
  const family = parseTaskDefinitionArn(current)?.family;
  const releases = family ? await readEcsReleases(deps.ecs, family, query.limit ?? 25) : [];
  return { ...base, source: 'ecs-tags', releases };
}
