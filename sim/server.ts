import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { AwsError } from './aws-error';
import {
  checkRequest,
  checkResponse,
  checkShape,
  errorShape,
  hasOperation,
  type SimService,
} from './schema-check';

/** One operation: JSON input in, JSON output out (or an AwsError thrown). */
export type Handler = (input: unknown) => unknown;
export type HandlerTable = Record<string, Handler>;

export interface RecordedRequest {
  service: SimService;
  operation: string;
  input: unknown;
  /** Virtual milliseconds since the epoch. */
  at: number;
  /** Set when fault injection answered this request instead of the handler. */
  fault?: 'throttle' | 'serverError';
}

export interface FaultSpec {
  /** Only requests for this operation (e.g. "DescribeServices"); any operation when omitted. */
  operation?: string;
  count: number;
}

export interface Faults {
  throttle?: FaultSpec;
  serverError?: FaultSpec;
}

/** The JSON 1.1 protocol routes by X-Amz-Target: "<service prefix>.<Operation>". */
const TARGET_PREFIXES: Record<string, SimService> = {
  AmazonEC2ContainerServiceV20141113: 'ecs',
  AmazonEC2ContainerRegistry_V20150921: 'ecr',
  Logs_20140328: 'logs',
};

/** Missing required members etc. are answered with each service's own modelled 400 error. */
const REQUEST_ERROR_TYPE: Record<SimService, string> = {
  ecs: 'ClientException',
  ecr: 'InvalidParameterException',
  logs: 'InvalidParameterException',
};

export interface SimServerOptions {
  handlers: Record<SimService, HandlerTable>;
  now: () => number;
  /** Runs the state machine up to the current virtual time before each request. */
  beforeRequest: () => void;
}

export class SimServer {
  readonly requests: RecordedRequest[] = [];
  readonly schemaViolations: string[] = [];
  private readonly pendingFaults: Array<{ kind: 'throttle' | 'serverError'; spec: FaultSpec }> = [];
  private server: Server | undefined;

  constructor(private readonly options: SimServerOptions) {}

  injectFaults(faults: Faults): void {
    if (faults.throttle) this.pendingFaults.push({ kind: 'throttle', spec: { ...faults.throttle } });
    if (faults.serverError) this.pendingFaults.push({ kind: 'serverError', spec: { ...faults.serverError } });
  }

  async listen(port = 0): Promise<string> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.send(res, 500, { __type: 'ServerException', message: `simulator bug: ${String(error)}` });
      });
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('simulator: no TCP address');
    return `http://127.0.0.1:${address.port}`;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const target = String(req.headers['x-amz-target'] ?? '');
    const [prefix = '', operation = ''] = target.split('.');
    const service = TARGET_PREFIXES[prefix];
    if (!service || !hasOperation(service, operation)) {
      this.send(res, 400, { __type: 'UnknownOperationException', message: `Unknown operation ${target}` });
      return;
    }
    let input: unknown;
    try {
      input = body.length ? JSON.parse(body) : {};
    } catch {
      this.send(res, 400, { __type: 'SerializationException', message: 'Malformed JSON body' });
      return;
    }

    this.options.beforeRequest();
    const record: RecordedRequest = { service, operation, input, at: this.options.now() };
    this.requests.push(record);

    const fault = this.takeFault(operation);
    if (fault) {
      record.fault = fault;
      if (fault === 'throttle')
        this.send(res, 400, { __type: 'ThrottlingException', message: 'Rate exceeded' });
      else this.send(res, 500, { __type: 'ServerException', message: 'Service Unavailable (injected)' });
      return;
    }

    const requestViolations = checkRequest(service, operation, input);
    if (requestViolations.length) {
      this.schemaViolations.push(...requestViolations);
      this.sendError(res, service, new AwsError(REQUEST_ERROR_TYPE[service], requestViolations.join('; ')));
      return;
    }

    const handler = this.options.handlers[service][operation];
    if (!handler) {
      this.send(res, 400, {
        __type: 'UnknownOperationException',
        message: `The simulator does not implement ${service}:${operation}`,
      });
      return;
    }
    let output: unknown;
    try {
      output = await handler(input);
    } catch (error) {
      if (error instanceof AwsError) {
        this.sendError(res, service, error);
        return;
      }
      throw error;
    }
    const responseViolations = checkResponse(service, operation, output);
    if (responseViolations.length) {
      this.failLoudly(res, responseViolations);
      return;
    }
    this.send(res, 200, output);
  }

  private sendError(res: ServerResponse, service: SimService, error: AwsError): void {
    const shape = errorShape(service, error.type);
    const violations = shape ? checkShape(shape, { message: error.message }, `${service}:${error.type}`) : [];
    if (violations.length) {
      this.failLoudly(res, violations);
      return;
    }
    this.send(res, error.status, { __type: error.type, message: error.message });
  }

  /** A schema violation is a simulator bug: answer 500 with the reason and keep it for assertions. */
  private failLoudly(res: ServerResponse, violations: string[]): void {
    this.schemaViolations.push(...violations);
    this.send(res, 500, { __type: 'SimulatorSchemaViolation', message: violations.join('; ') });
  }

  private takeFault(operation: string): 'throttle' | 'serverError' | undefined {
    const index = this.pendingFaults.findIndex(
      (f) => f.spec.count > 0 && (f.spec.operation === undefined || f.spec.operation === operation),
    );
    const fault = this.pendingFaults[index];
    if (!fault) return undefined;
    fault.spec.count -= 1;
    if (fault.spec.count <= 0) this.pendingFaults.splice(index, 1);
    return fault.kind;
  }

  private send(res: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/x-amz-json-1.1',
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': randomUUID(),
    });
    res.end(text);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
