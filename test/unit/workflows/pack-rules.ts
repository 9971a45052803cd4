// The pack's own rules for workflow files, on top of what GitHub's parser and actionlint check: security
// habits (no expressions in scripts, pinned third-party actions, no persisted git credentials), deploy-job
// policy (environment, per-environment queue, least permissions, timeouts), and consistency between the
// workflows and the action.yml / workflow_call interfaces they use. Each rule returns readable violations.
import { packActionFor, packWorkflowFor, type ActionFile } from './repo-files';

export interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}

export interface Job {
  name?: string;
  uses?: string;
  with?: Record<string, unknown>;
  secrets?: Record<string, unknown> | 'inherit';
  steps?: Step[];
  permissions?: Record<string, string> | string;
  environment?: string | { name?: string; url?: string };
  concurrency?: string | { group?: string; 'cancel-in-progress'?: unknown };
  'timeout-minutes'?: unknown;
  outputs?: Record<string, string>;
  strategy?: { matrix?: Record<string, unknown> };
}

export interface WorkflowCallInterface {
  inputs?: Record<string, { required?: boolean; default?: unknown; type?: string } | null>;
  secrets?: Record<string, { required?: boolean } | null>;
  outputs?: Record<string, { value?: string } | null>;
}

export interface Workflow {
  name?: string;
  on?: Record<string, unknown> | string | string[];
  permissions?: Record<string, string> | string;
  jobs?: Record<string, Job>;
}

const SHA_PIN = /@[0-9a-f]{40}$/;

function* steps(wf: Workflow): Generator<{ jobId: string; job: Job; step: Step; where: string }> {
  for (const [jobId, job] of Object.entries(wf.jobs ?? {})) {
    for (const [i, step] of (job.steps ?? []).entries()) {
      yield { jobId, job, step, where: `jobs.${jobId}.steps[${i}]${step.name ? ` (${step.name})` : ''}` };
    }
  }
}

export function workflowCall(wf: Workflow): WorkflowCallInterface | undefined {
  if (!wf.on || typeof wf.on !== 'object' || Array.isArray(wf.on) || !('workflow_call' in wf.on))
    return undefined;
  return (wf.on.workflow_call ?? {}) as WorkflowCallInterface;
}

/** `${{ }}` in a script is evaluated before the shell sees it: text from a commit or PR becomes code. */
export function expressionsInScripts(wf: Workflow): string[] {
  const out: string[] = [];
  for (const { step, where } of steps(wf)) {
    if (typeof step.run === 'string' && step.run.includes('${{')) {
      out.push(`${where}: \`\${{ }}\` inside run: pass the value through env: instead`);
    }
  }
  return out;
}

/** Third-party actions by full commit SHA; a tag can be moved to other code. */
export function unpinnedActions(wf: Workflow): string[] {
  const out: string[] = [];
  const check = (uses: string | undefined, where: string): void => {
    if (
      !uses ||
      uses.startsWith('./') ||
      uses.startsWith('docker://') ||
      packActionFor(uses, []) ||
      packWorkflowFor(uses)
    )
      return;
    if (!SHA_PIN.test(uses)) out.push(`${where}: \`${uses}\` is not pinned to a full commit SHA`);
  };
  for (const { step, where } of steps(wf)) check(step.uses, where);
  for (const [jobId, job] of Object.entries(wf.jobs ?? {})) check(job.uses, `jobs.${jobId}`);
  return out;
}

/** actions/checkout leaves the token in .git/config unless told not to; later steps could read it. */
export function persistedCheckoutCredentials(wf: Workflow): string[] {
  const out: string[] = [];
  for (const { step, where } of steps(wf)) {
    if (step.uses?.startsWith('actions/checkout@')) {
      const value = step.with?.['persist-credentials'];
      if (value !== false && value !== 'false')
        out.push(`${where}: checkout without \`persist-credentials: false\``);
    }
  }
  return out;
}

/** `with:` of every step that uses one of the pack's actions against that action.yml. */
export function packActionInputs(wf: Workflow, actions: ActionFile[]): string[] {
  const out: string[] = [];
  for (const { step, where } of steps(wf)) {
    if (!step.uses) continue;
    const action = packActionFor(step.uses, actions);
    if (action === undefined) continue;
    if (action === 'missing') {
      out.push(`${where}: \`${step.uses}\` names no action.yml in this repository`);
      continue;
    }
    if (action.yamlError) {
      out.push(`${where}: ${action.path} is not valid YAML, so its inputs are unknown`);
      continue;
    }
    const declared = action.meta.inputs ?? {};
    const passed = Object.keys(step.with ?? {});
    for (const name of passed) {
      if (!(name in declared)) out.push(`${where}: input \`${name}\` is not declared in ${action.path}`);
    }
    for (const [name, input] of Object.entries(declared)) {
      if (input?.required === true && input.default === undefined && !passed.includes(name)) {
        out.push(`${where}: required input \`${name}\` of ${action.path} is not passed`);
      }
    }
  }
  return out;
}

