import { AwsError } from './aws-error';
import type { LogStore, LogGroupRecord, LogStreamRecord } from './log-store';
import type { HandlerTable } from './server';

/* eslint-disable @typescript-eslint/no-explicit-any -- handler inputs are JSON checked against the SDK schema first */

const notFound = (what: 'group' | 'stream'): AwsError =>
  new AwsError('ResourceNotFoundException', `The specified log ${what} does not exist.`);

function groupNameOf(input: any): string {
  // logGroupIdentifier may be a name or an ARN (arn:aws:logs:region:acct:log-group:NAME).
  const id: string | undefined = input.logGroupName ?? input.logGroupIdentifier;
  if (!id)
    throw new AwsError(
      'InvalidParameterException',
      'Either logGroupName or logGroupIdentifier must be specified.',
    );
  const arn = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:([^:]+)/.exec(id);
  return arn?.[1] ?? id;
}

export function logsHandlers(
  store: LogStore,
  region: string,
  accountId: string,
  now: () => number,
): HandlerTable {
  const group = (input: any): LogGroupRecord => {
    const found = store.groups.get(groupNameOf(input));
    if (!found) throw notFound('group');
    return found;
  };
  const stream = (g: LogGroupRecord, name: string): LogStreamRecord => {
    const found = g.streams.get(name);
    if (!found) throw notFound('stream');
    return found;
  };

  return {
    CreateLogGroup(input: any) {
      if (store.groups.has(input.logGroupName)) {
        throw new AwsError('ResourceAlreadyExistsException', 'The specified log group already exists');
      }
      store.createGroup(input.logGroupName, now());
      return {};
    },

    DescribeLogStreams(input: any) {
      const g = group(input);
      let streams = [...g.streams.values()].filter((s) => s.name.startsWith(input.logStreamNamePrefix ?? ''));
      const last = (s: LogStreamRecord): number => s.events.at(-1)?.timestamp ?? 0;
      streams.sort((a, b) =>
        input.orderBy === 'LastEventTime' ? last(a) - last(b) : a.name.localeCompare(b.name),
      );
      if (input.descending) streams.reverse();
      streams = streams.slice(0, input.limit ?? 50);
      return {
        logStreams: streams.map((s) => ({
          logStreamName: s.name,
          creationTime: s.createdAt,
          firstEventTimestamp: s.events[0]?.timestamp,
          lastEventTimestamp: s.events.at(-1)?.timestamp,
          lastIngestionTime: s.events.at(-1)?.ingestionTime,
          uploadSequenceToken: '1',
          arn: `arn:aws:logs:${region}:${accountId}:log-group:${g.name}:log-stream:${s.name}`,
          storedBytes: 0,
        })),
      };
    },

    /**
     * Tokens are "f/<index>" and "b/<index>" positions, like the real service's opaque
     * forward/backward tokens; reading forward past the end returns the same token.
     */
    GetLogEvents(input: any) {
      const events = stream(group(input), input.logStreamName).events.filter(
        (e) =>
          (input.startTime === undefined || e.timestamp >= input.startTime) &&
          (input.endTime === undefined || e.timestamp < input.endTime),
      );
      const limit = Math.min(input.limit ?? 10000, 10000);
      let from: number;
      let to: number;
      const token = /^([fb])\/(\d+)$/.exec(input.nextToken ?? '');
      if (token?.[1] === 'f') {
        from = Number(token[2]);
        to = Math.min(events.length, from + limit);
      } else if (token?.[1] === 'b') {
        to = Number(token[2]);
        from = Math.max(0, to - limit);
      } else if (input.startFromHead) {
        from = 0;
        to = Math.min(events.length, limit);
      } else {
        to = events.length;
        from = Math.max(0, to - limit);
      }
      return {
        events: events
          .slice(from, to)
          .map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime })),
        nextForwardToken: `f/${to}`,
        nextBackwardToken: `b/${from}`,
      };
    },

    /** Minimal: stream name filters, time range, and plain terms (all must occur) as the pattern. */
    FilterLogEvents(input: any) {
      const g = group(input);
      const terms = String(input.filterPattern ?? '')
        .split(/\s+/)
        .map((t) => t.replace(/^"|"$/g, ''))
        .filter(Boolean);
      const results: Array<{
        logStreamName: string;
        timestamp: number;
        message: string;
        ingestionTime: number;
        eventId: string;
      }> = [];
      for (const s of g.streams.values()) {
        if (input.logStreamNames && !input.logStreamNames.includes(s.name)) continue;
        if (input.logStreamNamePrefix && !s.name.startsWith(input.logStreamNamePrefix)) continue;
        s.events.forEach((e, i) => {
          if (input.startTime !== undefined && e.timestamp < input.startTime) return;
          if (input.endTime !== undefined && e.timestamp > input.endTime) return;
          if (!terms.every((t) => e.message.includes(t))) return;
          results.push({
            logStreamName: s.name,
            timestamp: e.timestamp,
            message: e.message,
            ingestionTime: e.ingestionTime,
            eventId: `${s.name}#${i}`,
          });
        });
      }
      results.sort((a, b) => a.timestamp - b.timestamp);
      const start = Number(input.nextToken ?? 0);
      const limit = input.limit ?? 10000;
      const page = results.slice(start, start + limit);
      return {
        events: page,
        ...(start + limit < results.length ? { nextToken: String(start + limit) } : {}),
      };
    },
  };
}
