export { parseTarget, parseTranscript, TRANSCRIPT_FORMAT } from './format';
export type { Transcript, TranscriptEntry, TranscriptError } from './format';
export { TranscriptRecorder, type MiddlewareClient } from './recorder';
export {
  ReplayClock,
  startReplayServer,
  TranscriptReplayer,
  type ReplayAnswer,
  type ReplayServer,
} from './replay';
