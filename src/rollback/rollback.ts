import { RegisterTaskDefinitionCommand, type Deployment, type Service } from '@aws-sdk/client-ecs';
import { ConfigurationError, DeploymentFailedError, errorMessage } from '../core/errors';
import { consoleUrl, findService, renderTaskDefinition, rollServiceTo } from '../deploy';
import { describeStop } from '../deploy/diagnose';
import { explainAwsError } from '../deploy/service-lookup';
import type { EngineDeps, RolloutOutcome, WaitOptions } from '../deploy/types';
import {
  describeRevision,
  GIT_SHA_TAG,
  mainImage,
  RESTORED_FROM_TAG,
  tagValue,
  type DescribedRevision,
} from '../history/ecs-history';
import type { GitHubDeploymentsTarget } from '../history/github-client';
import type { GitHubDeploymentRecorder } from '../history/github-deployment-recorder';
import { tagDeployResult } from '../history/ecs-result-tag';
import { readGitHubReleases } from '../history/github-history';
import { parseTaskDefinitionArn, shortTaskDefinitionName, type ReleaseRecord } from '../history/release';
import { resolveRollbackTarget, type ResolvedBy } from './resolve';
import { describeSpec, parseTargetSpec } from './target';

export interface RollbackRequest {
  cluster: string;
  service: string;
  /** `previous`, a revision number, a task definition ARN, a git SHA, or an image tag/digest. */
  to: string;
  dryRun: boolean;
  waitForIdle: boolean;
  wait: WaitOptions;
}

export interface RollbackDeps extends EngineDeps {
  /** Where the release history lives in GitHub; omitted when there is no token (CLI, forks). */
  github?: GitHubDeploymentsTarget;
  /** Records the rollback as a GitHub deployment (kind `rollback`). */
  recorder?: Pick<GitHubDeploymentRecorder, 'start' | 'finish'>;
  /** The engine's roll-and-wait; injectable so unit tests need not simulate a rollout. */
  roll?: typeof rollServiceTo;
}

/** One side of a rollback, as people recognise a release. */
export interface ReleaseSide {
  taskDefinitionArn: string;
  revision: string;
  gitSha?: string;
  image?: string;
}

export interface RollbackResult {
  cluster: string;
  service: string;
  dryRun: boolean;
  resolvedBy: ResolvedBy;
  from: ReleaseSide;
  to: ReleaseSide;
  /** What the service runs after the rollback: the target, or the copy registered from an INACTIVE target. */
  taskDefinitionArn: string;
  /** Set when the target was INACTIVE and was re-registered as `taskDefinitionArn`. */
  reregisteredFrom?: string;
  outcome?: RolloutOutcome;
  region?: string;
  notes: string[];
}

/**
 * Puts the service back on an earlier release: resolves `to`, refuses while another deployment
 * is rolling out (or waits for it), re-registers an INACTIVE target, then rolls and waits with the
 * deploy engine. Never builds. A rollout that does not end healthy throws DeploymentFailedError
 * whose `details` is the RollbackResult (with the diagnosis), after the service is left as ECS leaves it.
 */
