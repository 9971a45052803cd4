import {
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  type CloudFormationClient,
  type Stack,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import type { Clock } from '../core/clock';
import type { Reporter } from '../core/reporter';
import { pollUntil } from '../core/poll';
import { ProvisionFailedError } from './errors';

/**
 * New stack events only, oldest first. DescribeStackEvents pages newest first, so a poll reads until
 * the first event it has already seen; `prime` marks everything before the operation as seen so a
 * stack's history (or a clock skewed against AWS timestamps) never leaks into this run's log.
 */
export class StackEventStream {
  private readonly seen = new Set<string>();
  readonly events: StackEvent[] = [];

  constructor(
    private readonly cloudformation: CloudFormationClient,
    private readonly stackId: string,
  ) {}

  async prime(): Promise<void> {
    const page = await this.cloudformation.send(new DescribeStackEventsCommand({ StackName: this.stackId }));
    for (const event of page.StackEvents ?? []) if (event.EventId) this.seen.add(event.EventId);
  }

  async poll(): Promise<StackEvent[]> {
    const fresh: StackEvent[] = [];
    let nextToken: string | undefined;
    pages: do {
      const page = await this.cloudformation.send(
        new DescribeStackEventsCommand({ StackName: this.stackId, NextToken: nextToken }),
      );
      for (const event of page.StackEvents ?? []) {
        if (!event.EventId || this.seen.has(event.EventId)) break pages;
        fresh.push(event);
      }
      nextToken = page.NextToken;
    } while (nextToken);
    for (const event of fresh) this.seen.add(event.EventId!);
    fresh.reverse();
    this.events.push(...fresh);
    return fresh;
  }
}

function formatStackEvent(event: StackEvent): string {
  const time = event.Timestamp ? event.Timestamp.toISOString().slice(11, 19) : '--:--:--';
  const reason = event.ResourceStatusReason ? ` - ${event.ResourceStatusReason}` : '';
  return `${time} ${event.LogicalResourceId ?? '?'} (${event.ResourceType ?? '?'}) ${event.ResourceStatus ?? '?'}${reason}`;
}

export interface FailedResource {
  logicalId: string;
  resourceType: string;
  status: string;
  reason: string;
}

const CANCELLED = /Resource (creation|update) cancelled/;

/**
 * The resources that failed, root causes first: "Resource creation cancelled" is a consequence of
 * another failure, so it is listed only when nothing else explains the failure.
 */
export function failedResources(events: readonly StackEvent[], stackName: string): FailedResource[] {
  const failed = events
    .filter((e) => e.ResourceStatus?.endsWith('_FAILED'))
    .filter((e) => !(e.ResourceType === 'AWS::CloudFormation::Stack' && e.LogicalResourceId === stackName))
    .map((e) => ({
      logicalId: e.LogicalResourceId ?? '?',
      resourceType: e.ResourceType ?? '?',
      status: e.ResourceStatus ?? '?',
      reason: e.ResourceStatusReason ?? 'no reason given',
    }));
  const causes = failed.filter((f) => !CANCELLED.test(f.reason));
  return causes.length > 0 ? causes : failed;
}

export const SUCCESS_STATUSES = ['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'IMPORT_COMPLETE'];

export function isInProgress(status: string | undefined): boolean {
  return !!status && status.endsWith('_IN_PROGRESS') && status !== 'REVIEW_IN_PROGRESS';
}

export async function describeStack(
  cloudformation: CloudFormationClient,
  stackName: string,
): Promise<Stack | undefined> {
  try {
    const { Stacks = [] } = await cloudformation.send(new DescribeStacksCommand({ StackName: stackName }));
    return Stacks[0];
  } catch (error) {
    if (error instanceof Error && /does not exist/.test(error.message)) return undefined;
    throw error;
  }
}

/**
 * Polls the stack until it leaves its *_IN_PROGRESS states, printing new events as they arrive.
 * Bounded by `timeoutMs` on the injected clock.
 */
export async function waitForStack(
  cloudformation: CloudFormationClient,
  clock: Clock,
  reporter: Reporter,
  stream: StackEventStream,
  stackId: string,
  options: { pollMs: number; timeoutMs: number },
): Promise<Stack> {
  let last: Stack | undefined;
  const waited = await pollUntil<Stack>(
    clock,
    { every: options.pollMs, deadline: clock.now() + options.timeoutMs },
    async () => {
      for (const event of await stream.poll()) reporter.info(formatStackEvent(event));
      const stack = await describeStack(cloudformation, stackId);
      if (!stack) throw new ProvisionFailedError(`Stack ${stackId} disappeared while waiting for it.`);
      last = stack;
      if (!isInProgress(stack.StackStatus)) {
        // Catch the last events written between the previous poll and the final status.
        for (const event of await stream.poll()) reporter.info(formatStackEvent(event));
        return { done: true, value: stack };
      }
      reporter.progress(`Waiting for ${stack.StackName}: ${stack.StackStatus}`);
      return { done: false };
    },
  );
  if (waited.status === 'done') return waited.value;
  throw new ProvisionFailedError(
    `Stack ${last?.StackName ?? stackId} is still ${last?.StackStatus ?? 'in progress'} after ${Math.round(options.timeoutMs / 60000)} minutes; ` +
      'CloudFormation carries on without us - watch it in the console and re-run when it settles.',
  );
}
