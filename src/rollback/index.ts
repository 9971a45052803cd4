export { readRollbackInputs, type RollbackInputs } from './inputs';
export {
  describeDeployment,
  rollbackService,
  runningDeployment,
  type ReleaseSide,
  type RollbackDeps,
  type RollbackRequest,
  type RollbackResult,
} from './rollback';
export {
  previousIn,
  resolveRollbackTarget,
  type CurrentRelease,
  type ResolvedBy,
  type ResolvedTarget,
} from './resolve';
export { renderRollbackSummary } from './summary';
export { describeSpec, imageMatches, parseTargetSpec, type TargetSpec } from './target';
