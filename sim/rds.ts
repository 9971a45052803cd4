import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';

/**
 * RDS, as far as a deploy uses it: DB instances to snapshot, CreateDBSnapshot and DescribeDBSnapshots,
 * over the AWS query protocol (form-encoded POST, XML answers; RDS API reference, "Making API requests").
 * Its own small HTTP server, so the ECS/ECR/Logs server (JSON 1.1) is left as it is.
 *
 * Timing: a snapshot is `creating` for SNAPSHOT_SECONDS of virtual time, its PercentProgress rising evenly,
 * then `available`. This is not a measured time: RDS documents none (a first snapshot copies the whole
 * volume, later ones the changed blocks); it is short enough for the demo and long enough to show progress.
 */
export const SNAPSHOT_SECONDS = 30;

interface SnapshotRecord {
  id: string;
  instance: string;
  createdAt: number;
  tags: Array<{ Key: string; Value: string }>;
}

export interface RdsSimulator {
  url: string;
  /** Adds a PostgreSQL DB instance; returns its endpoint address, as DATABASE_HOST would hold it. */
  addInstance(id: string): string;
  snapshots(): ReadonlyArray<Readonly<SnapshotRecord>>;
  close(): Promise<void>;
}

const NS = 'http://rds.amazonaws.com/doc/2014-10-31/';

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startRdsSimulator(options: {
  region: string;
  accountId: string;
  now: () => number;
}): Promise<RdsSimulator> {
  const instances = new Map<string, string>();
  const snapshots: SnapshotRecord[] = [];
  const arn = (id: string): string => `arn:aws:rds:${options.region}:${options.accountId}:snapshot:${id}`;

  const renderSnapshot = (s: SnapshotRecord): string => {
    const elapsed = (options.now() - s.createdAt) / 1000;
    const done = elapsed >= SNAPSHOT_SECONDS;
    const percent = done ? 100 : Math.floor((elapsed / SNAPSHOT_SECONDS) * 100);
    const tags = s.tags.map((t) => `<Tag><Key>${xml(t.Key)}</Key><Value>${xml(t.Value)}</Value></Tag>`);
    return (
      `<DBSnapshot><DBSnapshotIdentifier>${xml(s.id)}</DBSnapshotIdentifier>` +
      `<DBInstanceIdentifier>${xml(s.instance)}</DBInstanceIdentifier>` +
      `<SnapshotCreateTime>${new Date(s.createdAt).toISOString()}</SnapshotCreateTime>` +
      `<Engine>postgres</Engine><SnapshotType>manual</SnapshotType>` +
      `<Status>${done ? 'available' : 'creating'}</Status><PercentProgress>${percent}</PercentProgress>` +
      `<DBSnapshotArn>${xml(arn(s.id))}</DBSnapshotArn><TagList>${tags.join('')}</TagList></DBSnapshot>`
    );
  };

  const answer = (res: ServerResponse, action: string, result: string): void => {
    res.writeHead(200, { 'content-type': 'text/xml' });
    res.end(
      `<${action}Response xmlns="${NS}"><${action}Result>${result}</${action}Result>` +
        `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`,
    );
  };
  // Error codes are the query-protocol codes of the RDS model (DBInstanceNotFound, DBSnapshotAlreadyExists, …).
  const fail = (res: ServerResponse, status: number, code: string, message: string): void => {
    res.writeHead(status, { 'content-type': 'text/xml' });
    res.end(
      `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${xml(message)}</Message></Error>` +
        `<RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
    );
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const params = new URLSearchParams(await readBody(req));
    const action = params.get('Action') ?? '';
    if (action === 'CreateDBSnapshot') {
      const id = params.get('DBSnapshotIdentifier') ?? '';
      const instance = params.get('DBInstanceIdentifier') ?? '';
      if (!instances.has(instance))
        return fail(res, 404, 'DBInstanceNotFound', `DBInstance ${instance} not found.`);
      if (snapshots.some((s) => s.id === id))
        return fail(
          res,
          400,
          'DBSnapshotAlreadyExists',
          `Cannot create the snapshot because a snapshot with the identifier ${id} already exists.`,
        );
      const tags: SnapshotRecord['tags'] = [];
      for (let n = 1; params.has(`Tags.Tag.${n}.Key`); n++) {
        tags.push({
          Key: params.get(`Tags.Tag.${n}.Key`) ?? '',
          Value: params.get(`Tags.Tag.${n}.Value`) ?? '',
        });
      }
      const record = { id, instance, createdAt: options.now(), tags };
      snapshots.push(record);
      return answer(res, action, renderSnapshot(record));
    }
    if (action === 'DescribeDBSnapshots') {
      const id = params.get('DBSnapshotIdentifier');
      const instance = params.get('DBInstanceIdentifier');
      const found = snapshots.filter((s) => (!id || s.id === id) && (!instance || s.instance === instance));
      if (id && !found.length) return fail(res, 404, 'DBSnapshotNotFound', `DBSnapshot ${id} not found.`);
      return answer(res, action, `<DBSnapshots>${found.map(renderSnapshot).join('')}</DBSnapshots>`);
    }
    return fail(res, 400, 'InvalidAction', `The simulator does not implement rds:${action}`);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) =>
      fail(res, 500, 'InternalFailure', `simulator bug: ${String(error)}`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('rds simulator: no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    addInstance(id) {
      const host = `${id}.c0simulated.${options.region}.rds.amazonaws.com`;
      instances.set(id, host);
      return host;
    },
    snapshots: () => snapshots,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
