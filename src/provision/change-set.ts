import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  type Change,
  type CloudFormationClient,
  type DescribeChangeSetCommandOutput,
  type Parameter,
} from '@aws-sdk/client-cloudformation';
import type { Clock } from '../core/clock';
import { pollUntil } from '../core/poll';
import { ProvisionFailedError } from './errors';

/** One line of the change set table. */
export interface ChangeRow {
  logicalId: string;
  physicalId?: string | undefined;
  resourceType: string;
  /** Add, Modify, Remove, Import, Dynamic. */
  action: string;
  /** True, False, Conditional; empty for Add/Remove. */
  replacement: string;
}

/**
 * Resource types whose replacement or removal loses data or breaks every running task: the database
 * and its subnet group, the generated Strapi secrets, the uploads bucket, the image repository.
 */
const PROTECTED_RESOURCE_TYPES: readonly string[] = [
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBSubnetGroup',
  'AWS::SecretsManager::Secret',
  'AWS::S3::Bucket',
  'AWS::ECR::Repository',
];

export interface GuardedChange {
  row: ChangeRow;
  /** What would happen to it, in words. */
  effect: 'replace' | 'may replace' | 'remove';
}

/** The protected resources a change set would replace (Replacement True or Conditional) or remove. */
export function findGuardedChanges(rows: readonly ChangeRow[]): GuardedChange[] {
  const guarded: GuardedChange[] = [];
  for (const row of rows) {
    if (!PROTECTED_RESOURCE_TYPES.includes(row.resourceType)) continue;
    if (row.action === 'Remove') guarded.push({ row, effect: 'remove' });
    else if (row.replacement === 'True') guarded.push({ row, effect: 'replace' });
    else if (row.replacement === 'Conditional') guarded.push({ row, effect: 'may replace' });
  }
  return guarded;
}

export function toChangeRows(changes: readonly Change[]): ChangeRow[] {
  return changes.flatMap((change) => {
    const rc = change.ResourceChange;
    if (!rc?.LogicalResourceId) return [];
    return [
      {
        logicalId: rc.LogicalResourceId,
        physicalId: rc.PhysicalResourceId || undefined,
        resourceType: rc.ResourceType ?? '',
        action: rc.Action ?? '',
        replacement: rc.Replacement ?? '',
      },
    ];
  });
}

/** CloudFormation's two phrasings of "nothing to do"; both mean an empty change set, not a failure. */
export function isNoChangeReason(reason: string | undefined): boolean {
  return (
    !!reason &&
    (reason.includes("The submitted information didn't contain changes") ||
      reason.includes('No updates are to be performed'))
  );
}

export interface ChangeSetRequest {
  stackName: string;
  changeSetName: string;
  changeSetType: 'CREATE' | 'UPDATE';
  templateBody: string;
  parameters: Parameter[];
  description?: string;
}

export type ChangeSetOutcome =
  | { kind: 'ready'; changeSetId: string; stackId: string; rows: ChangeRow[] }
  | { kind: 'empty'; changeSetId: string; stackId: string; reason: string };

/**
 * Creates the change set and waits for CloudFormation to compute it. An empty change set is deleted
 * and reported as `empty`; any other failure is deleted and thrown with CloudFormation's reason.
 */
export async function prepareChangeSet(
  cloudformation: CloudFormationClient,
  clock: Clock,
  request: ChangeSetRequest,
  options: { pollMs: number; timeoutMs: number },
): Promise<ChangeSetOutcome> {
  const created = await cloudformation.send(
    new CreateChangeSetCommand({
      StackName: request.stackName,
      ChangeSetName: request.changeSetName,
      ChangeSetType: request.changeSetType,
      TemplateBody: request.templateBody,
      Parameters: request.parameters,
      Capabilities: ['CAPABILITY_IAM'],
      Description: request.description,
    }),
  );
  const changeSetId = created.Id ?? request.changeSetName;
  const stackId = created.StackId ?? request.stackName;

  let last: DescribeChangeSetCommandOutput | undefined;
  const waited = await pollUntil<DescribeChangeSetCommandOutput>(
    clock,
    { every: options.pollMs, deadline: clock.now() + options.timeoutMs },
    async () => {
      last = await cloudformation.send(
        new DescribeChangeSetCommand({ ChangeSetName: changeSetId, StackName: stackId }),
      );
      const settled = last.Status === 'CREATE_COMPLETE' || last.Status === 'FAILED';
      return settled ? { done: true, value: last } : { done: false };
    },
  );
  if (waited.status !== 'done') {
    throw new ProvisionFailedError(
      `Change set ${request.changeSetName} was still ${last?.Status ?? 'unknown'} after ${Math.round(options.timeoutMs / 60000)} minutes.`,
    );
  }
  const first = waited.value;

  if (first.Status === 'FAILED') {
    await deleteChangeSet(cloudformation, changeSetId, stackId);
    const reason = first.StatusReason ?? 'no reason given';
    if (isNoChangeReason(reason)) return { kind: 'empty', changeSetId, stackId, reason };
    throw new ProvisionFailedError(
      `CloudFormation could not create change set ${request.changeSetName}: ${reason}`,
    );
  }

  const changes: Change[] = [...(first.Changes ?? [])];
  let nextToken = first.NextToken;
  while (nextToken) {
    const page = await cloudformation.send(
      new DescribeChangeSetCommand({ ChangeSetName: changeSetId, StackName: stackId, NextToken: nextToken }),
    );
    changes.push(...(page.Changes ?? []));
    nextToken = page.NextToken;
  }
  return { kind: 'ready', changeSetId, stackId, rows: toChangeRows(changes) };
}

