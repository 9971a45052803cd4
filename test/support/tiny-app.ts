import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * A tiny app to build for real: a static busybox and one text file, FROM scratch, so no base image
 * has to be pulled (there is no Docker Hub here). `extraDockerfile` lines go before the CMD.
 */
export function writeTinyApp(dir: string, text: string, extraDockerfile = ''): string {
  fs.mkdirSync(dir, { recursive: true });
  const busybox = ['/bin/busybox', '/usr/bin/busybox'].find((p) => fs.existsSync(p)) ?? '/bin/busybox';
  fs.copyFileSync(fs.realpathSync(busybox), path.join(dir, 'busybox'));
  fs.writeFileSync(path.join(dir, 'app.txt'), text);
  fs.writeFileSync(
    path.join(dir, 'Dockerfile'),
    [
      'FROM scratch',
      'COPY busybox /bin/busybox',
      'COPY app.txt /app.txt',
      extraDockerfile,
      'CMD ["/bin/busybox", "cat", "/app.txt"]',
      '',
    ].join('\n'),
  );
  return dir;
}