export async function rollbackService(deps: RollbackDeps, request: RollbackRequest): Promise<RollbackResult> {
  const { ecs, reporter } = deps;
  const spec = parseTargetSpec(request.to);
  let service = await findService(ecs, request.cluster, request.service);
  const busy = runningDeployment(service);
  if (busy && request.dryRun) {
    // A dry run answers "what would happen" without waiting: said, then resolved against what runs now.
    reporter.warning(
      `A deployment is in progress: ${describeDeployment(busy)}; the rollback would ` +
        (request.waitForIdle
          ? 'wait for it to finish first.'
          : 'be refused (set `wait-for-idle: true` to wait).'),
    );
  } else if (busy) {
    if (!request.waitForIdle) {
      throw new ConfigurationError(
        `Service "${request.service}" has a deployment in progress: ${describeDeployment(busy)}. ` +
          'Wait for it to finish, or set `wait-for-idle: true`.',
      );
    }
    service = await waitForIdle(deps, request, busy);
  }

  const currentArn = currentTaskDefinition(service);
  const currentName = parseTaskDefinitionArn(currentArn);
  if (!currentName)
    throw new ConfigurationError(
      `Service "${request.service}" runs no task definition we can read (${currentArn || 'none'}).`,
    );
  const current = { taskDefinitionArn: currentArn, ...currentName };

  const githubReleases = await readGitHubHistory(deps, request);
  const target = await resolveRollbackTarget(ecs, {
    spec,
    current,
    githubReleases,
    environment: deps.github?.environment,
  });
  const currentDefinition = await describeRevision(ecs, currentArn);
  const currentRecord = githubReleases?.find((r) => r.taskDefinitionArn === currentArn);
  const from: ReleaseSide = {
    taskDefinitionArn: currentArn,
    revision: shortTaskDefinitionName(currentArn),
    gitSha: (currentDefinition && tagValue(currentDefinition.tags, GIT_SHA_TAG)) ?? currentRecord?.gitSha,
    image: currentDefinition ? mainImage(currentDefinition.taskDefinition) : currentRecord?.image,
  };
  const to: ReleaseSide = {
    taskDefinitionArn: target.taskDefinitionArn,
    revision: shortTaskDefinitionName(target.taskDefinitionArn),
    gitSha: target.gitSha,
    image: target.image,
  };
  const region = await ecs.config.region().catch(() => undefined);
  const result: RollbackResult = {
    cluster: request.cluster,
    service: request.service,
    dryRun: request.dryRun,
    resolvedBy: target.resolvedBy,
    from,
    to,
    taskDefinitionArn: target.taskDefinitionArn,
    region,
    notes: target.notes,
  };
  reporter.info(
    `Rollback ${request.service}: ${describeSide(from)} -> ${describeSide(to)} ` +
      `(${describeSpec(spec)}, resolved by ${target.resolvedBy}).`,
  );
  for (const note of target.notes) reporter.warning(note);

  if (request.dryRun) {
    reporter.info(
      `Dry run: nothing changed.${target.inactive ? ` ${to.revision} is INACTIVE and would be registered again as a new revision.` : ''}`,
    );
    return result;
  }

  // From here on AWS changes.
  if (target.inactive) {
    result.reregisteredFrom = target.taskDefinitionArn;
    result.taskDefinitionArn = await registerCopy(deps, target.definition);
    reporter.info(
      `${to.revision} was INACTIVE: registered it again as ${shortTaskDefinitionName(result.taskDefinitionArn)}.`,
    );
  }

  await deps.recorder?.start({
    kind: 'rollback',
    cluster: request.cluster,
    service: request.service,
    image: to.image ?? '',
    region: region ?? '',
    consoleUrl: region ? consoleUrl(region, request.cluster, request.service) : '',
    taskDefinitionArn: result.taskDefinitionArn,
    previousTaskDefinitionArn: currentArn,
    gitSha: to.gitSha,
    ref: to.gitSha && /^[0-9a-f]{40}$/i.test(to.gitSha) ? to.gitSha : undefined,
  });
  const roll = deps.roll ?? rollServiceTo;
  let outcome: RolloutOutcome;
  try {
    outcome = await roll(
      deps,
      { cluster: request.cluster, service: request.service, taskDefinitionArn: result.taskDefinitionArn },
      request.wait,
    );
  } catch (error) {
    // The GitHub deployment must not stay "in progress" forever.
    await deps.recorder?.finish('failure', { description: `Rollback failed: ${errorMessage(error)}` });
    throw error;
  }
  result.outcome = outcome;
  const succeeded = outcome.verdict === 'succeeded';
  await tagDeployResult(ecs, result.taskDefinitionArn, succeeded ? 'success' : 'failure', reporter);
  await deps.recorder?.finish(succeeded ? 'success' : 'failure', {
    description: `${succeeded ? 'Running' : `Rollback ${outcome.verdict}:`} ${result.taskDefinitionArn}`,
  });
  if (succeeded) {
    reporter.info(`Rolled back to ${shortTaskDefinitionName(result.taskDefinitionArn)}: ${outcome.reason}`);
    return result;
  }

  reporter.warning(`Rollback ${outcome.verdict}: ${outcome.reason}`);
  for (const task of outcome.stoppedTasks) {
    reporter.info(`Stopped ${describeStop(task)}`);
    if (task.logTail.length)
      reporter.info(`Last lines of ${task.logSource ?? 'the log'}:\n${task.logTail.join('\n')}`);
  }
  throw new DeploymentFailedError(
    `Rollback of ${request.service} to ${shortTaskDefinitionName(result.taskDefinitionArn)} ${outcome.verdict}: ${outcome.reason}`,
    result,
  );
}

