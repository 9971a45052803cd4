import type { CommandResult, CommandRunner, RunOptions } from '../../../src/image/command-runner';

export interface RecordedCommand {
  command: string;
  args: string[];
  options: RunOptions;
}

type Reply = Partial<CommandResult> & { lines?: string[]; effect?: (args: string[]) => void };

/**
 * A CommandRunner that answers docker subcommands from a table and records every call. Unlisted
 * commands succeed with no output. Replies may stream `lines` through onLine like a real build.
 */
export class FakeDocker implements CommandRunner {
  readonly calls: RecordedCommand[] = [];
  private readonly replies: { match: (args: string[]) => boolean; reply: Reply }[] = [];

  on(prefix: string[], reply: Reply): this {
    this.replies.unshift({ match: (args) => prefix.every((word, i) => args[i] === word), reply });
    return this;
  }

  async run(command: string, args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
    this.calls.push({ command, args: [...args], options });
    const reply = this.replies.find((r) => r.match([...args]))?.reply ?? {};
    reply.effect?.([...args]);
    for (const line of reply.lines ?? []) options.onLine?.(line, 'stdout');
    return {
      exitCode: reply.exitCode ?? 0,
      stdout: reply.stdout ?? (reply.lines ?? []).join('\n'),
      stderr: reply.stderr ?? '',
      notFound: reply.notFound,
    };
  }

  /** The argv of every docker call, first words only, to read the sequence at a glance. */
  subcommands(): string[] {
    return this.calls.map((c) => c.args.slice(0, c.args[0] === 'buildx' ? 2 : 1).join(' '));
  }

  find(prefix: string[]): RecordedCommand | undefined {
    return this.calls.find((c) => prefix.every((word, i) => c.args[i] === word));
  }
}
