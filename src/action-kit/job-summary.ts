import * as core from '@actions/core';
import type { Reporter } from '../core/reporter';
import { errorMessage } from '../core/errors';

/**
 * Writes Markdown built by the core to the job summary. Can be turned off, and never fails the
 * run: a summary that cannot be written is a warning, not a failed deploy.
 */
export class JobSummary {
  enabled = true;
  constructor(private readonly reporter: Reporter) {}

  async write(markdown: string): Promise<void> {
    if (!this.enabled || !process.env.GITHUB_STEP_SUMMARY) return;
    try {
      await core.summary.addRaw(markdown, true).write();
    } catch (error) {
      this.reporter.warning(`Could not write the job summary: ${errorMessage(error)}`);
    }
  }
}
