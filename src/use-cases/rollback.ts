import { ConfigurationError, errorMessage } from '../core/errors';
import { phase } from '../core/reporter';
import { ensureIdle } from '../deploy/idle';
import { appContainerName, renderTaskDefinition } from '../deploy/render';
import { startRollout } from '../deploy/roll';
import { waitForRollout } from '../deploy/watch';
import { checkArnRegion, parseTaskDefinitionArn, shortTaskDefinitionName } from '../ecs/names';
import { REVISION_TAGS } from '../ecs/revision-tags';
import { deploymentInFlight, describeDeployment, findService, primaryTaskDefinition } from '../ecs/service';
import { mainImage, registerRevision, type DescribedRevision } from '../ecs/task-definitions';
import { readGitHubReleases, type ReleaseRecord } from '../release-history';
import type { RollbackInputs } from '../rollback/inputs';
import { resolveRollbackTarget } from '../rollback/resolve';
import { describeSpec, parseTargetSpec } from '../rollback/target';
import { openJobContext, type JobContext, type JobEnvironment } from './job-context';
import type { ReleaseResult, ReleaseSide } from './release-result';
import {
  finishRecord,
  releaseSide,
  resultOfError,
  rollbackResultStart,
  settleEndedOn,
} from './release-steps';
import { checkRollbackImage } from './rollback-image';
import { stopShiftDeployment } from './rollback-stop';
import { findStoppableShift } from '../rollback/stop-deployment';
import { checkWaitCoversStrategy } from '../deploy/strategy';
import { restoreHintsFor } from './restore-hints';

async function readGitHubHistory(
  ctx: JobContext,
  inputs: RollbackInputs,
): Promise<ReleaseRecord[] | undefined> {
  if (!ctx.github) return undefined;
  try {
    return await readGitHubReleases(ctx.github, { cluster: inputs.cluster, service: inputs.service });
  } catch (error) {
    ctx.reporter.warning(
      `Could not read GitHub deployments of "${ctx.github.environment}" (${errorMessage(error)}); using the ECS revision history.`,
    );
    return undefined;
  }
}

/** A copy of a deregistered revision as a new ACTIVE one, marked with where it came from and its commit. */
async function registerCopy(
  ctx: JobContext,
  definition: DescribedRevision,
  gitSha: string | undefined,
): Promise<string> {
  const td = definition.taskDefinition;
  const containers = td.containerDefinitions ?? [];
  const image = mainImage(td);
  const container = containers.find((c) => c.image === image) ?? containers[0];
  const rendered = renderTaskDefinition(definition, {
    image: container?.image ?? '',
    ...(container?.name ? { containerName: container.name } : {}),
    revisionTags: {
      [REVISION_TAGS.restoredFrom]: td.taskDefinitionArn ?? '',
      ...(gitSha ? { [REVISION_TAGS.gitSha]: gitSha } : {}),
    },
  });
  return registerRevision(ctx.ecs, rendered.input);
}

function describeSide(side: ReleaseSide): string {
  const details = [side.gitSha ? `git ${side.gitSha.slice(0, 12)}` : undefined, side.image].filter(Boolean);
  return details.length ? `${side.revision} (${details.join(', ')})` : side.revision;
}

/**
 * Puts the service back on an earlier release: resolves `to` from the release history, refuses while
 * another deployment is in flight (or waits for it; with `force` rolls over it, which is what a stuck,
 * crash-looping rollout needs), re-registers an INACTIVE target, then rolls and watches with the same
 * diagnosis as a deploy. Never builds. Throws only before it changes anything.
 */
