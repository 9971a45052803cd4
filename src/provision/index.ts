// The provision core, for the action adapter and the CLI.
export { readProvisionInputs, repositoryNameFor, PLACEHOLDER_IMAGE, type ProvisionInputs } from './inputs';
export {
  provisionStack,
  outputName,
  stackOutputs,
  ReplacementRefusedError,
  StackOperationFailedError,
  type ProvisionDeps,
  type ProvisionRequest,
  type ProvisionResult,
} from './provision';
export {
  findGuardedChanges,
  renderChangeSetSummary,
  renderChangeSetTable,
  PROTECTED_RESOURCE_TYPES,
  type ChangeRow,
  type GuardedChange,
} from './change-set';
export { loadBaselineTemplate, templatesDirectory, baselineParameters } from './template';
export { resolveNetwork, type Network } from './network';
