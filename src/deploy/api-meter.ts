import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { LogsClient } from './types';

/**
 * Counts the calls a wait makes (one per `send`, whatever the SDK retries underneath), so the
 * outcome can show the cost of waiting and the bench can hold it to a budget.
 */
export class ApiMeter {
  ecsCalls = 0;
  logsCalls = 0;
  constructor(
    readonly ecs: ECSClient,
    readonly logs: LogsClient,
  ) {}

  // The SDK's `send` overloads do not survive a generic wrapper; the command types still check at the call site.
  sendEcs: ECSClient['send'] = ((command: Parameters<ECSClient['send']>[0]) => {
    this.ecsCalls++;
    return this.ecs.send(command);
  }) as ECSClient['send'];

  sendLogs: CloudWatchLogsClient['send'] = ((command: Parameters<CloudWatchLogsClient['send']>[0]) => {
    this.logsCalls++;
    return this.logs.send(command);
  }) as CloudWatchLogsClient['send'];

  get total(): number {
    return this.ecsCalls + this.logsCalls;
  }
}
