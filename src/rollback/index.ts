export { readRollbackInputs, type RollbackInputs } from './inputs';
export {
  rollbackService,
  type ReleaseSide,
  type RollbackDeps,
  type RollbackRequest,
  type RollbackResult,
} from './rollback';
export { resolveRollbackTarget, type CurrentRelease, type ResolvedBy, type ResolvedTarget } from './resolve';
export { runRollback, type SettledRollback } from './run-rollback';
export { renderRollbackSummary } from './summary';
export { describeSpec, imageMatches, parseTargetSpec, type TargetSpec } from './target';
