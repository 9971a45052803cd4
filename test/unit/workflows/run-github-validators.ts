import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './repo-files';

export interface Finding {
  file: string;
  tool: 'languageservice' | 'actionlint';
  line: number;
  message: string;
  severity: 'error' | 'warning' | 'info';
}

export interface ValidationReport {
  files: string[];
  workflows: string[];
  actions: string[];
  findings: Finding[];
}

/**
 * Runs github-validators.mts (GitHub's workflow parser and language service, and actionlint) in a child
 * process: those packages are ES modules only, and this jest setup runs CommonJS.
 */
export function runGithubValidators(
  request: { overrides?: Record<string, string | null>; only?: string[] } = {},
): ValidationReport {
  const tsx = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const result = spawnSync(process.execPath, [tsx, join(__dirname, 'github-validators.mts')], {
    cwd: ROOT,
    input: JSON.stringify({ root: ROOT, ...request }),
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(`github-validators exited ${result.status}: ${result.stderr || result.error?.message}`);
  }
  return JSON.parse(result.stdout) as ValidationReport;
}

export function describeFinding(f: Finding): string {
  return `${f.file}:${f.line} [${f.tool}] ${f.message.split('\n')[0]}`;
}
