import { errorMessage } from '../core/errors';
import { pollUntil } from '../core/poll';
import type { SmokeTestInputs } from './release-check-inputs';
import type { EngineDeps } from './types';

/** Strapi's health route answers 204 No Content when the server is up (@strapi/strapi, `/_health`). */
export const HEALTH_PATH = '/_health';
/** Seconds between two looks: new targets pass the load balancer's health check within a few intervals. */
const LOOK_EVERY_MS = 5_000;
/** One request's own bound (real time): a load balancer that holds a request longer is not answering. */
const REQUEST_TIMEOUT_MS = 10_000;
/** Characters of a failed answer's body shown; headers are never shown (cookies, tokens). */
const EXCERPT_CHARS = 160;

/** The little of an HTTP client a smoke test needs; the default is Node's fetch. */
export type HttpGet = (
  url: string,
  init: { headers: Record<string, string>; signal: AbortSignal },
) => Promise<{ status: number; text(): Promise<string> }>;

const fetchGet: HttpGet = (url, init) => fetch(url, { ...init, redirect: 'follow' });

export interface SmokeCheck {
  method: 'GET';
  url: string;
  /** What passes: `204` or `2xx`. */
  expected: '204' | '2xx';
  status?: number;
  /** The connection failed or timed out. */
  error?: string;
  /** The start of the body of an answer that did not pass. */
  excerpt?: string;
  ok: boolean;
}

export type SmokeTestVerdict = 'passed' | 'failed' | 'cancelled';

export interface SmokeTestOutcome {
  verdict: SmokeTestVerdict;
  reason: string;
  /** Clock ms. */
  startedAt: number;
  endedAt: number;
  looks: number;
  /** The checks of the last look. */
  checks: SmokeCheck[];
}

function excerptOf(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS)}…` : flat;
}

function connectionError(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return `no answer in ${REQUEST_TIMEOUT_MS / 1000} s`;
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  return `could not connect (${cause?.code ?? cause?.message ?? errorMessage(error)})`;
}

/** One check's words: `GET https://…/api/articles answered 500: {"error":…}`. */
export function describeCheck(check: SmokeCheck): string {
  const head = `${check.method} ${check.url}`;
  if (check.error) return `${head}: ${check.error}`;
  const body = check.excerpt ? `: ${check.excerpt}` : '';
  return check.ok
    ? `${head} ${check.status}`
    : `${head} answered ${check.status}, expected ${check.expected}${body}`;
}

async function get(
  http: HttpGet,
  url: string,
  expected: SmokeCheck['expected'],
  headers: Record<string, string>,
  signal: AbortSignal | undefined,
): Promise<SmokeCheck> {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  const check: SmokeCheck = { method: 'GET', url, expected, ok: false };
  try {
    const answer = await http(url, {
      headers: { accept: 'application/json', 'user-agent': 'strapi-deploy smoke test', ...headers },
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    check.status = answer.status;
    check.ok = expected === '204' ? answer.status === 204 : answer.status >= 200 && answer.status < 300;
    if (!check.ok) check.excerpt = excerptOf(await answer.text().catch(() => ''));
  } catch (error) {
    check.error = connectionError(error);
  }
  return check;
}

/**
 * GETs `/_health` (204) and, when given, the content path (2xx, with the bearer token) through the load
 * balancer, once per look every 5 s until both pass or `timeoutSeconds` ran out. New tasks need a
 * moment before the load balancer routes to them, so a failed look is a progress line, and only the
 * last look decides. The reason names the URL, the status and the start of the body, never a header.
 */
export async function runSmokeTest(
  deps: Pick<EngineDeps, 'clock' | 'reporter' | 'signal'>,
  check: SmokeTestInputs,
  http: HttpGet = fetchGet,
): Promise<SmokeTestOutcome> {
  const { clock, reporter } = deps;
  const startedAt = clock.now();
  let checks: SmokeCheck[] = [];
  let looks = 0;
  const waited = await pollUntil(
    clock,
    {
      every: LOOK_EVERY_MS,
      deadline: startedAt + check.timeoutSeconds * 1000,
      ...(deps.signal ? { signal: deps.signal } : {}),
    },
    async () => {
      looks++;
      checks = [await get(http, check.baseUrl + HEALTH_PATH, '204', {}, deps.signal)];
      if (checks[0]?.ok && check.contentPath !== undefined) {
        const auth: Record<string, string> = check.bearerToken
          ? { authorization: `Bearer ${check.bearerToken}` }
          : {};
        checks.push(await get(http, check.baseUrl + check.contentPath, '2xx', auth, deps.signal));
      }
      const failed = checks.find((c) => !c.ok);
      if (!failed) return { done: true, value: checks };
      reporter.info(
        `Smoke test, look ${looks} (${Math.round((clock.now() - startedAt) / 1000)} s): ${describeCheck(failed)}`,
      );
      return { done: false };
    },
  );
  const endedAt = clock.now();
  const took = `${Math.round((endedAt - startedAt) / 1000)} s`;
  const outcome = { startedAt, endedAt, looks, checks };
  if (waited.status === 'done') {
    return {
      ...outcome,
      verdict: 'passed',
      reason: `Smoke test passed after ${took}: ${checks.map(describeCheck).join(', ')}.`,
    };
  }
  if (waited.status === 'cancelled') {
    return { ...outcome, verdict: 'cancelled', reason: 'The run was cancelled during the smoke test.' };
  }
  const failed = checks.find((c) => !c.ok);
  return {
    ...outcome,
    verdict: 'failed',
    reason: `Smoke test failed for ${took} (${looks} looks): ${failed ? describeCheck(failed) : 'no answer'}.`,
  };
}
