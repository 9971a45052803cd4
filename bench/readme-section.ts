/**
 * What every bench's `--readme` mode shares: the machine line its figures came from, and the rewrite of
 * the README between `<!-- <name>:start -->` and `<!-- <name>:end -->`, so each bench owns one section.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';

/** The CPU model as /proc/cpuinfo names it (os.cpus() can shorten it), else what Node reports. */
function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) return line.slice(line.indexOf(':') + 1).trim();
  } catch {
    // Not Linux: fall back to Node's view.
  }
  return cpus()[0]?.model ?? 'unknown CPU';
}

/** One line naming the machine and Node a bench ran on; BENCH_MACHINE adds a description of it. */
export function machineLine(): string {
  return (
    `Machine: ${process.env.BENCH_MACHINE ?? 'this machine'}: ${cpus().length} × ${cpuModel()},` +
    ` ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${platform()} ${release()}, Node ${process.version},` +
    ` ${new Date().toISOString().slice(0, 10)}.`
  );
}

/** Replaces the README's section `name` with the printed lines (blank runs squeezed to one). */
export function rewriteReadmeSection(name: string, printed: readonly string[]): void {
  const readme = join(__dirname, '..', 'README.md');
  const text = readFileSync(readme, 'utf8');
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no ${start} ... ${end} section`);
  const body = printed
    .join('\n')
    .replace(/^\n+/, '')
    .replace(/\n{3,}/g, '\n\n');
  writeFileSync(readme, `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`);
}
