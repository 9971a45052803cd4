import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { freePort } from './free-port';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A throwaway PostgreSQL server on 127.0.0.1, with a password-protected superuser and one database. */
export interface PostgresServer {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** postgres://user:password@127.0.0.1:port/database */
  url: string;
  /** With `ssl: true`: the self-signed server certificate (PEM; names localhost and 127.0.0.1), for clients to verify. */
  certificate?: string | undefined;
  /**
   * Runs one SQL command with psql against `database` (or `inDatabase`, another database of the same
   * server); returns psql's unaligned, tuples-only output.
   */
  sql(command: string, inDatabase?: string): Promise<string>;
  stop(): Promise<void>;
}

/** Where the PostgreSQL 15 server binaries live: $PG_BIN, /usr/local/bin, or Debian's postgresql-15 path. */
export function findPostgresBin(): string | undefined {
  const candidates = [process.env.PG_BIN, '/usr/local/bin', '/usr/lib/postgresql/15/bin'];
  return candidates.find(
    (dir): dir is string =>
      dir !== undefined && ['initdb', 'pg_ctl', 'postgres'].every((b) => existsSync(join(dir, b))),
  );
}

/** Why PostgreSQL cannot be started here, for `describeIfAvailable`; undefined when it can. */
export function missingPostgres(): string | undefined {
  if (!findPostgresBin()) {
    return 'PostgreSQL 15 server binaries (initdb, pg_ctl, postgres) not found: install postgresql-15 or set PG_BIN';
  }
  if (!existsSync('/usr/bin/psql') && !existsSync(join(findPostgresBin() ?? '', 'psql'))) {
    return '`psql` is not installed (postgresql-client-15)';
  }
  return undefined;
}

/**
 * PostgreSQL refuses to run as root. As root, the server runs as the `postgres` system user (created
 * when missing), through `runuser`; as anyone else, as that user.
 */
async function serverUser(): Promise<{ prefix: string[]; uid?: number; gid?: number }> {
  if (process.getuid?.() !== 0) return { prefix: [] };
  const name = 'postgres';
  const exists = await run('id', ['-u', name]).then(
    () => true,
    () => false,
  );
  if (!exists) await run('useradd', ['--system', '--no-create-home', '--shell', '/bin/false', name]);
  const uid = Number((await run('id', ['-u', name])).stdout.trim());
  const gid = Number((await run('id', ['-g', name])).stdout.trim());
  return { prefix: ['runuser', '-u', name, '--'], uid, gid };
}

/**
 * Starts a server. With `ssl: true` it also accepts TLS (as RDS does) with a fresh self-signed
 * certificate for 127.0.0.1; plain connections keep working.
 */
export async function startPostgres(
  options: { database?: string; ssl?: boolean } = {},
): Promise<PostgresServer> {
  const bin = findPostgresBin();
  if (!bin) throw new Error(missingPostgres());
  const database = options.database ?? 'strapi';
  const user = 'strapi';
  const password = `pw-${process.pid}-${Date.now()}`;
  const host = '127.0.0.1';
  const port = await freePort();

  const dir = await mkdtemp(join(tmpdir(), 'strapi-deploy-pg-'));
  const dataDir = join(dir, 'data');
  const passwordFile = join(dir, 'password');
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  const owner = await serverUser();
  if (owner.uid !== undefined && owner.gid !== undefined) {
    await chown(dir, owner.uid, owner.gid);
    await chown(passwordFile, owner.uid, owner.gid);
  }
  await chmod(dir, 0o700);
  const asServerUser = (command: string, args: string[]) => {
    const [first, ...rest] = [...owner.prefix, command, ...args];
    return run(first as string, rest, { cwd: dir, maxBuffer: 16 * 1024 * 1024 });
  };

  await asServerUser(join(bin, 'initdb'), [
    '-D',
    dataDir,
    '-U',
    user,
    `--pwfile=${passwordFile}`,
    '--auth=scram-sha-256',
    '--encoding=UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  // Throwaway data: no fsync. The socket goes in the temp dir, not /var/run/postgresql.
  let serverOptions = `-p ${port} -k ${dir} -c listen_addresses=${host} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  let certificate: string | undefined;
  if (options.ssl) {
    const certFile = join(dir, 'server.crt');
    const keyFile = join(dir, 'server.key');
    await asServerUser('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${host}`,
      '-addext',
      `subjectAltName=DNS:localhost,IP:${host}`,
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ]);
    certificate = await readFile(certFile, 'utf8');
    serverOptions += ` -c ssl=on -c ssl_cert_file=${certFile} -c ssl_key_file=${keyFile}`;
  }
  await asServerUser(join(bin, 'pg_ctl'), [
    '-D',
    dataDir,
    '-l',
    join(dir, 'server.log'),
    '-o',
    serverOptions,
    '-w',
    '-t',
    '60',
    'start',
  ]);

  const psql = existsSync('/usr/bin/psql') ? '/usr/bin/psql' : join(bin, 'psql');
  const psqlIn = async (db: string, command: string) =>
    (
      await run(
        psql,
        ['-h', host, '-p', String(port), '-U', user, '-d', db, '-v', 'ON_ERROR_STOP=1', '-Atc', command],
        {
          env: { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '10' },
        },
      )
    ).stdout.trim();
  await psqlIn('postgres', `CREATE DATABASE "${database}"`);

  let stopped = false;
  return {
    host,
    port,
    user,
    password,
    database,
    url: `postgres://${user}:${encodeURIComponent(password)}@${host}:${port}/${database}`,
    certificate,
    sql: (command, inDatabase) => psqlIn(inDatabase ?? database, command),
    async stop() {
      if (stopped) return;
      stopped = true;
      await asServerUser(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop']).catch(
        () => undefined,
      );
      await rm(dir, { recursive: true, force: true });
    },
  };
}
