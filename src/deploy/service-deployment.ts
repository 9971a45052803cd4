import { DescribeServiceDeploymentsCommand, type ServiceDeployment } from '@aws-sdk/client-ecs';
import { awsErrorName, classifyAwsError } from '../core/aws-errors';
import { errorMessage } from '../core/errors';
import type { ApiMeter } from './api-meter';

/**
 * ECS's own record of one rollout (DescribeServiceDeployments, 2024): its status, the circuit breaker's
 * failure count and whether ECS rolled it back. Where the API answers, it is what the verdict rests on;
 * where it does not (an older region or endpoint, a role without ecs:DescribeServiceDeployments), the
 * watcher falls back to reading `deployments[]` of DescribeServices, as before.
 */
export type RecordVerdict =
  | { verdict: 'pending' }
  | { verdict: 'succeeded'; reason: string }
  | { verdict: 'failed'; reason: string; rolledBack: boolean; stopped: boolean };

const ROLLED_BACK = new Set([
  'ROLLBACK_REQUESTED',
  'ROLLBACK_IN_PROGRESS',
  'ROLLBACK_SUCCESSFUL',
  'ROLLBACK_FAILED',
]);

function breakerText(record: ServiceDeployment): string {
  const breaker = record.deploymentCircuitBreaker;
  return breaker?.failureCount !== undefined
    ? ` (circuit breaker: ${breaker.failureCount} of ${breaker.threshold ?? '?'} failed tasks)`
    : '';
}

/** The verdict ECS's record gives, in the words the summary shows. */
export function verdictOfRecord(record: ServiceDeployment): RecordVerdict {
  const status = record.status ?? '';
  const why = (record.rollback?.reason ?? record.statusReason ?? '').replace(/\.$/, '');
  if (status === 'SUCCESSFUL')
    return { verdict: 'succeeded', reason: `ECS recorded the deployment SUCCESSFUL${breakerText(record)}.` };
  if (ROLLED_BACK.has(status)) {
    return {
      verdict: 'failed',
      rolledBack: true,
      stopped: false,
      reason: `ECS rolled the deployment back (${status}${why ? `: ${why}` : ''})${breakerText(record)}.`,
    };
  }
  if (status === 'STOPPED' || status === 'STOP_REQUESTED') {
    return {
      verdict: 'failed',
      rolledBack: false,
      stopped: true,
      reason: `ECS stopped the deployment (${status}${why ? `: ${why}` : ''}).`,
    };
  }
  return { verdict: 'pending' };
}

/** Reads the record of `arn`; undefined when the API is not there for us (then never asked again). */
export class ServiceDeploymentReader {
  private available = true;
  constructor(
    private readonly meter: ApiMeter,
    private readonly arn: string | undefined,
    private readonly debug: (message: string) => void,
  ) {}

  async read(): Promise<ServiceDeployment | undefined> {
    if (!this.arn || !this.available) return undefined;
    try {
      const out = await this.meter.sendEcs(
        new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [this.arn] }),
      );
      return out.serviceDeployments?.find((d) => d.serviceDeploymentArn === this.arn);
    } catch (error) {
      // Transient errors are the poll's to tolerate; a refusal or an unknown operation means no record here.
      if (classifyAwsError(error) === 'transient') throw error;
      if (classifyAwsError(error) === 'unknown' && !/UnknownOperation|NotFound/i.test(awsErrorName(error)))
        throw error;
      this.available = false;
      this.debug(
        `ECS's service deployment record is not available (${errorMessage(error)}); judging by DescribeServices alone.`,
      );
      return undefined;
    }
  }
}
