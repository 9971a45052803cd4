import type { ECRClient } from '@aws-sdk/client-ecr';
import { phase } from '../core/reporter';
import { shortTaskDefinitionName } from '../ecs/names';
import type { PromoteInputs } from '../promote/inputs';
import { readProvenRelease, type ProvenRelease } from '../promote/source';
import { runDeploy } from './deploy';
import { openJobContext, type JobEnvironment } from './job-context';
import type { ReleaseResult } from './release-result';

/** A promotion as the shells hand it over: the inputs, the run that promotes, and (in tests) the ECR client. */
export interface PromoteJob {
  inputs: PromoteInputs;
  runId?: string;
  ecrFor?: (region: string) => ECRClient;
}

/** A promotion's result: the deploy's one ReleaseResult, plus what was promoted. */
export interface PromoteResult extends ReleaseResult {
  promoted: ProvenRelease & { from: PromoteInputs['source'] };
}

/**
 * Staging to production without a build: reads the digest staging's running revision holds, refuses
 * (throwing before anything changes) unless staging is idle and its history says that release succeeded,
 * then deploys exactly `repository@sha256:…` to production through runDeploy: the same checks, rollout,
 * rollback, summary and history as any deploy, recorded in the production environment with staging's commit.
 */
export async function runPromote(env: JobEnvironment, job: PromoteJob): Promise<PromoteResult> {
  const { inputs } = job;
  // Staging's history is read from its own GitHub environment; production's is written by runDeploy.
  const staging = await openJobContext(
    { ...env, ...(env.github ? { github: { ...env.github, environment: inputs.source.environment } } : {}) },
    inputs.region,
  );
  // The job's own lazily made client: the CLI's profile and --record apply to it.
  const ecr = job.ecrFor ? job.ecrFor(staging.region) : await staging.ecr();
  const proven = await phase(staging.reporter, `Read ${inputs.source.environment}`, async () => {
    const release = await readProvenRelease(
      { ecs: staging.ecs, ecr, reporter: staging.reporter, github: staging.github },
      inputs.source,
      inputs.containerName,
    );
    staging.reporter.info(
      `${inputs.source.environment} runs ${shortTaskDefinitionName(release.taskDefinitionArn)}: ${release.image}` +
        `${release.gitSha ? ` (git ${release.gitSha.slice(0, 12)})` : ''}, a success by its ${
          release.verdictFrom === 'github-deployments' ? 'GitHub deployment' : 'ECS tag'
        }.`,
    );
    return release;
  });

  const { source, environment, ...target } = inputs;
  const result = await runDeploy(
    { ...env, ...(env.github ? { github: { ...env.github, environment } } : {}) },
    {
      inputs: { ...target, image: proven.image, environment: {}, secrets: {} },
      ...(proven.gitSha ? { gitSha: proven.gitSha } : {}),
      ...(job.runId ? { runId: job.runId } : {}),
    },
  );
  result.notes.push(
    `Promoted from ${source.environment} (${source.service}, ${shortTaskDefinitionName(proven.taskDefinitionArn)}): ${proven.image}.`,
  );
  return { ...result, promoted: { ...proven, from: source } };
}
