import type { ContainerDefinition } from '@aws-sdk/client-ecs';
import {
  CONTENT_SCHEMA_LABEL,
  decodeSchemaLabel,
  describeLoss,
  diffContentSchemas,
  losesContent,
  readEcrImageLabels,
  type ContentSchema,
  type SchemaChange,
} from '../content-schema';
import { ConfigurationError, errorMessage } from '../core/errors';
import {
  dbInstanceFromContainer,
  snapshotIdentifier,
  takeDbSnapshot,
  type TakenSnapshot,
} from '../database/snapshot';
import type { DeployServiceInputs } from '../deploy/inputs';
import { parseImageUri } from '../deploy/image-uri';
import { phase } from '../core/reporter';
import { shortTaskDefinitionName } from '../ecs/names';
import { findRevision } from '../ecs/task-definitions';
import { REVISION_TAGS } from '../ecs/revision-tags';
import type { RenderedTaskDefinition } from '../deploy/render';
import { ClientUnavailableError, type JobContext } from './job-context';

/** `<account>.dkr.ecr.<region>.amazonaws.com`: an ECR registry, its account and region. */
const ECR_REGISTRY = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/;

/** What the schema check decided, before any change: the change, and the snapshot to take first. */
export interface SchemaPlan {
  change: SchemaChange;
  /** Set when a snapshot is to be taken before the release. */
  snapshotOf?: string;
}

/** A side's schema from its image label, or why there is none (the reason makes the change `unknown`). */
async function schemaOfImage(
  ctx: JobContext,
  image: string | undefined,
): Promise<{ schema?: ContentSchema; missing?: string; quiet?: boolean }> {
  const ref = image ? parseImageUri(image) : undefined;
  if (!image || !ref) return { missing: 'no image' };
  const ecrHost = ref.registry ? ECR_REGISTRY.exec(ref.registry) : undefined;
  try {
    const labels = await readEcrImageLabels(await ctx.ecr(), {
      ...(ecrHost ? { registryId: ecrHost[1] } : {}),
      repository: ref.repository,
      tag: ref.tag,
      digest: ref.digest,
    });
    const label = labels[CONTENT_SCHEMA_LABEL];
    if (!label) return { missing: `${image} has no ${CONTENT_SCHEMA_LABEL} label (not built by build-push)` };
    const schema = decodeSchemaLabel(label);
    return schema ? { schema } : { missing: `the ${CONTENT_SCHEMA_LABEL} label of ${image} is not readable` };
  } catch (error) {
    if (error instanceof ClientUnavailableError)
      return { missing: 'not checked (no ECR client)', quiet: true };
    return { missing: `the labels of ${image} could not be read (${errorMessage(error)})` };
  }
}

/** The words of the stop: what would be lost, one item per loss. */
function stopMessage(change: SchemaChange): string {
  const items = change.losses.map(describeLoss).join('; ');
  return (
    ` is false and this release would lose content Strapi drops at boot (rolling the code back does not ` +
    `bring it back): ${items}. Set it to true to deploy anyway; with snapshot \`auto\` the database is ` +
    'snapshotted first.'
  );
}

/**
 * The content-schema check of a deploy, run before anything changes: compares the schema labels of the
 * image that runs and the one being deployed, says what changes, stops a release that loses content
 * unless `allow-destructive-schema`, and decides whether (and of which database) a snapshot comes first.
 */
export async function checkContentSchema(
  ctx: JobContext,
  inputs: Pick<DeployServiceInputs, 'image' | 'allowDestructiveSchema' | 'snapshot' | 'dbInstance'>,
  running: { image?: string | undefined; appContainer?: ContainerDefinition | undefined },
): Promise<SchemaPlan> {
  const { reporter } = ctx;
  const [before, after] = await Promise.all([
    schemaOfImage(ctx, running.image),
    schemaOfImage(ctx, inputs.image),
  ]);
  const change = diffContentSchemas(
    before.schema,
    after.schema,
    after.missing ? `new release: ${after.missing}` : `running release: ${before.missing ?? ''}`,
  );
  if (change.kind === 'unknown' && (before.quiet || after.quiet)) {
    reporter.debug(`Content schema change unknown: ${change.unknownReason ?? ''}.`);
    return { change };
  } else if (change.kind === 'unknown') {
    reporter.warning(`Content schema change unknown: ${change.unknownReason ?? ''}.`);
  } else {
    reporter.info(
      `Content schema: ${change.kind}` +
        (change.added.length ? `; added ${change.added.join(', ')}` : '') +
        (change.losses.length ? `; ${change.losses.map(describeLoss).join('; ')}` : '') +
        '.',
    );
  }
  if (losesContent(change) && !inputs.allowDestructiveSchema) {
    throw new ConfigurationError(stopMessage(change), 'allow-destructive-schema');
  }
  const wanted =
    inputs.snapshot === 'always' ||
    (inputs.snapshot === 'auto' && change.kind !== 'additive' && change.kind !== 'unchanged');
  if (!wanted) return { change };
  const dbInstance = inputs.dbInstance ?? dbInstanceFromContainer(running.appContainer);
  if (dbInstance) return { change, snapshotOf: dbInstance };
  // Asked for, or about to lose content: no snapshot is no deploy. An unknown change under auto goes on.
  if (inputs.snapshot === 'always' || losesContent(change)) {
    throw new ConfigurationError(
      ': no database to snapshot: the app container has no DATABASE_HOST naming an RDS endpoint. ' +
        'Name the DB instance (or set snapshot to `never`).',
      'db-instance',
    );
  }
  // Not asked for, and nothing known to be lost: said, not warned.
  reporter.info(
    'No snapshot: the app container names no RDS database (DATABASE_HOST); set `db-instance` to snapshot before unknown schema changes.',
  );
  return { change };
}

