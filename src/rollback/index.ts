// Rollback targets: what `to` asks for (target.ts) and which revision that is (resolve.ts). The
// rollback itself is a use case (src/use-cases/rollback.ts).
export { readRollbackInputs, type RollbackInputs } from './inputs';
export { resolveRollbackTarget, type CurrentRelease, type ResolvedBy, type ResolvedTarget } from './resolve';
export { describeSpec, imageMatches, parseTargetSpec, type TargetSpec } from './target';
