import { runAction } from '../action-kit/run-action';
import { rollbackAction } from '../action-kit/rollback-action';

void runAction(rollbackAction);
