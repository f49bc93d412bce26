// Limits that protect the server: request bodies are read only up to a size, and each
// token gets a request rate. Rate state is in this process's memory, per instance: with
// several instances behind a load balancer, each allows the rate (the documented
// exception to "nothing that matters lives in memory"; a lost count costs nothing).

export class BodyTooLarge extends Error {
  constructor(
    /** Whether the whole body was read (and dropped), so the connection can carry another request. */
    readonly drained: boolean,
  ) {
    super('request body too large');
  }
}
export class BodyNotText extends Error {}

/**
 * Reads a request body as UTF-8 text, keeping at most `max` bytes: a bigger body is
 * refused by its Content-Length or, since the header can lie or be absent, by counting.
 * A refused body is still read to its end, up to `drainMax`, and dropped: a client
 * (a browser's fetch among them) that is still sending when the server closes the
 * connection sees a reset instead of the answer that says what was wrong.
 */
export async function readBody(body: ReadableStream<Uint8Array> | null, contentLength: string | undefined, max: number, drainMax = 4 * max): Promise<string> {
  const declared = contentLength !== undefined && /^\d+$/.test(contentLength) ? Number(contentLength) : undefined;
  if (declared !== undefined && declared > drainMax) throw new BodyTooLarge(false);
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > drainMax) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLarge(false);
    }
    if (total <= max && (declared === undefined || declared <= max)) chunks.push(value);
  }
  if (total > max || (declared !== undefined && declared > max)) throw new BodyTooLarge(true);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new BodyNotText();
  }
}

export interface RateDecision {
  ok: boolean;
  /** Whole seconds until the next request would be allowed (when refused). */
  retryAfter: number;
}

/**
 * A token bucket per key: `perMinute` requests in a burst, refilled at `perMinute` a
 * minute. 0 turns the limit off.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  readonly #perMs: number;

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.#perMs = perMinute / 60_000;
  }

  take(key: string): RateDecision {
    if (this.perMinute <= 0) return { ok: true, retryAfter: 0 };
    const now = this.now();
    const bucket = this.#buckets.get(key) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.#perMs);
    bucket.at = now;
    this.#buckets.set(key, bucket);
    if (this.#buckets.size > 10_000) this.#sweep(now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true, retryAfter: 0 };
    }
    return { ok: false, retryAfter: Math.max(1, Math.ceil((1 - bucket.tokens) / this.#perMs / 1000)) };
  }

  /** Forgets full buckets: they hold nothing a new bucket would not. */
  #sweep(now: number): void {
    for (const [key, b] of this.#buckets) {
      if (b.tokens + (now - b.at) * this.#perMs >= this.perMinute) this.#buckets.delete(key);
    }
  }
}
