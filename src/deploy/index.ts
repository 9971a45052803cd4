export * from './engine';
export type { ServiceDecision, TaskScanState, WatchTarget } from './watch';
export {
  decideFromService,
  decideFromTasks,
  shouldScanTasks,
  telltaleLogLine,
  waitForRollout,
} from './watch';
export {
  READ_ONLY_FIELDS,
  REVISION_TAG_GIT_SHA,
  REVISION_TAG_RUN_ID,
  parseTaskDefinitionFile,
  renderTaskDefinition,
  selectContainer,
  type RenderedTaskDefinition,
  type TaskDefinitionSource,
} from './render';
export { checkImageUri, parseImageUri, type ImageReference } from './image-uri';
export { findService } from './service-lookup';
export { deployServiceRecorded } from './recorded-deploy';
export { consoleUrl } from './summary';
export { WAIT_LIMITS } from './inputs';
export type { DeploymentRecorder, DeploymentStartInfo, DeploymentFinishInfo } from './recorder';
