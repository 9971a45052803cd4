import { describeStop } from '../deploy/diagnose';
import { describeCheck } from '../deploy/smoke-test';
import type { RolloutOutcome, StoppedTaskReport } from '../deploy/types';
import { consoleUrl, shortTaskDefinitionName } from '../ecs/names';
import { renderStageTable } from './summary-stages';
import {
  ROLLBACK_BY_WORDS,
  type ReleaseResult,
  type ReleaseSide,
  type ReleaseVerdict,
} from './release-result';
import { renderSchemaSection } from './schema-summary';

/** The verdict as the summary headline shows it; the word itself is the one every output uses. */
export const VERDICT_HEADLINES: Record<ReleaseVerdict, string> = {
  succeeded: '✅ succeeded',
  'rolled-back': '↩️ rolled-back',
  failed: '❌ failed',
  'timed-out': '⏱️ timed-out',
  cancelled: '⏹️ cancelled',
  'dry-run': '🔎 dry-run',
};

const RESOLVED_BY_WORDS: Record<NonNullable<ReleaseResult['resolvedBy']>, string> = {
  'github-deployments': 'GitHub deployment history',
  'ecs-tags': 'ECS revision tags',
  'ecs-revisions': "the task definition family's revisions",
  'task-definition': 'the task definition named in `to`',
};

export interface SummaryOptions {
  /** Log lines shown per stopped task (the `summary-log-lines` input); 0 shows none. Default 30. */
  logLines?: number;
}

/** Text inside a Markdown table cell: no pipes or newlines to break the row. */
function cell(text: string | undefined): string {
  return (text ?? '').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ') || '—';
}

function code(text: string | undefined): string {
  return text ? `\`${cell(text)}\`` : '—';
}

function sha(side: ReleaseSide): string {
  return side.gitSha ? `\`${side.gitSha.slice(0, 12)}\`` : '—';
}

function duration(span: { startedAt: number; endedAt: number }): string {
  const s = Math.round((span.endedAt - span.startedAt) / 1000);
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
}

function timeline(rollout: RolloutOutcome, title: string): string[] {
  if (!rollout.events.length) return [];
  const lines = [
    `<details><summary>${title} (${rollout.events.length})</summary>`,
    '',
    '| +s | event |',
    '| --: | --- |',
  ];
  for (const event of rollout.events) {
    lines.push(
      `| ${Math.max(0, Math.round((event.at - rollout.startedAt) / 1000))} | ${cell(event.message)} |`,
    );
  }
  lines.push('', '</details>', '');
  return lines;
}

