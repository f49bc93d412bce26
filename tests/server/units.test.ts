// The server's pure parts, without a process: the rate limiter, the body reader, the
// push's merge loop and the token checks.

import { describe, expect, it } from 'vitest';
import { revisionId, type Mutation } from '../../model';
import { authenticate, hashToken, isTokenFormat, newToken } from '../../server/src/auth';
import { BodyNotText, BodyTooLarge, RateLimiter, readBody } from '../../server/src/limits';
import { applyMutations, recordKey, type RecordKey, type StoredRecord } from '../../server/src/store/apply';
import type { Store, TokenRow } from '../../server/src/store/store';
import { stamp } from './support';

const stream = (...parts: string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const p of parts) controller.enqueue(new TextEncoder().encode(p));
      controller.close();
    },
  });

describe('RateLimiter', () => {
  it('allows a burst of the rate, then refills at the rate, per key', () => {
    let now = 0;
    const limiter = new RateLimiter(60, () => now);
    for (let i = 0; i < 60; i++) expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a')).toEqual({ ok: false, retryAfter: 1 });
    expect(limiter.take('b').ok).toBe(true);
    now += 1000;
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
  });

  it('says how long to wait at a slow rate, and 0 turns it off', () => {
    let now = 0;
    const slow = new RateLimiter(2, () => now);
    slow.take('k');
    slow.take('k');
    expect(slow.take('k')).toEqual({ ok: false, retryAfter: 30 });
    now += 10_000;
    expect(slow.take('k')).toEqual({ ok: false, retryAfter: 20 });
    const off = new RateLimiter(0, () => now);
    for (let i = 0; i < 1000; i++) expect(off.take('k').ok).toBe(true);
  });
});

describe('readBody', () => {
  it('reads text up to the limit', async () => {
    expect(await readBody(stream('{"a":', '1}'), undefined, 10)).toBe('{"a":1}');
    expect(await readBody(null, undefined, 10)).toBe('');
  });

  it('refuses by Content-Length without reading, past what it would drain', async () => {
    const error = await readBody(stream('x'), '1000', 10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BodyTooLarge);
    expect((error as BodyTooLarge).drained).toBe(false);
  });

  it('counts when the length is not declared, and drains a body that is not too far over', async () => {
    const drained = await readBody(stream('12345', '67890', 'abc'), undefined, 10).catch((e: unknown) => e);
    expect(drained).toBeInstanceOf(BodyTooLarge);
    expect((drained as BodyTooLarge).drained).toBe(true);
    const huge = await readBody(stream(...Array.from({ length: 10 }, () => 'x'.repeat(10))), undefined, 10).catch((e: unknown) => e);
    expect((huge as BodyTooLarge).drained).toBe(false);
  });

  it('refuses bytes that are not UTF-8', async () => {
    const bad = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new Uint8Array([0x22, 0xc3, 0x28, 0x22]));
        c.close();
      },
    });
    await expect(readBody(bad, undefined, 10)).rejects.toBeInstanceOf(BodyNotText);
  });
});

describe('applyMutations', () => {
  const memory = (records: StoredRecord[]) => {
    const loads: RecordKey[][] = [];
    const byKey = new Map(records.map((r) => [recordKey(r.type, r.id), r]));
    const load = async (keys: readonly RecordKey[]) => {
      loads.push([...keys]);
      return keys.flatMap((k) => byKey.get(recordKey(k.type, k.id)) ?? []);
    };
    return { load, loads };
  };
  const note = 'n'.repeat(26);

  it('returns each changed record once, in the order of its last change', async () => {
    const { load, loads } = memory([]);
    const m = (id: number, type: 'mute', record: string, hlc: string, fields: Record<string, unknown>): Mutation => ({ id, type, record, hlc, fields });
    const out = await applyMutations(
      [m(1, 'mute', 'a', stamp('devicexx', 0, 1), { entity: 'a' }), m(2, 'mute', 'b', stamp('devicexx', 0, 2), { entity: 'b' }), m(3, 'mute', 'a', stamp('devicexx', 0, 3), { deleted: true })],
      load,
      5,
    );
    expect(out.map((r) => [r.id, r.fields])).toEqual([
      ['b', { entity: 'b' }],
      ['a', { entity: 'a', deleted: true }],
    ]);
    // One load for every target of the push.
    expect(loads).toHaveLength(1);
    expect(loads[0]!.map((k) => k.id)).toEqual(['a', 'b']);
  });

  it('keeps a losing text as a revision stamped with the mutation, without undoing a deletion of it', async () => {
    const h0 = stamp('deviceaa', 0);
    const hLater = stamp('devicebb', 2000);
    const hEarlier = stamp('deviceaa', 1000);
    const stored: StoredRecord = { type: 'note', id: note, fields: { body: 'later text' }, clock: { body: hLater } };
    const { load, loads } = memory([stored]);
    const out = await applyMutations([{ id: 1, type: 'note', record: note, hlc: hEarlier, fields: { body: 'earlier text' }, base: { body: h0 } }], load, 42);
    const revId = revisionId('note', note, hEarlier);
    expect(out).toEqual([
      {
        type: 'revision',
        id: revId,
        fields: { targetType: 'note', targetId: note, field: 'body', value: 'earlier text', hlc: hEarlier, createdAt: 42, updatedAt: 42, deleted: false },
        clock: Object.fromEntries(['targetType', 'targetId', 'field', 'value', 'hlc', 'createdAt', 'updatedAt', 'deleted'].map((k) => [k, hEarlier])),
      },
    ]);
    // The revision was looked up when it appeared.
    expect(loads[1]).toEqual([{ type: 'revision', id: revId }]);

    const deleted: StoredRecord = { ...out[0]!, fields: { ...out[0]!.fields, deleted: true }, clock: { ...out[0]!.clock, deleted: stamp('deviceaa', 5000) } };
    const again = await applyMutations([{ id: 2, type: 'note', record: note, hlc: hEarlier, fields: { body: 'earlier text' }, base: { body: h0 } }], memory([stored, deleted]).load, 43);
    expect(again).toEqual([]);
  });
});

describe('tokens', () => {
  const token = newToken();
  const row: TokenRow = { hash: hashToken(token), userId: 'u1', revoked: false };
  const store = (found: TokenRow | undefined) => ({ findToken: async () => found }) as unknown as Store;

  it('are gls_ and 32 random bytes, stored as SHA-256', () => {
    expect(token).toMatch(/^gls_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token.slice(4), 'base64url')).toHaveLength(32);
    expect(newToken()).not.toBe(token);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(isTokenFormat(`${token}x`)).toBe(false);
  });

  it('authenticate a valid token and refuse the rest', async () => {
    expect(await authenticate(store(row), `Bearer ${token}`)).toEqual({ ok: true, userId: 'u1', key: row.hash });
    expect(await authenticate(store(row), undefined)).toMatchObject({ ok: false, message: expect.stringMatching(/missing/) });
    expect(await authenticate(store(row), `Basic ${token}`)).toMatchObject({ ok: false, message: expect.stringMatching(/malformed/) });
    expect(await authenticate(store(undefined), `Bearer ${token}`)).toMatchObject({ ok: false, message: 'unknown token' });
    expect(await authenticate(store({ ...row, revoked: true }), `Bearer ${token}`)).toMatchObject({ ok: false, message: expect.stringMatching(/revoked/) });
    // A store that hands back a different hash (a lookup gone wrong) is not trusted.
    expect(await authenticate(store({ ...row, hash: hashToken(newToken()) }), `Bearer ${token}`)).toMatchObject({ ok: false, message: 'unknown token' });
  });
});
