import { runAction } from '../action-kit/run-action';
import { provisionAction } from '../action-kit/provision-action';

void runAction(provisionAction);
