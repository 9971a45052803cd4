export { listReleaseHistory, type ReleaseHistory, type ReleaseHistoryQuery } from './history';
export {
  createGitHubClient,
  parseRepository,
  type GitHubClient,
  type GitHubDeploymentsTarget,
} from './github-client';
export {
  createGitHubDeploymentRecorder,
  type GitHubDeploymentRecorder,
  type GitHubDeploymentRecorderOptions,
  type ReleaseFinishInfo,
  type ReleaseStartInfo,
} from './github-deployment-recorder';
export { readGitHubReleases, type ReleasePayload } from './github-history';
export {
  DEPLOY_RESULT_TAG,
  GIT_SHA_TAG,
  RESTORED_FROM_TAG,
  describeRevision,
  readEcsReleases,
} from './ecs-history';
export {
  parseTaskDefinitionArn,
  shortTaskDefinitionName,
  type HistorySource,
  type ReleaseOutcome,
  type ReleaseRecord,
} from './release';
export { combineRecorders, createEcsResultRecorder, tagDeployResult } from './ecs-result-tag';
