import { runAction } from '../action-kit/run-action';
import { promoteAction } from '../action-kit/promote-action';

void runAction(promoteAction);
