import { describeLoss } from '../content-schema/diff';
import type { ReleaseResult } from './release-result';

const KIND_WORDS = {
  unchanged: 'unchanged',
  additive: 'additive: only new fields or types',
  renaming: 'renaming: fields dropped and added with the same type (Strapi does not move their content)',
  destructive: 'destructive: content is dropped',
  unknown: 'unknown',
} as const;

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/**
 * The summary's "Content schema" section: what the release does to the content (checked before the
 * rollout), the snapshot taken before it, and for a rollback the snapshots that hold content newer code dropped.
 */
export function renderSchemaSection(result: ReleaseResult): string[] {
  const change = result.contentSchema;
  const lines: string[] = [];
  if (change) {
    lines.push('### Content schema', '');
    lines.push(
      `**${KIND_WORDS[change.kind]}**${change.kind === 'unknown' && change.unknownReason ? `: ${cell(change.unknownReason)}` : ''}`,
      '',
    );
    for (const loss of change.losses) lines.push(`- ⚠️ ${cell(describeLoss(loss))}`);
    for (const added of change.added) lines.push(`- ➕ ${cell(added)}`);
    if (change.losses.length || change.added.length) lines.push('');
  }
  if (result.snapshot) {
    lines.push(
      `Database snapshot before the rollout: \`${result.snapshot.snapshotId}\` of \`${result.snapshot.dbInstance}\` (available after ${result.snapshot.seconds} s).`,
      '',
    );
  }
  if (result.restoreFrom?.length) {
    lines.push('### Database snapshots newer than the target', '');
    lines.push(
      'Code rolled back does not bring back content a newer release dropped. These snapshots were taken before newer releases; restore one as a new DB instance if that content is needed:',
      '',
    );
    for (const hint of result.restoreFrom) {
      lines.push(
        `- \`${hint.snapshotId}\` (taken before ${cell(hint.before)}):`,
        '',
        '  ```',
        `  ${hint.command}`,
        '  ```',
        '',
      );
    }
  }
  return lines;
}