export async function runRollback(env: JobEnvironment, inputs: RollbackInputs): Promise<ReleaseResult> {
  const ctx = await openJobContext(env, inputs.region);
  const { reporter } = ctx;
  const spec = parseTargetSpec(inputs.to);
  checkArnRegion(inputs.cluster, ctx.region, 'cluster');
  checkArnRegion(inputs.service, ctx.region, 'service');
  if (spec.kind === 'arn') checkArnRegion(spec.arn, ctx.region, 'to');

  const planned = await phase(reporter, 'Resolve the target', async () => {
    let service = await findService(ctx.ecs, inputs.cluster, inputs.service);
    // A blue/green, linear or canary deployment in or before bake time: blue still runs; stop, don't roll over.
    const inBake = spec.kind === 'previous' ? await findStoppableShift(ctx.ecs, service) : undefined;
    if (inBake) return { inBake, service };
    const busy = deploymentInFlight(service);
    if (busy && inputs.force) {
      reporter.warning(`Rolling over the deployment in flight (force): ${describeDeployment(busy)}.`);
    } else if (busy && inputs.dryRun) {
      // A dry run answers "what would happen" without waiting: said, then resolved against what runs now.
      reporter.warning(
        `A deployment is in flight: ${describeDeployment(busy)}; the rollback would ` +
          (inputs.waitForIdle
            ? 'wait for it to finish first.'
            : 'be refused (set `wait-for-idle: true` to wait, or `force: true` to roll over it).'),
      );
    } else {
      service = await ensureIdle(ctx, service, { ...inputs, action: 'rollback' });
    }
    const currentArn = primaryTaskDefinition(service);
    const currentName = parseTaskDefinitionArn(currentArn);
    if (!currentName) {
      throw new ConfigurationError(
        `Service "${inputs.service}" runs no task definition we can read (${currentArn || 'none'}).`,
      );
    }
    const githubReleases = await readGitHubHistory(ctx, inputs);
    const target = await resolveRollbackTarget(ctx.ecs, {
      spec,
      current: { taskDefinitionArn: currentArn, ...currentName },
      ...(githubReleases ? { githubReleases } : {}),
      ...(ctx.github ? { environment: ctx.github.environment } : {}),
    });
    // In the job's region the job's own ECR client: the CLI's profile, --record and replay apply to it.
    await checkRollbackImage(target.image, reporter, (region) =>
      region === ctx.region ? ctx.ecr() : undefined,
    );
    checkWaitCoversStrategy(service, inputs.wait.waitMinutes, reporter);
    const restoreFrom = await restoreHintsFor(
      ctx,
      { family: currentName.family, targetRevision: target.revision, currentRevision: currentName.revision },
      githubReleases,
    );
    return { service, currentArn, target, restoreFrom };
  });
  if ('inBake' in planned) return stopShiftDeployment(ctx, inputs, planned.service, planned.inBake);

  const { target, currentArn, restoreFrom } = planned;
  const from = await releaseSide(ctx, currentArn);
  const to: ReleaseSide = {
    taskDefinitionArn: target.taskDefinitionArn,
    revision: shortTaskDefinitionName(target.taskDefinitionArn),
    ...(target.gitSha ? { gitSha: target.gitSha } : {}),
    ...(target.image ? { image: target.image } : {}),
  };
  const result: ReleaseResult = {
    ...rollbackResultStart(ctx, inputs),
    from,
    to,
    resolvedBy: target.resolvedBy,
    notes: target.notes,
    ...(restoreFrom.length ? { restoreFrom } : {}),
  };
  for (const hint of restoreFrom) {
    reporter.warning(
      `${to.revision} predates database snapshot ${hint.snapshotId} (taken before ${hint.before}): ` +
        `content that release dropped is only in the snapshot. To restore it as a new DB instance: ${hint.command}`,
    );
  }
  reporter.info(
    `Rollback ${inputs.service}: ${describeSide(from)} -> ${describeSide(to)} ` +
      `(${describeSpec(spec)}, resolved by ${target.resolvedBy}).`,
  );
  for (const note of target.notes) reporter.warning(note);
  if (inputs.dryRun) {
    result.reason =
      `Would roll ${inputs.service} from ${from.revision} back to ${to.revision}; nothing changed.` +
      (target.inactive ? ` ${to.revision} is INACTIVE and would be registered again as a new revision.` : '');
    reporter.info(`Dry run: ${result.reason}`);
    return result;
  }

  // From here on AWS changes: nothing below throws without a result.
  try {
    if (target.inactive) {
      const copy = await registerCopy(ctx, target.definition, target.gitSha);
      result.reregisteredFrom = target.taskDefinitionArn;
      result.to = { ...to, taskDefinitionArn: copy, revision: shortTaskDefinitionName(copy) };
      reporter.info(`${to.revision} was INACTIVE: registered it again as ${result.to.revision}.`);
    }
    await ctx.recorder.start({
      kind: 'rollback',
      cluster: inputs.cluster,
      service: inputs.service,
      taskDefinitionArn: result.to.taskDefinitionArn,
      previousTaskDefinitionArn: currentArn,
      ...(to.image ? { image: to.image } : {}),
      // A rollback deploys the target's commit, not the workflow's.
      ...(to.gitSha ? { gitSha: to.gitSha } : {}),
      ...(to.gitSha && /^[0-9a-f]{40}$/i.test(to.gitSha) ? { ref: to.gitSha } : {}),
    });
    const rollout = await phase(reporter, 'Roll back', async () => {
      const started = await startRollout(ctx, {
        cluster: inputs.cluster,
        service: inputs.service,
        taskDefinitionArn: result.to.taskDefinitionArn,
      });
      result.deploymentId = started.deploymentId;
      return waitForRollout(
        ctx,
        {
          cluster: inputs.cluster,
          service: inputs.service,
          deploymentId: started.deploymentId,
          taskDefinitionArn: result.to.taskDefinitionArn,
          containers: target.definition.taskDefinition.containerDefinitions ?? [],
          appContainer: appContainerName(target.definition.taskDefinition.containerDefinitions ?? []),
          seenEventIds: (planned.service.events ?? []).map((e) => e.id ?? '').filter(Boolean),
          updatedAt: started.updatedAt,
          ...(started.serviceDeploymentArn ? { serviceDeploymentArn: started.serviceDeploymentArn } : {}),
          label: 'rollback',
        },
        inputs.wait,
      );
    });
    result.rollout = rollout;
    result.verdict = rollout.verdict === 'succeeded' ? 'succeeded' : rollout.verdict;
    result.reason = rollout.reason;
    if (rollout.verdict === 'succeeded') {
      reporter.info(`Rolled back to ${result.to.revision}: ${rollout.reason}`);
    } else {
      reporter.warning(`Rollback ${rollout.verdict}: ${rollout.reason}`);
      for (const task of rollout.stoppedTasks) {
        if (task.logTail.length)
          reporter.info(`Last lines of ${task.logSource ?? 'the log'}:\n${task.logTail.join('\n')}`);
      }
    }
  } catch (error) {
    Object.assign(result, resultOfError(error));
  }
  await settleEndedOn(ctx, result);
  await finishRecord(ctx, result);
  return result;
}