/** The deployment rolling out now, if any: more than one deployment, or the PRIMARY still IN_PROGRESS. */
function runningDeployment(service: Service): Deployment | undefined {
  const deployments = service.deployments ?? [];
  const primary = deployments.find((d) => d.status === 'PRIMARY');
  if (deployments.length > 1) return primary ?? deployments[0];
  return primary?.rolloutState === 'IN_PROGRESS' ? primary : undefined;
}

function describeDeployment(deployment: Deployment): string {
  const parts = [
    deployment.taskDefinition ? `to ${shortTaskDefinitionName(deployment.taskDefinition)}` : undefined,
    deployment.rolloutState ?? deployment.status,
    deployment.createdAt ? `started ${deployment.createdAt.toISOString()}` : undefined,
    `${deployment.runningCount ?? 0}/${deployment.desiredCount ?? 0} tasks running`,
  ].filter(Boolean);
  return `${deployment.id ?? 'deployment'} (${parts.join(', ')})`;
}

function currentTaskDefinition(service: Service): string {
  return (
    service.deployments?.find((d) => d.status === 'PRIMARY')?.taskDefinition ?? service.taskDefinition ?? ''
  );
}

async function waitForIdle(deps: RollbackDeps, request: RollbackRequest, busy: Deployment): Promise<Service> {
  const { clock, reporter } = deps;
  const deadline = clock.now() + request.wait.waitMinutes * 60_000;
  reporter.info(`Waiting for deployment ${describeDeployment(busy)} to finish before rolling back.`);
  for (;;) {
    await clock.sleep(request.wait.pollSeconds * 1000);
    const service = await findService(deps.ecs, request.cluster, request.service);
    const running = runningDeployment(service);
    if (!running) {
      reporter.info(
        `Deployment ${busy.id ?? ''} is over; the service runs ${shortTaskDefinitionName(currentTaskDefinition(service))}.`,
      );
      return service;
    }
    reporter.progress(`Still rolling out: ${describeDeployment(running)}`);
    if (clock.now() >= deadline) {
      throw new DeploymentFailedError(
        `Deployment ${describeDeployment(running)} was still in progress after ${request.wait.waitMinutes} min; nothing was rolled back.`,
      );
    }
  }
}

async function readGitHubHistory(
  deps: RollbackDeps,
  request: RollbackRequest,
): Promise<ReleaseRecord[] | undefined> {
  if (!deps.github) return undefined;
  try {
    return await readGitHubReleases(deps.github, { cluster: request.cluster, service: request.service });
  } catch (error) {
    deps.reporter.warning(
      `Could not read GitHub deployments of "${deps.github.environment}" (${errorMessage(error)}); using the ECS revision history.`,
    );
    return undefined;
  }
}

/** A copy of a deregistered revision as a new ACTIVE one, tags kept, marked with where it came from. */
async function registerCopy(deps: RollbackDeps, definition: DescribedRevision): Promise<string> {
  const td = definition.taskDefinition;
  const containers = td.containerDefinitions ?? [];
  const image = mainImage(td);
  const container = containers.find((c) => c.image === image) ?? containers[0];
  const rendered = renderTaskDefinition(definition, {
    image: container?.image ?? '',
    containerName: container?.name,
    revisionTags: { [RESTORED_FROM_TAG]: td.taskDefinitionArn ?? '' },
  });
  try {
    const out = await deps.ecs.send(new RegisterTaskDefinitionCommand(rendered.input));
    const arn = out.taskDefinition?.taskDefinitionArn;
    if (!arn) throw new Error('RegisterTaskDefinition returned no taskDefinitionArn.');
    return arn;
  } catch (error) {
    throw explainAwsError(error, 'ecs:RegisterTaskDefinition');
  }
}

function describeSide(side: ReleaseSide): string {
  const details = [side.gitSha ? `git ${side.gitSha.slice(0, 12)}` : undefined, side.image].filter(Boolean);
  return details.length ? `${side.revision} (${details.join(', ')})` : side.revision;
}
