import type { DeployOutcome, RolloutOutcome, StoppedTaskReport } from './types';
import { describeStop } from './diagnose';

const STATUS_WORDS: Record<DeployOutcome['status'], string> = {
  succeeded: '✅ Succeeded',
  failed: '❌ Failed',
  'rolled-back': '↩️ Failed, rolled back',
  'timed-out': '⏱️ Timed out',
};

function revision(arn: string): string {
  return arn.split('/').pop() ?? arn;
}

function duration(rollout: RolloutOutcome): string {
  const s = Math.round((rollout.endedAt - rollout.startedAt) / 1000);
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
}

/** Text inside a Markdown table cell: no pipes or newlines to break the row. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function consoleUrl(region: string, cluster: string, service: string): string {
  return `https://${region}.console.aws.amazon.com/ecs/v2/clusters/${encodeURIComponent(cluster)}/services/${encodeURIComponent(service)}/deployments`;
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

function stoppedTasks(tasks: StoppedTaskReport[]): string[] {
  if (!tasks.length) return [];
  const lines = ['### Stopped tasks', ''];
  for (const task of tasks) {
    lines.push(`- ${describeStop(task)}`);
    if (task.logTail.length) {
      lines.push('', `  Last ${task.logTail.length} log lines (${task.logSource ?? 'CloudWatch Logs'}):`, '');
      lines.push(fence(task.logTail).replace(/^/gm, '  '), '');
    } else if (task.logSource) {
      lines.push(`  No log: ${task.logSource}.`);
    }
  }
  lines.push('');
  return lines;
}

/** The job summary of a deploy: what changed, the verdict and why, the timeline, the evidence. */
export function renderDeploySummary(
  outcome: DeployOutcome,
  context: { consoleRegion?: string; title?: string } = {},
): string {
  const { rollout } = outcome;
  const lines = [
    `## ${context.title ?? `Deploy ${rollout.service}`}: ${STATUS_WORDS[outcome.status]}`,
    '',
    '| | |',
    '| --- | --- |',
    `| Cluster | ${cell(rollout.cluster)} |`,
    `| Service | ${cell(rollout.service)} |`,
    `| Revision | ${cell(revision(outcome.previousTaskDefinitionArn) || '(none)')} → ${cell(revision(outcome.taskDefinitionArn))} |`,
    `| Image | \`${cell(outcome.image)}\` (container \`${cell(outcome.containerName)}\`) |`,
    `| Deployment | ${cell(rollout.deploymentId)} |`,
    `| Duration | ${duration(rollout)} |`,
    `| Verdict | ${rollout.verdict}: ${cell(rollout.reason)} |`,
    `| Tasks | ${rollout.counts.running} running, ${rollout.counts.pending} pending, ${rollout.counts.desired} desired |`,
  ];
  if (outcome.rollback) {
    const by = outcome.rollbackBy === 'ecs-circuit-breaker' ? 'ECS circuit breaker' : 'strapi-deploy';
    lines.push(
      `| Rollback | to ${cell(revision(outcome.rollback.taskDefinitionArn))} by ${by}: ${outcome.rollback.verdict} (${cell(outcome.rollback.reason)}) |`,
    );
  }
  lines.push('');
  lines.push(...timeline(rollout, 'Service events during the rollout'));
  lines.push(...stoppedTasks(rollout.stoppedTasks));
  if (outcome.rollback) lines.push(...timeline(outcome.rollback, 'Service events during the rollback'));
  if (context.consoleRegion) {
    lines.push(
      `[Open the service's deployments in the ECS console](${consoleUrl(context.consoleRegion, rollout.cluster, rollout.service)})`,
      '',
    );
  }
  return lines.join('\n');
}
