// The HTTP side of protocol version 1 (docs/sync-protocol.md): health without a token,
// push and pull with one. Every answer is JSON; every refusal is {"error": "..."} with
// a status that says which limit or rule it was. Tokens and Authorization headers are
// never logged.

import { Hono, type Context } from 'hono';
import {
  checkPush,
  hlcWall,
  MAX_CLOCK_SKEW_MS,
  MAX_PUSH_MUTATIONS,
  MAX_REQUEST_BYTES,
  PROTOCOL_VERSION,
  PULL_PAGE_SIZE,
  type Mutation,
} from '../../model';
import { authenticate } from './auth';
import { BodyNotText, BodyTooLarge, RateLimiter, readBody } from './limits';
import type { Store } from './store/store';

export interface AppOptions {
  store: Store;
  /** Requests per minute per token; 0 for no limit. */
  rate: number;
  now?: () => number;
  /** Where unexpected failures are reported. */
  logError?: (message: string) => void;
}

type Env = { Variables: { userId: string } };

const CURSOR_RE = /^(0|[1-9][0-9]{0,15})$/;

export function createApp(options: AppOptions): Hono<Env> {
  const { store } = options;
  const now = options.now ?? Date.now;
  const limiter = new RateLimiter(options.rate, now);
  const logError = options.logError ?? ((m: string) => console.error(m));
  const app = new Hono<Env>();
  const refuse = (c: Context, status: 400 | 401 | 404 | 405 | 413 | 429, error: string) => c.json({ error }, status);

  app.get('/v1/health', (c) => c.json({ ok: true, protocol: PROTOCOL_VERSION }));

  // Everything else needs a valid token, known paths or not, so nothing about the server shows without one.
  app.use('*', async (c, next) => {
    const auth = await authenticate(store, c.req.header('authorization'));
    if (!auth.ok) return refuse(c, 401, auth.message);
    const rate = limiter.take(auth.key);
    if (!rate.ok) {
      c.header('Retry-After', String(rate.retryAfter));
      return refuse(c, 429, `too many requests: at most ${options.rate} a minute per token; retry after ${rate.retryAfter} s`);
    }
    c.set('userId', auth.userId);
    await next();
  });

  app.post('/v1/push', async (c) => {
    let text: string;
    try {
      text = await readBody(c.req.raw.body, c.req.header('content-length'), MAX_REQUEST_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        if (!error.drained) c.header('Connection', 'close');
        return refuse(c, 413, `request body too large: at most ${MAX_REQUEST_BYTES} bytes; split the push`);
      }
      if (error instanceof BodyNotText) return refuse(c, 400, 'request body is not UTF-8 text');
      throw error;
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      return refuse(c, 400, `request body is not JSON: ${(error as Error).message}`);
    }
    const count = (body as { mutations?: unknown } | null)?.mutations;
    if (Array.isArray(count) && count.length > MAX_PUSH_MUTATIONS) {
      return refuse(c, 413, `too many mutations: ${count.length} in one push, at most ${MAX_PUSH_MUTATIONS}; split the push`);
    }
    const checked = checkPush(body);
    if (!checked.ok) return refuse(c, 400, checked.message);
    const skew = clockTooFarAhead(checked.value.mutations, now());
    if (skew) return refuse(c, 400, skew);
    const result = await store.push(c.get('userId'), checked.value.clientId, checked.value.mutations, now());
    return c.json(result);
  });

  app.get('/v1/pull', async (c) => {
    const cursor = c.req.query('cursor') ?? '0';
    if (!CURSOR_RE.test(cursor) || !Number.isSafeInteger(Number(cursor))) {
      return refuse(c, 400, `bad cursor ${JSON.stringify(cursor.slice(0, 40))}: give back the "cursor" of the last pull, or none to start from the beginning`);
    }
    const page = await store.pull(c.get('userId'), Number(cursor), PULL_PAGE_SIZE, MAX_REQUEST_BYTES);
    // The stored JSON goes out as it is: no parsing and re-serialising of every record.
    const changes = page.changes.map((ch) => `{"type":${JSON.stringify(ch.type)},"record":${JSON.stringify(ch.record)},"fields":${ch.fields},"clock":${ch.clock}}`);
    return c.body(`{"changes":[${changes.join(',')}],"cursor":"${page.cursor}","more":${page.more}}`, 200, { 'content-type': 'application/json; charset=utf-8' });
  });

  app.all('/v1/push', (c) => {
    c.header('Allow', 'POST');
    return refuse(c, 405, `${c.req.method} is not allowed here: push is POST /v1/push`);
  });
  app.all('/v1/pull', (c) => {
    c.header('Allow', 'GET');
    return refuse(c, 405, `${c.req.method} is not allowed here: pull is GET /v1/pull`);
  });
  app.notFound((c) => refuse(c, 404, `no such endpoint: ${c.req.method} ${new URL(c.req.url).pathname}`));
  app.onError((error, c) => {
    logError(`gloss-sync: ${c.req.method} ${new URL(c.req.url).pathname} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return c.json({ error: 'internal error; retrying is safe' }, 500);
  });
  return app;
}

/** A device with its clock set far ahead would win every edit until real time caught up. */
function clockTooFarAhead(mutations: readonly Mutation[], now: number): string | undefined {
  const limit = now + MAX_CLOCK_SKEW_MS;
  for (const [i, m] of mutations.entries()) {
    const stamps: [string, string][] = [['hlc', m.hlc], ...Object.entries(m.base ?? {}).flatMap(([k, s]): [string, string][] => (s ? [[`base.${k}`, s]] : []))];
    for (const [where, stamp] of stamps) {
      const wall = hlcWall(stamp);
      if (wall > limit) {
        const hours = ((wall - now) / 3_600_000).toFixed(1);
        return `mutations[${i}].${where}: clock stamp is ${hours} hours ahead of the server's time (at most ${MAX_CLOCK_SKEW_MS / 3_600_000}); check the device's clock`;
      }
    }
  }
  return undefined;
}
