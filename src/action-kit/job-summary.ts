import * as core from '@actions/core';
import { errorMessage } from '../core/errors';
import type { Reporter } from '../core/reporter';

/** Every occurrence of each secret replaced by `***`, the longest first (one secret may contain another). */
export function maskSecrets(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of [...secrets].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length)) {
    out = out.split(secret).join('***');
  }
  return out;
}

/**
 * Writes Markdown built by the core to the job summary. The runner masks secrets in the log but not
 * in the summary, so every value the step read as secret is masked here. Can be turned off, and never
 * fails the run: a summary that cannot be written is a warning, not a failed deploy.
 */
export class JobSummary {
  enabled = true;
  constructor(
    private readonly reporter: Reporter,
    private readonly secrets: ReadonlySet<string> = new Set(),
  ) {}

  async write(markdown: string): Promise<void> {
    if (!this.enabled || !process.env.GITHUB_STEP_SUMMARY) return;
    try {
      await core.summary.addRaw(maskSecrets(markdown, this.secrets), true).write();
    } catch (error) {
      this.reporter.warning(`Could not write the job summary: ${errorMessage(error)}`);
    }
  }
}
