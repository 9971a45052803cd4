import { runAction } from '../action-kit/run-action';
import { deployServiceAction } from '../action-kit/deploy-service-action';

void runAction(deployServiceAction);
