import { runAction } from '../action-kit/run-action';
import { deployAction } from '../action-kit/deploy-action';

void runAction(deployAction);
