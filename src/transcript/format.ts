/**
 * A transcript: the AWS calls of one run, in order, each with the time it was answered and the answer
 * as it went over the wire (AWS JSON 1.1 bodies: timestamps are epoch seconds). It is what a recorder
 * writes from a real run and what a replayer answers from, so a user's failing deploy can become a test.
 */
export const TRANSCRIPT_FORMAT = 'strapi-deploy-transcript/1';

export interface TranscriptError {
  /** HTTP status of the answer (400 for client errors and throttling, 5xx for server errors). */
  status: number;
  /** The error code (`__type` on the wire), e.g. `InvalidParameterException`. */
  code: string;
  message: string;
}

export interface TranscriptEntry {
  /** The service, by its endpoint name: `ecs`, `logs`, `ecr`. */
  service: string;
  /** The API operation, e.g. `DescribeServices`. */
  operation: string;
  /** The request body. */
  input: unknown;
  /** The response body; absent when the call failed. */
  output?: unknown;
  error?: TranscriptError;
  /** Milliseconds from the transcript's `startedAt` to the answer. */
  at: number;
}

export interface Transcript {
  format: typeof TRANSCRIPT_FORMAT;
  /** Where the responses came from: a real account (whose, redacted), the simulator, a public capture (URL). */
  source: string;
  description?: string;
  /** ISO time of the first call's start; every `at` counts from it. */
  startedAt: string;
  region: string;
  /** What the recorded run was asked to do, so a replay can run it again. */
  run?: { command: string; inputs: Record<string, string> };
  /** How the recorded run ended, so a replay can be held to it. */
  result?: { verdict: string; reason?: string };
  entries: TranscriptEntry[];
}

/** X-Amz-Target prefixes of the JSON 1.1 services strapi-deploy calls, by endpoint name. */
const TARGET_PREFIXES: Record<string, string> = {
  AmazonEC2ContainerServiceV20141113: 'ecs',
  Logs_20140328: 'logs',
  AmazonEC2ContainerRegistry_V20150921: 'ecr',
};

/** `AmazonEC2ContainerServiceV20141113.DescribeServices` -> `{ service: 'ecs', operation: 'DescribeServices' }`. */
export function parseTarget(target: string): { service: string; operation: string } {
  const dot = target.indexOf('.');
  const prefix = dot < 0 ? target : target.slice(0, dot);
  return { service: TARGET_PREFIXES[prefix] ?? prefix, operation: dot < 0 ? '' : target.slice(dot + 1) };
}

/** Checks a parsed file is a transcript this code reads; the message says what is wrong. */
export function parseTranscript(text: string): Transcript {
  const value = JSON.parse(text) as Partial<Transcript>;
  if (value.format !== TRANSCRIPT_FORMAT)
    throw new Error(
      `not a transcript: format is ${JSON.stringify(value.format)}, expected ${TRANSCRIPT_FORMAT}`,
    );
  if (typeof value.source !== 'string' || !value.source)
    throw new Error('a transcript says where its responses came from (source)');
  if (typeof value.startedAt !== 'string' || Number.isNaN(Date.parse(value.startedAt)))
    throw new Error('transcript startedAt must be an ISO time');
  if (!Array.isArray(value.entries)) throw new Error('transcript entries must be a list');
  let previous = 0;
  for (const [index, entry] of value.entries.entries()) {
    if (typeof entry.operation !== 'string' || typeof entry.service !== 'string')
      throw new Error(`entry ${index}: service and operation are required`);
    if (typeof entry.at !== 'number' || entry.at < previous)
      throw new Error(`entry ${index}: at must be a number, not before the entry above it`);
    if ((entry.output === undefined) === (entry.error === undefined))
      throw new Error(`entry ${index}: exactly one of output and error`);
    previous = entry.at;
  }
  return value as Transcript;
}
