import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import type { Clock } from '../core/clock';
import { parseTarget, type Transcript, type TranscriptEntry } from './format';

/**
 * A clock for replays: it starts at the transcript's start and `sleep` moves it on at once, so a
 * 15-minute recorded rollout replays in milliseconds and every poll lands at the time it names.
 */
export class ReplayClock implements Clock {
  private time: number;
  constructor(transcript: Transcript) {
    this.time = Date.parse(transcript.startedAt);
  }
  now(): number {
    return this.time;
  }
  async sleep(ms: number): Promise<void> {
    this.time += Math.max(0, ms);
    await Promise.resolve();
  }
}

/** A read answers with the state of the world at the time it is asked; anything else answers once. */
function isRead(operation: string): boolean {
  return /^(Describe|List|Get|BatchGet|Filter)/.test(operation);
}

export interface ReplayAnswer {
  status: number;
  body: unknown;
  /** The transcript entry served, when one matched. */
  entry?: TranscriptEntry;
}

/**
 * Answers requests from a transcript. Reads (Describe*, List*, Get*) get the latest recorded answer
 * at or before the replay clock's time, among those with the same input when there are any (the
 * first one when the clock is earlier than all); a recorded error is served once. Writes get their
 * recorded answers in order. What did not match is listed in `divergences`, so a test can insist on
 * none, and a request nothing answers gets a non-retryable `ClientException` saying so.
 */
export class TranscriptReplayer {
  readonly divergences: string[] = [];
  readonly served: TranscriptEntry[] = [];
  /** Milliseconds from the transcript's start at which each of `served` was asked for. */
  readonly servedAt: number[] = [];
  private readonly used = new Set<TranscriptEntry>();
  private readonly startedAt: number;

  constructor(
    private readonly transcript: Transcript,
    private readonly clock: Clock,
  ) {
    this.startedAt = Date.parse(transcript.startedAt);
  }

  answer(service: string, operation: string, input: unknown): ReplayAnswer {
    const elapsed = this.clock.now() - this.startedAt;
    // Where the engine is when it leaves the transcript: its call number and the replay clock's time.
    const position = `call ${this.served.length + 1}, at ${elapsed} ms`;
    const same = this.transcript.entries.filter((e) => e.service === service && e.operation === operation);
    const sameInput = same.filter((e) => isDeepStrictEqual(e.input, input));
    if (same.length && !sameInput.length)
      this.divergences.push(
        `replay: ${service}:${operation} (${position}) with input ${JSON.stringify(input)} was never recorded; answered from a recorded ${operation} with another input`,
      );
    const pool = (sameInput.length ? sameInput : same).filter((e) => !(e.error && this.used.has(e)));
    let entry: TranscriptEntry | undefined;
    if (isRead(operation)) {
      const past = pool.filter((e) => e.at <= elapsed);
      entry = past.at(-1) ?? pool[0];
    } else {
      entry = pool.find((e) => !this.used.has(e));
    }
    if (!entry) {
      const message = same.length
        ? `replay: no recorded answer left for ${service}:${operation} (${position}): the transcript has ${same.length} and every one was used`
        : `replay: no recorded answer for ${service}:${operation} (${position}): the transcript never made this call`;
      this.divergences.push(message);
      return { status: 400, body: { __type: 'ClientException', message } };
    }
    this.used.add(entry);
    this.served.push(entry);
    this.servedAt.push(elapsed);
    if (entry.error)
      return {
        status: entry.error.status,
        body: { __type: entry.error.code, message: entry.error.message },
        entry,
      };
    return { status: 200, body: entry.output, entry };
  }
}

export interface ReplayServer {
  url: string;
  replayer: TranscriptReplayer;
  /** AWS_ENDPOINT_URL_<SERVICE> for every service of the transcript, plus region and dummy keys. */
  env(): Record<string, string>;
  close(): Promise<void>;
}

/** The SDK's endpoint variable is named after the service id (`CloudWatch Logs`), not the endpoint name. */
const ENDPOINT_ENV_NAMES: Record<string, string> = { ecs: 'ECS', logs: 'CLOUDWATCH_LOGS', ecr: 'ECR' };

async function readRequest(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Serves a transcript over HTTP on a loopback port (AWS JSON 1.1), for the SDK's real clients. */
export async function startReplayServer(transcript: Transcript, clock: Clock): Promise<ReplayServer> {
  const replayer = new TranscriptReplayer(transcript, clock);
  const server = createServer((req, res) => {
    void readRequest(req).then((text) => {
      const { service, operation } = parseTarget(String(req.headers['x-amz-target'] ?? ''));
      let input: unknown = {};
      try {
        input = text ? (JSON.parse(text) as unknown) : {};
      } catch {
        input = text;
      }
      const answer = replayer.answer(service, operation, input);
      res
        .writeHead(answer.status, {
          'content-type': 'application/x-amz-json-1.1',
          'x-amzn-requestid': 'replay',
        })
        .end(JSON.stringify(answer.body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const services = [...new Set(['ecs', 'logs', 'ecr', ...transcript.entries.map((e) => e.service)])];
  return {
    url,
    replayer,
    env: () => ({
      ...Object.fromEntries(
        services.map((s) => [`AWS_ENDPOINT_URL_${ENDPOINT_ENV_NAMES[s] ?? s.toUpperCase()}`, url]),
      ),
      AWS_REGION: transcript.region,
      AWS_ACCESS_KEY_ID: 'replay',
      AWS_SECRET_ACCESS_KEY: 'replay',
    }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
