/**
 * What a task does when it runs a given image. Tests choose a behaviour per image (exact image
 * string or RegExp); unknown images are healthy, like a working release.
 */
export type TaskBehaviour =
  /**
   * Starts, passes its health check after `startSeconds` (default 15) and keeps running; with
   * `exitAfterSeconds` its container exits (code 1) that long after it started, e.g. during a bake time.
   */
  | { kind: 'healthy'; startSeconds?: number; logLines?: string[]; exitAfterSeconds?: number }
  /** Runs for `afterSeconds` (default 5), writes `logLines`, exits with `exitCode` (default 1). */
  | { kind: 'crash'; exitCode?: number; logLines?: string[]; afterSeconds?: number }
  /** The image cannot be pulled: the task stops with TaskFailedToStart before it runs. */
  | { kind: 'pull-error' }
  /** Runs but its container health check fails after `afterSeconds` (default 40); ECS stops it. */
  | { kind: 'health-check-fail'; afterSeconds?: number; logLines?: string[] }
  /** Healthy, only late: health check passes after `startSeconds` (default 600). */
  | { kind: 'slow-start'; startSeconds?: number; logLines?: string[] }
  /**
   * Runs and passes its container health check, but the load balancer's check gets `statusCode`
   * (default 404: a wrong health-check path). Only a service with a target group notices
   * (sim/load-balancer.ts): ECS stops the task with "Task failed ELB health checks in (target-group …)".
   */
  | { kind: 'elb-unhealthy'; statusCode?: number; startSeconds?: number; logLines?: string[] };

export class BehaviourTable {
  private readonly rules: Array<{ image: string | RegExp; behaviour: TaskBehaviour }> = [];

  set(image: string | RegExp, behaviour: TaskBehaviour): void {
    this.rules.push({ image, behaviour });
  }

  /** The most recently set rule that matches wins, so a test can override an earlier choice. */
  forImage(image: string): TaskBehaviour {
    for (let i = this.rules.length - 1; i >= 0; i--) {
      const rule = this.rules[i];
      if (!rule) continue;
      const matches = typeof rule.image === 'string' ? rule.image === image : rule.image.test(image);
      if (matches) return rule.behaviour;
    }
    return { kind: 'healthy' };
  }
}

/** Strapi's own log format: `[2026-11-30 13:20:01.123] info: ...`. */
export function strapiLogLine(at: number, level: 'info' | 'error' | 'warn' | 'http', text: string): string {
  const iso = new Date(at).toISOString();
  return `[${iso.slice(0, 10)} ${iso.slice(11, 23)}] ${level}: ${text}`;
}

export const STRAPI_BOOT_LINES = ['', '> strapi-app@1.0.0 start', '> strapi start', ''];

export function defaultCrashLines(at: number): string[] {
  return [
    strapiLogLine(at, 'error', 'connect ECONNREFUSED 10.0.12.34:5432'),
    'Error: connect ECONNREFUSED 10.0.12.34:5432',
    '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1611:16)',
  ];
}
