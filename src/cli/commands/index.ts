import type { CommandSpec } from '../command';
import { completionCommand } from './completion';
import { deployCommand } from './deploy';
import { historyCommand } from './history';
import { promoteCommand } from './promote';
import { renderCommand } from './render';
import { replayCommand } from './replay';
import { rollbackCommand } from './rollback';
import { simCommand } from './simulator';
import { statusCommand } from './status';

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  deployCommand,
  rollbackCommand,
  promoteCommand,
  statusCommand,
  historyCommand,
  renderCommand,
  replayCommand,
  simCommand,
  completionCommand(() => COMMANDS),
];
