import { consoleUrl } from '../deploy';
import { describeStop } from '../deploy/diagnose';
import { shortTaskDefinitionName } from '../history/release';
import type { ReleaseSide, RollbackResult } from './rollback';

const RESOLVED_BY_WORDS: Record<RollbackResult['resolvedBy'], string> = {
  'github-deployments': 'GitHub deployment history',
  'ecs-tags': 'ECS revision tags',
  'ecs-revisions': "the task definition family's revisions",
  'task-definition': 'the task definition named in `to`',
};

function cell(text: string | undefined): string {
  return (text ?? '').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ') || '—';
}

function code(text: string | undefined): string {
  return text ? `\`${cell(text)}\`` : '—';
}

function sha(side: ReleaseSide): string {
  return side.gitSha ? `\`${side.gitSha.slice(0, 12)}\`` : '—';
}

function headline(result: RollbackResult): string {
  if (result.dryRun) return '🔎 Dry run, nothing changed';
  switch (result.outcome?.verdict) {
    case 'succeeded':
      return '✅ Rolled back';
    case 'failed':
      return '❌ Rollback failed';
    case 'timed-out':
      return '⏱️ Rollback timed out';
    default:
      return 'not started';
  }
}

/** The job summary of a rollback: from which release to which, by git SHA, image and revision. */
export function renderRollbackSummary(result: RollbackResult): string {
  const lines = [
    `## Rollback ${cell(result.service)}: ${headline(result)}`,
    '',
    '| | From | To |',
    '| --- | --- | --- |',
    `| Git SHA | ${sha(result.from)} | ${sha(result.to)} |`,
    `| Image | ${code(result.from.image)} | ${code(result.to.image)} |`,
    `| Revision | ${cell(result.from.revision)} | ${cell(result.to.revision)}${
      result.reregisteredFrom
        ? ` (INACTIVE; registered again as ${cell(shortTaskDefinitionName(result.taskDefinitionArn))})`
        : ''
    } |`,
    '',
    `Cluster \`${cell(result.cluster)}\`; target found in ${RESOLVED_BY_WORDS[result.resolvedBy]} (\`${result.resolvedBy}\`).`,
    '',
  ];
  for (const note of result.notes) lines.push(`> ${note}`, '');
  const outcome = result.outcome;
  if (outcome) {
    const seconds = Math.round((outcome.endedAt - outcome.startedAt) / 1000);
    lines.push(`**${outcome.verdict}** after ${seconds} s: ${cell(outcome.reason)}`, '');
    if (outcome.stoppedTasks.length) {
      lines.push('### Stopped tasks', '');
      for (const task of outcome.stoppedTasks) {
        lines.push(`- ${describeStop(task)}`);
        if (task.logTail.length) {
          lines.push(
            '',
            `  Last ${task.logTail.length} log lines (${task.logSource ?? 'CloudWatch Logs'}):`,
            '',
            '  ````',
          );
          for (const line of task.logTail) lines.push(`  ${line}`);
          lines.push('  ````', '');
        }
      }
      lines.push('', 'The service was left as ECS left it.', '');
    }
  }
  if (result.region) {
    lines.push(
      `[Open the service's deployments in the ECS console](${consoleUrl(result.region, result.cluster, result.service)})`,
      '',
    );
  }
  return lines.join('\n');
}