export async function deleteChangeSet(
  cloudformation: CloudFormationClient,
  changeSetId: string,
  stackId: string,
): Promise<void> {
  await cloudformation.send(new DeleteChangeSetCommand({ ChangeSetName: changeSetId, StackName: stackId }));
}

/** A fixed-width table for the log. */
export function renderChangeSetTable(rows: readonly ChangeRow[]): string {
  const header = ['Resource', 'Type', 'Action', 'Replacement'];
  const body = rows.map((r) => [r.logicalId, r.resourceType, r.action, r.replacement || '-']);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

export interface ChangeSetSummary {
  stackName: string;
  changeSetType: 'CREATE' | 'UPDATE';
  rows: readonly ChangeRow[];
  guarded: readonly GuardedChange[];
  /** What happened to the change set. */
  verdict: 'no-changes' | 'executed' | 'refused' | 'allowed-replacement' | 'failed';
  /** Failed resources with their reasons, when the stack operation failed. */
  failures?: readonly { logicalId: string; resourceType: string; status: string; reason: string }[];
  /** Shown above the table: what the run kept or exposes (ingress, the image kept). */
  notes?: readonly string[];
  warnings?: readonly string[];
}

const VERDICT_TEXT: Record<ChangeSetSummary['verdict'], string> = {
  'no-changes': 'No changes: the stack already matches the template and inputs.',
  executed: 'Change set executed.',
  refused:
    'Stopped before executing: the change set would replace or remove protected resources. Nothing was changed. Set `allow-replacement: true` to proceed.',
  'allowed-replacement':
    'Executed with `allow-replacement: true` although it replaces or removes protected resources.',
  failed: 'The stack operation failed.',
};

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** The job summary Markdown for one provision run. */
export function renderChangeSetSummary(summary: ChangeSetSummary): string {
  const lines = [`### Provision \`${summary.stackName}\` (${summary.changeSetType.toLowerCase()})`, ''];
  lines.push(VERDICT_TEXT[summary.verdict], '');
  for (const warning of summary.warnings ?? []) lines.push('> [!WARNING]', `> ${cell(warning)}`, '');
  for (const note of summary.notes ?? []) lines.push(`- ${cell(note)}`);
  if ((summary.notes ?? []).length > 0) lines.push('');
  if (summary.rows.length > 0) {
    const guardedIds = new Set(summary.guarded.map((g) => g.row.logicalId));
    lines.push('| Resource | Type | Action | Replacement |', '| --- | --- | --- | --- |');
    for (const row of summary.rows) {
      const name = guardedIds.has(row.logicalId)
        ? `**${cell(row.logicalId)}** (protected)`
        : cell(row.logicalId);
      lines.push(
        `| ${name} | \`${cell(row.resourceType)}\` | ${cell(row.action)} | ${cell(row.replacement || '-')} |`,
      );
    }
    lines.push('');
  }
  if (summary.guarded.length > 0) {
    lines.push('Protected resources affected:', '');
    for (const g of summary.guarded)
      lines.push(`- \`${g.row.logicalId}\` (${g.row.resourceType}): ${g.effect}`);
    lines.push('');
  }
  if (summary.failures && summary.failures.length > 0) {
    lines.push('| Failed resource | Type | Status | Reason |', '| --- | --- | --- | --- |');
    for (const f of summary.failures) {
      lines.push(
        `| ${cell(f.logicalId)} | \`${cell(f.resourceType)}\` | ${cell(f.status)} | ${cell(f.reason)} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}
