/**
 * How long a change may take to show in DescribeServices before its absence means anything: ECS reads are
 * eventually consistent (ECS API reference, "Eventual consistency"), and a fresh deployment can take a few
 * seconds to appear. The watcher treats a missing new deployment as pending for this long, and an update
 * that got no clear answer is looked for for this long.
 */
export const NEW_DEPLOYMENT_GRACE_MS = 30_000;
