// The rollout engine's steps, each a plain function of injected clients: render a revision, start a
// rollout, watch it, explain a failure. The use cases (src/use-cases) put them in order.
export type { EngineDeps, RolloutOutcome, RolloutVerdict, StoppedTaskReport, WaitOptions } from './types';
export {
  decideFromService,
  decideFromTasks,
  shouldScanTasks,
  telltaleLogLine,
  waitForRollout,
} from './watch';
export type { ServiceDecision, TaskScanState, WatchTarget } from './watch';
export { startRollout, type RollTarget, type StartedRollout } from './roll';
export {
  READ_ONLY_FIELDS,
  parseTaskDefinitionFile,
  renderTaskDefinition,
  selectContainer,
  type RenderedTaskDefinition,
  type TaskDefinitionSource,
} from './render';
export { loadTaskDefinitionSource, readTaskDefinitionFile } from './source';
export { checkImageUri, parseImageUri, type ImageReference } from './image-uri';
export { describeStop } from './diagnose';
export {
  WAIT_LIMITS,
  readDeployServiceInputs,
  readDeployTargetInputs,
  type DeployServiceInputs,
  type DeployTargetInputs,
} from './inputs';
