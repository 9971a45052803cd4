import { runAction } from '../action-kit/run-action';
import { buildPushAction } from '../action-kit/build-push-action';

void runAction(buildPushAction);
