import {
  DeleteStackCommand,
  ExecuteChangeSetCommand,
  UpdateTerminationProtectionCommand,
  type CloudFormationClient,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { Clock } from '../core/clock';
import type { Reporter } from '../core/reporter';
import { ConfigurationError, errorMessage } from '../core/errors';
import { ProvisionFailedError } from './errors';
import type { ProvisionInputs } from './inputs';
import { resolveNetwork, type Network } from './network';
import { baselineParameters } from './template';
import { describeExposure } from './exposure';
import { keepRunningSettings } from './kept-settings';
import { readRunningRelease } from './running-release';
import {
  deleteChangeSet,
  findGuardedChanges,
  prepareChangeSet,
  renderChangeSetSummary,
  renderChangeSetTable,
  type ChangeRow,
  type ChangeSetSummary,
  type GuardedChange,
} from './change-set';
import {
  describeStack,
  failedResources,
  isInProgress,
  StackEventStream,
  SUCCESS_STATUSES,
  waitForStack,
  type FailedResource,
} from './stack-events';

export interface ProvisionDeps {
  cloudformation: CloudFormationClient;
  ec2: EC2Client;
  /**
   * Reads the image and settings the service runs now, so an update keeps them. Without it, updating an
   * existing stack needs an explicit `image-uri` (never the placeholder by default).
   */
  ecs?: ECSClient;
  clock: Clock;
  reporter: Reporter;
}

export interface ProvisionRequest extends Omit<ProvisionInputs, 'region' | 'jobSummary'> {
  templateBody: string;
  /** Poll interval for change sets and stack status (default 10 s). */
  pollMs?: number;
}

export interface ProvisionResult {
  result: 'created' | 'updated' | 'no-changes';
  stackId: string;
  stackStatus: string;
  network: Network;
  /** The ImageUri parameter sent: the image kept or given, '' for the placeholder. */
  imageUri: string;
  changes: ChangeRow[];
  /** Every stack output, by OutputKey. */
  outputs: Record<string, string>;
  summary: string;
}

/** Refused by the replacement guard; carries the summary so the action can still show the table. */
export class ReplacementRefusedError extends ConfigurationError {
  constructor(
    message: string,
    readonly guarded: readonly GuardedChange[],
    readonly summary: string,
  ) {
    super(message);
  }
}

/** A stack operation that failed; `summary` shows the change set and the failed resources. */
export class StackOperationFailedError extends ProvisionFailedError {
  constructor(
    message: string,
    readonly failures: readonly FailedResource[],
    readonly summary: string,
  ) {
    super(message);
  }
}

const BUSY_HINT = 'wait for the current operation to finish, then run provision again.';
const UNRECOVERABLE = [
  'UPDATE_ROLLBACK_FAILED',
  'ROLLBACK_FAILED',
  'DELETE_FAILED',
  'CREATE_FAILED',
  'UPDATE_FAILED',
];

/**
 * Creates or updates the baseline stack through a change set: shows the change set, refuses to
 * replace or remove protected resources unless allowed, executes, streams events, returns the outputs.
 */
export async function provisionStack(
  deps: ProvisionDeps,
  request: ProvisionRequest,
): Promise<ProvisionResult> {
  const { cloudformation, clock, reporter } = deps;
  const pollMs = request.pollMs ?? 10_000;
  const timeoutMs = request.waitMinutes * 60_000;

  const network = await resolveNetwork(deps.ec2, request);
  reporter.info(
    `Network: ${network.vpcId} (${network.discovered ? 'default VPC, discovered' : 'from inputs'}), subnets ${network.subnetIds.join(', ')}`,
  );

  let existing = await describeStack(cloudformation, request.stackName);
  if (existing?.StackStatus === 'ROLLBACK_COMPLETE') {
    reporter.warning(
      `Stack ${request.stackName} is in ROLLBACK_COMPLETE after a failed first create; it holds no resources and cannot be updated, so it is deleted and created again.`,
    );
    await deleteFailedStack(deps, existing, { pollMs, timeoutMs });
    existing = undefined;
  } else if (existing && isInProgress(existing.StackStatus)) {
    throw new ConfigurationError(`Stack ${request.stackName} is ${existing.StackStatus}; ${BUSY_HINT}`);
  } else if (existing && UNRECOVERABLE.includes(existing.StackStatus ?? '')) {
    throw new ConfigurationError(
      `Stack ${request.stackName} is ${existing.StackStatus}: ${existing.StackStatusReason ?? 'see its events'}. Fix it in the CloudFormation console first.`,
    );
  }
  // A stack left in REVIEW_IN_PROGRESS (a create change set never executed) still takes a CREATE change set.
  const changeSetType = !existing || existing.StackStatus === 'REVIEW_IN_PROGRESS' ? 'CREATE' : 'UPDATE';

  const release = await releaseToKeep(deps, request, changeSetType);
  const exposure = describeExposure(request);
  for (const warning of exposure.warnings) reporter.warning(warning);
  for (const note of exposure.notes) reporter.info(note);
  const notes = [...release.notes, ...exposure.notes];
  const warnings = exposure.warnings;

  const outcome = await prepareChangeSet(
    cloudformation,
    clock,
    {
      stackName: request.stackName,
      changeSetName: `strapi-deploy-${clock.now()}`,
      changeSetType,
      templateBody: release.templateBody,
      parameters: baselineParameters(request, network, release.imageUri),
      description: 'strapi-deploy provision',
    },
    { pollMs, timeoutMs },
  );

  const summaryOf = (fields: Omit<ChangeSetSummary, 'stackName' | 'changeSetType'>) =>
    renderChangeSetSummary({ stackName: request.stackName, changeSetType, notes, warnings, ...fields });

  if (outcome.kind === 'empty') {
    reporter.info(`No changes: stack ${request.stackName} already matches the template and inputs.`);
    const stack = await ensureTerminationProtection(deps, outcome.stackId);
    return {
      result: 'no-changes',
      stackId: stack.StackId ?? outcome.stackId,
      stackStatus: stack.StackStatus ?? '',
      network,
      imageUri: release.imageUri,
      changes: [],
      outputs: stackOutputs(stack),
      summary: summaryOf({ rows: [], guarded: [], verdict: 'no-changes' }),
    };
  }

  const { rows, changeSetId, stackId } = outcome;
  reporter.info(
    `Change set (${changeSetType}) for ${request.stackName}, ${rows.length} change(s):\n${renderChangeSetTable(rows)}`,
  );

  const guarded = findGuardedChanges(rows);
  if (guarded.length > 0 && !request.allowReplacement) {
    await deleteChangeSet(cloudformation, changeSetId, stackId);
    const names = guarded.map((g) => `${g.row.logicalId} (${g.row.resourceType}, ${g.effect})`).join(', ');
    throw new ReplacementRefusedError(
      `Refusing to execute: the change set would replace or remove ${names}. Nothing was changed; set \`allow-replacement: true\` to proceed.`,
      guarded,
      summaryOf({ rows, guarded, verdict: 'refused' }),
    );
  }
  if (guarded.length > 0) {
    reporter.warning(
      `allow-replacement is true: executing although it affects ${guarded.map((g) => `${g.row.logicalId} (${g.effect})`).join(', ')}.`,
    );
  }

  const stream = new StackEventStream(cloudformation, stackId);
  await stream.prime();
  await cloudformation.send(new ExecuteChangeSetCommand({ ChangeSetName: changeSetId, StackName: stackId }));
  const final = await waitForStack(cloudformation, clock, reporter, stream, stackId, { pollMs, timeoutMs });

  if (!SUCCESS_STATUSES.includes(final.StackStatus ?? '')) {
    const failures = failedResources(stream.events, request.stackName);
    for (const f of failures) reporter.warning(`${f.logicalId} (${f.resourceType}) ${f.status}: ${f.reason}`);
    const firstCreate =
      changeSetType === 'CREATE' ? ' The next run deletes the rolled-back stack and creates it again.' : '';
    throw new StackOperationFailedError(
      `Stack ${request.stackName} ended ${final.StackStatus}: ${
        failures.map((f) => `${f.logicalId}: ${f.reason}`).join('; ') ||
        final.StackStatusReason ||
        'no reason given'
      }.${firstCreate}`,
      failures,
      summaryOf({ rows, guarded, verdict: 'failed', failures }),
    );
  }

  const stack = await ensureTerminationProtection(deps, stackId, final);
  reporter.info(`Stack ${request.stackName}: ${stack.StackStatus}`);
  return {
    result: changeSetType === 'CREATE' ? 'created' : 'updated',
    stackId: stack.StackId ?? stackId,
    stackStatus: stack.StackStatus ?? '',
    network,
    imageUri: release.imageUri,
    changes: rows,
    outputs: stackOutputs(stack),
    summary: summaryOf({ rows, guarded, verdict: guarded.length > 0 ? 'allowed-replacement' : 'executed' }),
  };
}

interface Release {
  /** The ImageUri parameter: '' runs the placeholder. */
  imageUri: string;
  templateBody: string;
  notes: string[];
}

/**
 * The image and settings an update must keep: what the service runs now, not the placeholder. CloudFormation
 * owns the task definition; when a template change touches it, CloudFormation registers a new revision from
 * the parameters and rolls the service to it, so sending anything but the running image reverts production.
 */
async function releaseToKeep(
  deps: ProvisionDeps,
  request: ProvisionRequest,
  changeSetType: 'CREATE' | 'UPDATE',
): Promise<Release> {
  const given = request.imageUri;
  const { reporter } = deps;
  if (changeSetType === 'CREATE') {
    const notes = [
      given
        ? `Image: ${given}.`
        : 'Image: the placeholder until the first deploy (no secrets, no environment).',
    ];
    return { imageUri: given ?? '', templateBody: request.templateBody, notes };
  }
  if (!deps.ecs) {
    if (!given) {
      throw new ConfigurationError(
        `Stack ${request.stackName} exists and the image its service runs cannot be read here: set \`image-uri\` to the image that is deployed, or an update could put the placeholder back into service.`,
      );
    }
    reporter.warning(
      'Cannot read the running task definition: variables and secrets added by deploys are not kept if the task definition changes.',
    );
    return {
      imageUri: given,
      templateBody: request.templateBody,
      notes: [`Image: ${given} (from \`image-uri\`).`],
    };
  }
  const running = await readRunningRelease(
    { cloudformation: deps.cloudformation, ecs: deps.ecs },
    request.stackName,
  );
  if (!running || running.kind === 'placeholder') {
    const note = given
      ? `Image: ${given} (from \`image-uri\`; the service ran the placeholder).`
      : 'Image: the placeholder, as before (nothing deployed yet).';
    reporter.info(note);
    return { imageUri: given ?? '', templateBody: request.templateBody, notes: [note] };
  }
  const kept = keepRunningSettings(request.templateBody, running);
  const imageUri = given ?? running.imageUri;
  const notes = [
    given
      ? `Image: ${given} (from \`image-uri\`; the service ran ${running.imageUri}).`
      : `Image kept: ${running.imageUri}, the one ${running.taskDefinitionArn.split('/').pop() ?? ''} runs now.`,
  ];
  const addedNames = [...kept.environment, ...kept.secrets.map((n) => `${n} (secret)`)];
  if (addedNames.length > 0) notes.push(`Kept from the running revision: ${addedNames.join(', ')}.`);
  for (const note of notes) reporter.info(note);
  return { imageUri, templateBody: kept.templateBody, notes };
}

async function deleteFailedStack(
  deps: ProvisionDeps,
  stack: Stack,
  options: { pollMs: number; timeoutMs: number },
): Promise<void> {
  const stackId = stack.StackId ?? stack.StackName!;
  const stream = new StackEventStream(deps.cloudformation, stackId);
  await stream.prime();
  await deps.cloudformation.send(new DeleteStackCommand({ StackName: stackId }));
  // By stack ID: once deleted, the name no longer resolves but the ID still reports DELETE_COMPLETE.
  const final = await waitForStack(deps.cloudformation, deps.clock, deps.reporter, stream, stackId, options);
  if (final.StackStatus !== 'DELETE_COMPLETE') {
    throw new ProvisionFailedError(
      `Could not delete the rolled-back stack ${stack.StackName}: ${final.StackStatus} ${final.StackStatusReason ?? ''}`.trim(),
    );
  }
  deps.reporter.info(`Deleted the rolled-back stack ${stack.StackName}; creating it again.`);
}

/**
 * Change sets cannot turn termination protection on, so it is set after the fact. A failure here is a
 * warning: the stack itself is fine, and the user is told exactly what is missing.
 */
async function ensureTerminationProtection(
  deps: ProvisionDeps,
  stackId: string,
  known?: Stack,
): Promise<Stack> {
  const stack = known ?? (await describeStack(deps.cloudformation, stackId));
  if (!stack) throw new ProvisionFailedError(`Stack ${stackId} not found after provisioning.`);
  if (stack.EnableTerminationProtection) return stack;
  try {
    await deps.cloudformation.send(
      new UpdateTerminationProtectionCommand({ StackName: stackId, EnableTerminationProtection: true }),
    );
    deps.reporter.info(`Termination protection is on for ${stack.StackName}.`);
    return { ...stack, EnableTerminationProtection: true };
  } catch (error) {
    deps.reporter.warning(
      `Could not turn on termination protection for ${stack.StackName}: ${errorMessage(error)}`,
    );
    return stack;
  }
}

function stackOutputs(stack: Stack): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const output of stack.Outputs ?? []) {
    if (output.OutputKey) outputs[output.OutputKey] = output.OutputValue ?? '';
  }
  return outputs;
}

/** `RepositoryUri` -> `repository-uri`: stack outputs as action output names. */
export function outputName(outputKey: string): string {
  return outputKey
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}
