import type { RolloutOutcome } from '../deploy/types';

function span(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
}

/**
 * The lifecycle stages of a blue/green, linear or canary rollout as the watch saw them: when each was
 * first seen (seconds after the watch began), how long it lasted until the next one, and the share of
 * production traffic on the new revision. Empty for rolling updates.
 */
export function renderStageTable(rollout: RolloutOutcome, title = 'Rollout stages'): string[] {
  const stages = rollout.stages ?? [];
  if (!stages.length) return [];
  const lines = [
    `### ${title} (${rollout.strategy ?? 'ECS'})`,
    '',
    '| Stage | First seen (+s) | Duration | Production traffic on the new revision |',
    '| --- | --: | --: | --: |',
  ];
  for (const stage of stages) {
    lines.push(
      `| ${stage.stage} | ${Math.round((stage.startedAt - rollout.startedAt) / 1000)} | ${span(stage.endedAt - stage.startedAt)} | ${
        stage.productionPercent === undefined ? '—' : `${stage.productionPercent}%`
      } |`,
    );
  }
  lines.push('', 'Durations are as observed between polls; a stage shorter than a poll may not appear.', '');
  return lines;
}
