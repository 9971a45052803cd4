/** CloudWatch Logs data: groups of streams of events, written by simulated tasks. */
export interface LogEventRecord {
  timestamp: number;
  ingestionTime: number;
  message: string;
}

export interface LogStreamRecord {
  name: string;
  createdAt: number;
  events: LogEventRecord[];
}

export interface LogGroupRecord {
  name: string;
  createdAt: number;
  streams: Map<string, LogStreamRecord>;
}

export class LogStore {
  readonly groups = new Map<string, LogGroupRecord>();

  createGroup(name: string, at: number): LogGroupRecord {
    const group = { name, createdAt: at, streams: new Map<string, LogStreamRecord>() };
    this.groups.set(name, group);
    return group;
  }

  /** Like the awslogs driver with `awslogs-create-group`: group and stream appear on first write. */
  write(groupName: string, streamName: string, at: number, messages: string[]): void {
    const group = this.groups.get(groupName) ?? this.createGroup(groupName, at);
    let stream = group.streams.get(streamName);
    if (!stream) {
      stream = { name: streamName, createdAt: at, events: [] };
      group.streams.set(streamName, stream);
    }
    for (const message of messages) stream.events.push({ timestamp: at, ingestionTime: at + 200, message });
  }

  /** Lines of one stream, oldest first; empty when the stream does not exist. */
  lines(groupName: string, streamName: string): string[] {
    return (
      this.groups
        .get(groupName)
        ?.streams.get(streamName)
        ?.events.map((e) => e.message) ?? []
    );
  }
}