/** Every `steps.<id>.outputs.<name>` that names a step using a pack action names an output it declares. */
export function packActionOutputRefs(wf: Workflow, actions: ActionFile[]): string[] {
  const out: string[] = [];
  for (const [jobId, job] of Object.entries(wf.jobs ?? {})) {
    const byId = new Map<string, ActionFile>();
    for (const step of job.steps ?? []) {
      const action = step.id && step.uses ? packActionFor(step.uses, actions) : undefined;
      if (step.id && action && action !== 'missing' && !action.yamlError) byId.set(step.id, action);
    }
    const text = JSON.stringify(job);
    for (const match of text.matchAll(/steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g)) {
      const [, id = '', output = ''] = match;
      const action = byId.get(id);
      if (action && !(output in (action.meta.outputs ?? {}))) {
        out.push(`jobs.${jobId}: \`steps.${id}.outputs.${output}\` is not an output of ${action.path}`);
      }
    }
  }
  return out;
}

/** Job-level calls of the pack's reusable workflows against their workflow_call inputs and secrets. */
export function reusableWorkflowCalls(
  wf: Workflow,
  readWorkflow: (rel: string) => Workflow | undefined,
): string[] {
  const out: string[] = [];
  for (const [jobId, job] of Object.entries(wf.jobs ?? {})) {
    const target = job.uses ? packWorkflowFor(job.uses) : undefined;
    if (!target) continue;
    const called = readWorkflow(target);
    const call = called && workflowCall(called);
    if (!call) {
      out.push(`jobs.${jobId}: \`${job.uses}\` is not a reusable workflow in this repository`);
      continue;
    }
    const inputs = call.inputs ?? {};
    const passed = Object.keys(job.with ?? {});
    for (const name of passed) {
      if (!(name in inputs)) out.push(`jobs.${jobId}: input \`${name}\` is not declared by ${target}`);
    }
    for (const [name, input] of Object.entries(inputs)) {
      if (input?.required === true && !passed.includes(name)) {
        out.push(`jobs.${jobId}: required input \`${name}\` of ${target} is not passed`);
      }
    }
    if (job.secrets && job.secrets !== 'inherit') {
      for (const name of Object.keys(job.secrets)) {
        if (!(name in (call.secrets ?? {})))
          out.push(`jobs.${jobId}: secret \`${name}\` is not declared by ${target}`);
      }
    }
  }
  return out;
}

const ALLOWED_DEPLOY_PERMISSIONS: Record<string, string> = {
  'id-token': 'write',
  contents: 'read',
  deployments: 'write',
};

/**
 * A reusable deploy-type workflow: environment protection, one queue per environment that never cancels a
 * rollout in flight, no more permissions than OIDC + read + deployments, a timeout, outputs wired to jobs.
 */
export function reusableWorkflowPolicy(wf: Workflow): string[] {
  const call = workflowCall(wf);
  if (!call) return [];
  const out: string[] = [];
  if (wf.permissions === undefined)
    out.push('top-level `permissions:` is missing (the default token is broad)');
  for (const [jobId, job] of Object.entries(wf.jobs ?? {})) {
    const at = `jobs.${jobId}`;
    const perms = job.permissions;
    if (!perms || typeof perms !== 'object') out.push(`${at}: \`permissions:\` must be a mapping`);
    else {
      if (perms['id-token'] !== 'write') out.push(`${at}: needs \`id-token: write\` for OIDC`);
      for (const [scope, level] of Object.entries(perms)) {
        if (ALLOWED_DEPLOY_PERMISSIONS[scope] === undefined)
          out.push(`${at}: permission \`${scope}\` is not needed`);
        else if (level === 'write' && ALLOWED_DEPLOY_PERMISSIONS[scope] !== 'write')
          out.push(`${at}: \`${scope}: write\` is more than needed`);
      }
    }
    if (typeof job['timeout-minutes'] !== 'number') out.push(`${at}: \`timeout-minutes\` is missing`);
    const environment = typeof job.environment === 'string' ? job.environment : job.environment?.name;
    if (!environment?.includes('inputs.environment'))
      out.push(`${at}: \`environment:\` must be the environment input`);
    const concurrency = job.concurrency;
    if (
      !concurrency ||
      typeof concurrency !== 'object' ||
      !concurrency.group?.includes('inputs.environment')
    ) {
      out.push(`${at}: \`concurrency.group\` must be per environment`);
    } else if (concurrency['cancel-in-progress'] !== false) {
      out.push(`${at}: \`cancel-in-progress\` must be false (never cancel a rollout in flight)`);
    }
  }
  for (const [name, output] of Object.entries(call.outputs ?? {})) {
    const match = /jobs\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/.exec(output?.value ?? '');
    const job = match ? wf.jobs?.[match[1] ?? ''] : undefined;
    if (!match || !job?.outputs?.[match[2] ?? '']) {
      out.push(`on.workflow_call.outputs.${name}: does not name an output of a job in this workflow`);
    }
  }
  return out;
}

/** Every job ends by itself: a hung job holds a runner (and a deploy queue) for 6 hours otherwise. */
export function jobsWithoutTimeout(wf: Workflow): string[] {
  return Object.entries(wf.jobs ?? {})
    .filter(([, job]) => !job.uses && typeof job['timeout-minutes'] !== 'number')
    .map(([jobId]) => `jobs.${jobId}: \`timeout-minutes\` is missing`);
}
