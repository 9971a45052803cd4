import type { Clock } from '../../src/core/clock';
import type { CliIo } from '../../src/cli/command';
import type { OutputStream } from '../../src/cli/terminal-reporter';

export interface MemoryStream extends OutputStream {
  text: string;
}

export function memoryStream(
  options: {
    isTTY?: boolean | undefined;
    columns?: number | undefined;
    echo?: OutputStream | undefined;
  } = {},
): MemoryStream {
  const stream: MemoryStream = {
    text: '',
    isTTY: options.isTTY ?? false,
    columns: options.columns,
    write(chunk: string) {
      stream.text += chunk;
      options.echo?.write(chunk);
      return true;
    },
  };
  return stream;
}

/** A CliIo whose output is kept in memory (tests, and the demo when it needs the --json document). */
export function memoryIo(
  options: {
    env?: NodeJS.ProcessEnv;
    cwd?: string;
    clock?: Clock;
    isTTY?: boolean;
    echo?: OutputStream;
  } = {},
): CliIo & { stdout: MemoryStream; stderr: MemoryStream } {
  return {
    stdout: memoryStream({ isTTY: options.isTTY, echo: options.echo }),
    stderr: memoryStream({ echo: options.echo }),
    env: options.env ?? { ...process.env },
    cwd: options.cwd ?? process.cwd(),
    clock: options.clock,
  };
}