function fence(lines: string[]): string {
  const longest = Math.max(
    2,
    ...lines.map((l) => (l.match(/`+/g) ?? []).reduce((n, m) => Math.max(n, m.length), 0)),
  );
  const ticks = '`'.repeat(longest + 1);
  return [ticks, ...lines, ticks].join('\n');
}

function stoppedTasks(
  tasks: readonly StoppedTaskReport[],
  logLines: number,
  title = 'Stopped tasks',
): string[] {
  if (!tasks.length) return [];
  const lines = [`### ${title}`, ''];
  for (const task of tasks) {
    lines.push(`- ${describeStop(task)}`);
    const tail = logLines > 0 ? task.logTail.slice(-logLines) : [];
    if (tail.length) {
      lines.push('', `  Last ${tail.length} log lines (${task.logSource ?? 'CloudWatch Logs'}):`, '');
      lines.push(fence(tail).replace(/^/gm, '  '), '');
    } else if (task.logTail.length) {
      lines.push(
        `  ${task.logTail.length} log lines in ${task.logSource ?? 'CloudWatch Logs'} (not shown here: \`summary-log-lines\` is 0).`,
      );
    } else if (task.logSource) {
      lines.push(`  No log: ${task.logSource}.`);
    }
  }
  lines.push('');
  return lines;
}

function rollbackRow(result: ReleaseResult): string | undefined {
  const rollback = result.rollback;
  if (!rollback) return undefined;
  const by = ROLLBACK_BY_WORDS[rollback.by];
  const target = shortTaskDefinitionName(rollback.taskDefinitionArn);
  const how = rollback.error
    ? `could not be completed: ${cell(rollback.error)}`
    : rollback.rollout
      ? `${rollback.rollout.verdict} in ${duration(rollback.rollout)} (${cell(rollback.rollout.reason)})`
      : 'started, not waited for';
  return `| Rollback | to ${cell(target)} by ${by}: ${how} |`;
}

/** The run-before task's line: the command, the revision it ran on, how it ended and how long it took. */
function oneOffRows(result: ReleaseResult): string[] {
  const oneOff = result.oneOff;
  if (!oneOff) return [];
  const exit = oneOff.exitCode !== undefined ? ` (exit ${oneOff.exitCode})` : '';
  const rows = [
    `| Run before | ${code(oneOff.command)} on ${cell(oneOff.revision)}: ${oneOff.verdict} in ${duration(oneOff)}${exit} |`,
  ];
  if (oneOff.verdict !== 'succeeded') rows.push(`| Rollout | skipped: the service was not changed |`);
  return rows;
}

/** The smoke test's line: passed or not, in how long, and what the last look saw. */
function smokeTestRow(result: ReleaseResult): string | undefined {
  const smoke = result.smokeTest;
  if (!smoke) return undefined;
  const seen = smoke.checks.map(describeCheck).join('; ');
  return `| Smoke test | ${smoke.verdict} in ${duration(smoke)}, ${smoke.looks} look${smoke.looks === 1 ? '' : 's'}${seen ? `: ${cell(seen)}` : ''} |`;
}

/**
 * The job summary of a deploy or a rollback, one layout for both: the verdict word, from → to by
 * revision, commit and image, why, the timeline, and the evidence (stopped tasks and their log lines).
 */
export function renderReleaseSummary(result: ReleaseResult, options: SummaryOptions = {}): string {
  const logLines = options.logLines ?? 30;
  const title = result.kind === 'deploy' ? 'Deploy' : 'Rollback';
  const rollout = result.rollout;
  const lines = [
    `## ${title} ${cell(result.service)}: ${VERDICT_HEADLINES[result.verdict]}`,
    '',
    `${cell(result.reason)}`,
    '',
    '| | From | To |',
    '| --- | --- | --- |',
    `| Revision | ${cell(result.from.revision || '(none)')} | ${cell(result.to.revision || '(not registered)')}${
      result.reregisteredFrom
        ? ` (INACTIVE ${cell(shortTaskDefinitionName(result.reregisteredFrom))}, registered again)`
        : ''
    } |`,
    `| Git SHA | ${sha(result.from)} | ${sha(result.to)} |`,
    `| Image | ${code(result.from.image)} | ${code(result.to.image)} |`,
    '',
    '| | |',
    '| --- | --- |',
    `| Cluster | ${cell(result.cluster)} |`,
  ];
  if (result.containerName) lines.push(`| Container | \`${cell(result.containerName)}\` |`);
  lines.push(...oneOffRows(result));
  if (result.deploymentId) lines.push(`| Deployment | ${cell(result.deploymentId)} |`);
  if (rollout) {
    lines.push(`| Rollout | ${rollout.verdict} in ${duration(rollout)} |`);
    if (rollout.strategy) lines.push(`| Strategy | ${rollout.strategy} |`);
    lines.push(
      `| Tasks | ${rollout.counts.running} running, ${rollout.counts.pending} pending, ${rollout.counts.desired} desired |`,
    );
  }
  if (result.stoppedServiceDeployment)
    lines.push(
      `| Rolled back with | StopServiceDeployment (ROLLBACK): traffic returned at once (${cell(result.stoppedServiceDeployment)}) |`,
    );
  const smokeLine = smokeTestRow(result);
  if (smokeLine) lines.push(smokeLine);
  const rollbackLine = rollbackRow(result);
  if (rollbackLine) lines.push(rollbackLine);
  if (result.endedOn) lines.push(`| Service runs now | ${cell(shortTaskDefinitionName(result.endedOn))} |`);
  if (result.resolvedBy) {
    lines.push(`| Target found in | ${RESOLVED_BY_WORDS[result.resolvedBy]} (\`${result.resolvedBy}\`) |`);
  }
  if (result.githubDeploymentId !== undefined)
    lines.push(`| GitHub deployment | ${result.githubDeploymentId} |`);
  lines.push('');
  lines.push(...renderSchemaSection(result));
  for (const note of result.notes) lines.push(`> ${cell(note)}`, '');
  if (result.error?.unexpected) {
    lines.push('> The run stopped on an unexpected error; the debug log has its stack trace.', '');
  }
  if (result.oneOff?.task) lines.push(...stoppedTasks([result.oneOff.task], logLines, 'Run-before task'));
  if (rollout) {
    lines.push(...renderStageTable(rollout));
    lines.push(...timeline(rollout, 'Service events during the rollout'));
    lines.push(...stoppedTasks(rollout.stoppedTasks, logLines));
  }
  if (result.rollback?.rollout)
    lines.push(...timeline(result.rollback.rollout, 'Service events during the rollback'));
  if (result.region) {
    lines.push(
      `[Open the service's deployments in the ECS console](${consoleUrl(result.region, result.cluster, result.service)})`,
      '',
    );
  }
  return lines.join('\n');
}

/** The summary of a build or provision that failed: the step's one line, where people look first. */
export function renderFailedSummary(kind: 'provision' | 'build-push', message: string): string {
  const title = { provision: 'Provision', 'build-push': 'Build and push' }[kind];
  return [`## ${title}: ❌ failed`, '', cell(message), ''].join('\n');
}

/** The summary of a job that stopped before it changed anything (bad input, a missing resource). */
export function renderNotStartedSummary(
  kind: 'deploy' | 'rollback' | 'provision' | 'build-push',
  message: string,
): string {
  const title = {
    deploy: 'Deploy',
    rollback: 'Rollback',
    provision: 'Provision',
    'build-push': 'Build and push',
  }[kind];
  return [`## ${title}: not started`, '', cell(message), '', 'Nothing was changed.', ''].join('\n');
}
