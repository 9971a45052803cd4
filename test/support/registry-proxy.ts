import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Every manifest media type a registry may hold, for HEAD lookups that must not 404 on format. */
export const MANIFEST_ACCEPT = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
].join(', ');

export interface RegistryProxyOptions {
  /** The real registry, e.g. `http://127.0.0.1:5000`. */
  upstream: string;
  /** Whether pushing `tag` to `repository` must not overwrite an existing tag (ECR IMMUTABLE). */
  isImmutable(repository: string, tag: string): boolean;
}

export interface RegistryProxy {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const MANIFEST_PUT = /^\/v2\/(.+)\/manifests\/([^/?]+)(?:\?.*)?$/;

/**
 * docker-registry has no tag immutability; ECR does. This proxy stands in front of it and refuses
 * `PUT /v2/<repo>/manifests/<tag>` when the tag exists and the repository is immutable, with
 * ECR's status, code and wording, so the action's error handling meets the real message.
 */
export async function startRegistryProxy(options: RegistryProxyOptions): Promise<RegistryProxy> {
  const upstream = new URL(options.upstream);
  const server = http.createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const match = req.method === 'PUT' ? MANIFEST_PUT.exec(req.url ?? '') : null;
    const repository = match?.[1];
    const tag = match?.[2];
    if (repository && tag && !tag.startsWith('sha256:') && options.isImmutable(repository, tag)) {
      const status = await headUpstream(`/v2/${repository}/manifests/${tag}`, req.headers.authorization);
      if (status === 200) {
        req.resume();
        res.writeHead(400, { 'content-type': 'application/json; charset=utf-8' });
        res.end(
          JSON.stringify({
            errors: [
              {
                code: 'TAG_INVALID',
                message: `The image tag '${tag}' already exists in the '${repository}' repository and cannot be overwritten because the repository is immutable.`,
              },
            ],
          }),
        );
        return;
      }
    }
    forward(req, res);
  }

  function headUpstream(pathname: string, authorization: string | undefined): Promise<number> {
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: 'HEAD',
          path: pathname,
          headers: { accept: MANIFEST_ACCEPT, ...(authorization ? { authorization } : {}) },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on('error', reject);
      request.end();
    });
  }

  function forward(req: http.IncomingMessage, res: http.ServerResponse): void {
    // Host is kept as the client sent it, so the Location URLs the registry builds point back here.
    const request = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (response) => {
        res.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(res);
      },
    );
    request.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
    req.pipe(request);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
