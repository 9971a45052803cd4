import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';

/**
 * An HTTP proxy in front of the rollout simulator (loopback only) that misbehaves the way AWS
 * and networks do, per AWS operation (the X-Amz-Target header):
 *
 * - `apply-then-500`: the request reaches the simulator and is applied, then the caller gets a
 *   500 instead of the answer (the ambiguous write: did UpdateService happen or not?).
 * - `throttle`: 400 ThrottlingException "Rate exceeded", not forwarded (a burst over the quota).
 * - `drop`: the connection is closed without an answer, not forwarded.
 * - `apply-then-drop`: forwarded and applied, then the connection is closed without an answer.
 *
 * Each rule fires `times` times (default 1), then the operation passes through untouched. The SDK
 * retries throttling, 5xx and connection errors up to its maxAttempts, so a rule with `times` below
 * maxAttempts is invisible to the caller except for the repeated write.
 */
export type FaultKind = 'apply-then-500' | 'throttle' | 'drop' | 'apply-then-drop';

export interface FaultRule {
  /** "UpdateService", or a full target "AmazonEC2ContainerServiceV20141113.UpdateService", or "*". */
  operation: string;
  kind: FaultKind;
  /** How many matching requests get the fault; default 1. */
  times?: number;
}

export interface ProxiedRequest {
  /** The X-Amz-Target header, e.g. "AmazonEC2ContainerServiceV20141113.UpdateService". */
  target: string;
  operation: string;
  fault?: FaultKind;
  /** Whether the request reached the simulator (and so may have changed it). */
  forwarded: boolean;
  /** The status the caller received; undefined when the connection was dropped. */
  status?: number;
}

export interface FaultProxy {
  url: string;
  inject(rule: FaultRule): void;
  /** Rules with faults still to give. */
  pending(): ReadonlyArray<Readonly<Required<FaultRule>>>;
  clear(): void;
  log: ProxiedRequest[];
  /** The requests for one operation, in order. */
  calls(operation: string): ProxiedRequest[];
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The server-fault error each JSON 1.1 service models (the SDK maps __type to its class). */
const SERVER_ERROR: Record<string, string> = {
  AmazonEC2ContainerServiceV20141113: 'ServerException',
  AmazonEC2ContainerRegistry_V20150921: 'ServerException',
  Logs_20140328: 'ServiceUnavailableException',
};

export async function startFaultProxy(
  upstream: string,
  options: { port?: number } = {},
): Promise<FaultProxy> {
  const upstreamUrl = new URL(upstream);
  if (!LOOPBACK.has(upstreamUrl.hostname))
    throw new Error(`fault proxy: upstream must be on loopback, got ${upstreamUrl.hostname}`);
  const rules: Array<Required<FaultRule>> = [];
  const log: ProxiedRequest[] = [];

  const takeFault = (target: string): FaultKind | undefined => {
    const operation = target.split('.').pop() ?? '';
    const index = rules.findIndex(
      (r) => r.times > 0 && (r.operation === '*' || r.operation === operation || r.operation === target),
    );
    const rule = rules[index];
    if (!rule) return undefined;
    rule.times -= 1;
    if (rule.times <= 0) rules.splice(index, 1);
    return rule.kind;
  };

  const forward = (
    req: IncomingMessage,
    body: Buffer,
  ): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const outgoing = request(
        {
          hostname: upstreamUrl.hostname,
          port: upstreamUrl.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstreamUrl.host },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
          );
          res.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });

  const answerJson = (res: ServerResponse, status: number, payload: unknown): void => {
    const text = JSON.stringify(payload);
    res.writeHead(status, {
      'content-type': 'application/x-amz-json-1.1',
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': randomUUID(),
    });
    res.end(text);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const target = String(req.headers['x-amz-target'] ?? '');
    const [prefix = '', operation = ''] = target.split('.');
    const fault = takeFault(target);
    const entry: ProxiedRequest = { target, operation, forwarded: false, ...(fault ? { fault } : {}) };
    log.push(entry);

    if (fault === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault === 'throttle') {
      entry.status = 400;
      answerJson(res, 400, { __type: 'ThrottlingException', message: 'Rate exceeded' });
      return;
    }
    const answer = await forward(req, body);
    entry.forwarded = true;
    if (fault === 'apply-then-drop') {
      req.socket.destroy();
      return;
    }
    if (fault === 'apply-then-500') {
      entry.status = 500;
      answerJson(res, 500, {
        __type: SERVER_ERROR[prefix] ?? 'InternalFailure',
        message: 'We encountered an internal error. Please try again.',
      });
      return;
    }
    entry.status = answer.status;
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) answerJson(res, 502, { __type: 'ProxyError', message: String(error) });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fault proxy: no TCP address');

  return {
    url: `http://127.0.0.1:${address.port}`,
    inject: (rule) => {
      rules.push({ operation: rule.operation, kind: rule.kind, times: rule.times ?? 1 });
    },
    pending: () => rules.map((r) => ({ ...r })),
    clear: () => {
      rules.splice(0, rules.length);
    },
    log,
    calls: (operation) => log.filter((r) => r.operation === operation || r.target === operation),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
