import { TagResourceCommand, type ECSClient } from '@aws-sdk/client-ecs';
import { errorMessage } from '../core/errors';
import type { Reporter } from '../core/reporter';
import type { DeploymentFinishInfo, DeploymentRecorder, DeploymentStartInfo } from '../deploy/recorder';
import { DEPLOY_RESULT_TAG } from './ecs-history';

/**
 * Tags a revision with how its rollout ended, so the ECS-only history can skip releases that
 * failed (the engine's `git-sha`/`run-id` tags are written before anyone knows). Registering a
 * tagged revision already needs ecs:TagResource, so this asks for no new permission; still, a
 * failure is a warning, never a failed deploy.
 */
export async function tagDeployResult(
  ecs: ECSClient,
  taskDefinitionArn: string,
  result: 'success' | 'failure',
  reporter: Reporter,
): Promise<void> {
  if (!taskDefinitionArn) return;
  try {
    await ecs.send(
      new TagResourceCommand({
        resourceArn: taskDefinitionArn,
        tags: [{ key: DEPLOY_RESULT_TAG, value: result }],
      }),
    );
  } catch (error) {
    reporter.warning(
      `Could not tag ${taskDefinitionArn} with ${DEPLOY_RESULT_TAG}=${result}: ${errorMessage(error)}`,
    );
  }
}

/** A recorder that writes the deploy's result on the revision it registered. */
export function createEcsResultRecorder(
  ecsFor: (region: string) => ECSClient,
  reporter: Reporter,
): DeploymentRecorder {
  return {
    start: async () => undefined,
    async finish(status, info: DeploymentFinishInfo) {
      const arn = info.outcome?.taskDefinitionArn;
      if (arn) await tagDeployResult(ecsFor(info.region), arn, status, reporter);
    },
  };
}

/** Several recorders as one, called in order; each is expected to keep its own failures to itself. */
export function combineRecorders(...recorders: (DeploymentRecorder | undefined)[]): DeploymentRecorder {
  const present = recorders.filter((r): r is DeploymentRecorder => r !== undefined);
  return {
    async start(info: DeploymentStartInfo) {
      for (const r of present) await r.start(info);
    },
    async finish(status, info) {
      for (const r of present) await r.finish(status, info);
    },
  };
}