/** The snapshot the plan asks for, taken and waited for; undefined when none is asked for. */
export async function snapshotBeforeRelease(
  ctx: JobContext,
  plan: SchemaPlan,
  release: { service: string; revisionFrom: string },
): Promise<TakenSnapshot | undefined> {
  if (!plan.snapshotOf) return undefined;
  return takeDbSnapshot(
    {
      rds: await ctx.rds(),
      clock: ctx.clock,
      reporter: ctx.reporter,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    },
    {
      dbInstance: plan.snapshotOf,
      snapshotId: snapshotIdentifier(release.service, ctx.clock.now()),
      tags: {
        'strapi-deploy:service': release.service,
        'strapi-deploy:before': release.revisionFrom,
        'strapi-deploy:schema-change': plan.change.kind,
      },
    },
  );
}

/** What the guard leaves for the release: the schema change for the summary, and the snapshot taken. */
export interface GuardedRelease {
  change: SchemaChange;
  snapshot?: TakenSnapshot;
}

/**
 * The deploy's two content phases, both before the first change: "Check the content schema" (throws on a
 * release that loses content unless allowed) and, when the plan asks for one, "Snapshot the database".
 */
export async function guardContentSchema(
  ctx: JobContext,
  inputs: DeployServiceInputs,
  running: { taskDefinitionArn: string; rendered: RenderedTaskDefinition },
): Promise<GuardedRelease> {
  const plan = await phase(ctx.reporter, 'Check the content schema', async () => {
    const { rendered } = running;
    // The new release's container names the database it will change (its DATABASE_HOST, merged).
    const appContainer = rendered.input.containerDefinitions?.find((c) => c.name === rendered.containerName);
    // Rendered from the running revision, its previous image is what runs; from a file, ask ECS.
    // (Not when no ECR client is at hand: the labels could not be read anyway.)
    const canRead = await ctx.ecr().then(
      () => true,
      () => false,
    );
    const image =
      inputs.taskDefinitionFile && canRead
        ? (await findRevision(ctx.ecs, running.taskDefinitionArn))?.taskDefinition.containerDefinitions?.find(
            (c) => c.name === rendered.containerName,
          )?.image
        : rendered.previousImage;
    return checkContentSchema(ctx, inputs, { image, appContainer });
  });
  if (!plan.snapshotOf) return { change: plan.change };
  const snapshot = await phase(ctx.reporter, 'Snapshot the database', async () => {
    try {
      return await snapshotBeforeRelease(ctx, plan, {
        service: inputs.service,
        revisionFrom: shortTaskDefinitionName(running.taskDefinitionArn),
      });
    } catch (error) {
      // Only a precaution for a change that could not be told (an image without the label): a role without the
      // RDS permissions must not stop deploys that used to run. A snapshot asked for, or before lost content, must.
      if (
        !(error instanceof ConfigurationError) ||
        plan.change.kind !== 'unknown' ||
        inputs.snapshot !== 'auto'
      )
        throw error;
      ctx.reporter.warning(`No snapshot before this release of unknown schema change: ${error.message}`);
      return undefined;
    }
  });
  return { change: plan.change, ...(snapshot ? { snapshot } : {}) };
}

/** The new revision names the snapshot taken before it (`db-snapshot` tag): the ECS-only history keeps it. */
export function withSnapshotTag(rendered: RenderedTaskDefinition, snapshot: TakenSnapshot | undefined): void {
  if (!snapshot) return;
  rendered.input.tags = [
    ...(rendered.input.tags ?? []).filter((t) => t.key !== REVISION_TAGS.dbSnapshot),
    { key: REVISION_TAGS.dbSnapshot, value: snapshot.snapshotId },
  ];
}
