import {
  DescribeServiceDeploymentsCommand,
  StopServiceDeploymentCommand,
  type Deployment,
  type ECSClient,
  type Service,
} from '@aws-sdk/client-ecs';
import { classifyAwsError, explainAwsError } from '../core/aws-errors';
import { shiftStrategyOf, type ShiftStrategy } from '../deploy/strategy';

/**
 * A blue/green, linear or canary deployment that a rollback can stop rather than roll over: still in
 * progress and not yet cleaning up blue (in or before BAKE_TIME), so blue still runs and
 * StopServiceDeployment(ROLLBACK) returns production traffic to it at once.
 * API reference: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_StopServiceDeployment.html;
 * stoppable states PENDING and IN_PROGRESS ("moves to the ROLLBACK_REQUESTED state, and then the rollback
 * operation starts"): https://docs.aws.amazon.com/AmazonECS/latest/developerguide/stop-service-deployment.html
 */
export interface StoppableShift {
  serviceDeploymentArn: string;
  strategy: ShiftStrategy;
  /** The lifecycle stage it was in when we looked. */
  stage: string;
  /** The new revision's deployment (what is being rolled out). */
  green: Deployment & { id: string; taskDefinition: string };
  /** The deployment traffic returns to. */
  blue: Deployment & { id: string; taskDefinition: string };
}

const STOPPABLE_STATUSES = ['PENDING', 'IN_PROGRESS'];

/** The service's shift deployment in flight that StopServiceDeployment can take back, if any. */
export async function findStoppableShift(
  ecs: ECSClient,
  service: Service,
): Promise<StoppableShift | undefined> {
  const strategy = shiftStrategyOf(service.deploymentConfiguration);
  const arn = service.currentServiceDeployment;
  if (!strategy || !arn) return undefined;
  let record;
  try {
    const out = await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }));
    record = out.serviceDeployments?.find((d) => d.serviceDeploymentArn === arn);
  } catch (error) {
    // Without the record (an older endpoint, a role without the permission) the rollback goes the usual way.
    if (classifyAwsError(error) === 'transient')
      throw explainAwsError(error, 'ecs:DescribeServiceDeployments');
    return undefined;
  }
  if (!record || !STOPPABLE_STATUSES.includes(record.status ?? '') || record.lifecycleStage === 'CLEAN_UP')
    return undefined;
  const deployments = service.deployments ?? [];
  const green = deployments.find((d) => d.status === 'PRIMARY');
  const blue = deployments.find(
    (d) => d !== green && d.taskDefinition && d.taskDefinition !== green?.taskDefinition,
  );
  if (!green?.id || !green.taskDefinition || !blue?.id || !blue.taskDefinition) return undefined;
  return {
    serviceDeploymentArn: arn,
    strategy,
    stage: record.lifecycleStage ?? 'unknown',
    green: { ...green, id: green.id, taskDefinition: green.taskDefinition },
    blue: { ...blue, id: blue.id, taskDefinition: blue.taskDefinition },
  };
}

/** StopServiceDeployment with stopType ROLLBACK: production traffic back to blue at once. */
export async function stopWithRollback(ecs: ECSClient, serviceDeploymentArn: string): Promise<void> {
  try {
    await ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn, stopType: 'ROLLBACK' }));
  } catch (error) {
    throw explainAwsError(error, 'ecs:StopServiceDeployment');
  }
}
