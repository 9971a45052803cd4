import { Readable } from 'node:stream';
import type { DeserializeMiddleware, MetadataBearer, MiddlewareStack } from '@smithy/types';
import type { Clock } from '../core/clock';
import { parseTarget, TRANSCRIPT_FORMAT, type Transcript, type TranscriptEntry } from './format';

/** The part of an SDK v3 client the recorder needs: its middleware stack. */
export interface MiddlewareClient<Input extends object, Output extends object> {
  middlewareStack: Pick<MiddlewareStack<Input, Output>, 'add'>;
}

interface RawRequest {
  headers?: Record<string, string>;
  body?: unknown;
}

interface RawResponse {
  statusCode?: number;
  body?: unknown;
}

async function readBody(body: unknown): Promise<string> {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new TextDecoder().decode(body); // not Buffer.from: it calls valueOf()
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer | string>)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** JSON protocols send the body as a string or as bytes. */
function requestText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new TextDecoder().decode(body); // not Buffer.from: it calls valueOf()
  return '';
}

function parseJson(text: string): unknown {
  if (!text) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Writes a transcript of a real run: every HTTP attempt of the clients it is attached to (retries
 * included, so a throttled call replays as throttled), with the wire bodies and the clock time of
 * each answer. Attach it to the clients a use case gets (`JobEnvironment.awsClients`).
 */
export class TranscriptRecorder {
  private readonly entries: TranscriptEntry[] = [];
  private startedAt: number | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly region: string,
    private readonly source: string,
  ) {}

  /** Adds the recording middleware next to the HTTP handler, below the SDK's retries. */
  attach<Input extends object, Output extends MetadataBearer, T extends MiddlewareClient<Input, Output>>(
    client: T,
  ): T {
    const record: DeserializeMiddleware<Input, Output> = (next) => async (args) => {
      this.startedAt ??= this.clock.now();
      const request = (args as { request?: RawRequest }).request ?? {};
      const target = Object.entries(request.headers ?? {}).find(
        ([k]) => k.toLowerCase() === 'x-amz-target',
      )?.[1];
      const result = await next(args);
      const response = result.response as RawResponse | undefined;
      if (!target || !response) return result;
      const text = await readBody(response.body);
      // The SDK's deserializer reads the body after us: hand it a fresh stream of the same bytes.
      response.body = Readable.from([Buffer.from(text)]);
      const { service, operation } = parseTarget(target);
      const body = parseJson(text);
      const status = response.statusCode ?? 0;
      const entry: TranscriptEntry = {
        service,
        operation,
        input: parseJson(requestText(request.body)),
        at: this.clock.now() - this.startedAt,
      };
      if (status >= 300) {
        const fields = (typeof body === 'object' && body ? body : {}) as Record<string, unknown>;
        const code = String(fields.__type ?? fields.code ?? 'UnknownError').replace(/^.*#/, '');
        entry.error = { status, code, message: String(fields.message ?? fields.Message ?? '') };
      } else {
        entry.output = body;
      }
      this.entries.push(entry);
      return result;
    };
    client.middlewareStack.add(record, {
      step: 'deserialize',
      priority: 'low',
      name: 'strapiDeployTranscriptRecorder',
    });
    return client;
  }

  /**
   * The transcript so far. Request and response bodies are kept as they went over the wire, so every
   * value in `secrets` (what the run read as secret: the CLI's and the action's masked values) is
   * replaced by `***` wherever it appears; a task definition's plain environment values are not secret
   * to AWS and stay.
   */
  transcript(
    extra: Pick<Transcript, 'description' | 'run' | 'result'> = {},
    secrets: string[] = [],
  ): Transcript {
    const transcript: Transcript = {
      format: TRANSCRIPT_FORMAT,
      source: this.source,
      ...extra,
      startedAt: new Date(this.startedAt ?? this.clock.now()).toISOString(),
      region: this.region,
      entries: [...this.entries],
    };
    const masked = secrets.filter((s) => s.length >= 4);
    if (!masked.length) return transcript;
    let text = JSON.stringify(transcript);
    for (const secret of masked) text = text.split(JSON.stringify(secret).slice(1, -1)).join('***');
    return JSON.parse(text) as Transcript;
  }
}
