// The release history: one record side (record.ts) and one read side (read.ts, github-deployments.ts,
// ecs-tags.ts). It knows ECS names and tags (src/ecs) and nothing of the deploy engine.
export { readReleaseHistory, type ReleaseHistory, type ReleaseHistoryQuery } from './read';
export {
  createGitHubClient,
  parseRepository,
  type GitHubClient,
  type GitHubDeploymentsTarget,
} from './github-client';
export { createReleaseRecorder, type GitHubRecording, type ReleaseRecorder } from './record';
export { readGitHubReleases, type ReleasePayload } from './github-deployments';
export { readEcsReleases } from './ecs-tags';
export type { HistorySource, ReleaseEnd, ReleaseOutcome, ReleaseRecord, ReleaseStart } from './release';
