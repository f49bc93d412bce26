// A sync server is the user's, but the address can be wrong, the server compromised or
// the connection not what it seems: whatever it answers must not break Gloss in this
// browser or put anything into its pages that validation would refuse from the user.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { articleIdentity, formatHlc, MAX_CLOCK_SKEW_MS } from '../../../model';
import { syncOnce } from '../../../entrypoints/background/sync';
import { db } from '../../../storage/db';
import { addNote } from '../../../storage/notes';
import { setSightingSettings } from '../../../storage/sightings';
import { getSyncState, setSyncConfig } from '../../../storage/sync-state';

const TOKEN = `gls_${'A'.repeat(43)}`;
const DEVICE = 'remotedev1';

/** A server that takes every push and answers every pull with `pull` (a body, or a status and body). */
function server(pull: unknown, status = 200): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    if (url.includes('/v1/push')) {
      const body = JSON.parse(String(init?.body)) as { mutations: { id: number }[] };
      return new Response(JSON.stringify({ lastMutationId: body.mutations.at(-1)?.id ?? 0, applied: body.mutations.length }));
    }
    return new Response(typeof pull === 'string' ? pull : JSON.stringify(pull), { status });
  }) as typeof fetch;
}

function stamp(ms: number): string {
  return formatHlc({ wall: ms, counter: 0, node: DEVICE });
}

function page(...changes: object[]) {
  return { changes, cursor: '1', more: false };
}

beforeEach(async () => {
  await db.open();
  await setSyncConfig({ url: 'https://sync.example', token: TOKEN });
});
afterEach(async () => {
  await db.delete();
});

describe('a hostile sync server', () => {
  it('cannot plant reading history with an address that is not http(s), through the record id', async () => {
    await setSightingSettings({ sync: true });
    const now = Date.now();
    const fields = { entity: 'nvidia', count: 3, title: 'Click here', lastSeen: now, createdAt: now, updatedAt: now, deleted: false };
    const clock = Object.fromEntries(Object.keys(fields).map((k) => [k, stamp(now)]));
    for (const address of ['javascript:alert(document.domain)', 'data:text/html,<script>alert(1)</script>', 'chrome://settings']) {
      await syncOnce(server(page({ type: 'sighting', record: `nvidia|${address}`, fields, clock })));
    }
    const rows = await db.sightings.toArray();
    expect(rows.filter((r) => !/^https?:\/\//.test(r.url))).toEqual([]);
  });

  it('cannot plant an article or reading history whose address is not http(s), through the fields', async () => {
    await setSightingSettings({ sync: true });
    const now = Date.now();
    const stamped = (fields: Record<string, unknown>) => Object.fromEntries(Object.keys(fields).map((k) => [k, stamp(now)]));
    const article = { url: 'javascript:alert(1)', title: 'x', site: 'x', published: null, lang: null, createdAt: now, updatedAt: now, deleted: false };
    const sighting = { url: 'data:text/html,x', entity: 'nvidia', count: 1, title: 'x', lastSeen: now, createdAt: now, updatedAt: now, deleted: false };
    for (const change of [
      { type: 'article', record: `a${'0'.repeat(32)}`, fields: article, clock: stamped(article) },
      { type: 'sighting', record: 'nvidia|data:text/html,x', fields: sighting, clock: stamped(sighting) },
      { type: 'sighting', record: 'nvidia|https://news.example/a', fields: sighting, clock: stamped(sighting) },
    ]) {
      expect((await syncOnce(server(page(change)))).ok, JSON.stringify(change.record)).toBe(false);
    }
    expect(await db.articles.count()).toBe(0);
    expect(await db.sightings.count()).toBe(0);
  });

  it('cannot move this browser’s clock so far ahead that its own changes can no longer be stamped', async () => {
    const article = await articleIdentity({ url: 'https://news.example/h20' });
    const ahead = formatHlc({ wall: 999_999_999_999_999, counter: 99_999, node: DEVICE });
    const fields = { body: 'from the future', articleId: article.id, tags: [], entities: [], quote: null, position: null, createdAt: 1, updatedAt: 1, deleted: false };
    const clock = Object.fromEntries(Object.keys(fields).map((k) => [k, ahead]));
    const result = await syncOnce(server(page({ type: 'note', record: '0'.repeat(26), fields, clock })));
    expect(result.ok).toBe(false);
    expect(result.state.lastError).toMatch(/clock/);
    // Nothing of the page was applied, and this browser still writes.
    expect(await db.notes.count()).toBe(0);
    const note = await addNote(article, { title: 'H20', published: null, lang: 'en' }, { body: 'mine' });
    expect(note.body).toBe('mine');
    const own = (await db.kv.get('clock'))!.value as string;
    expect(Number(own.slice(0, 15))).toBeLessThan(Date.now() + MAX_CLOCK_SKEW_MS);
  });

  it('still takes a change from a device whose clock runs a little ahead', async () => {
    const article = await articleIdentity({ url: 'https://news.example/h20' });
    const soon = stamp(Date.now() + 60 * 60_000);
    const fields = { body: 'an hour ahead', articleId: article.id, tags: [], entities: [], quote: null, position: null, createdAt: 1, updatedAt: 1, deleted: false };
    const clock = Object.fromEntries(Object.keys(fields).map((k) => [k, soon]));
    const result = await syncOnce(server(page({ type: 'note', record: '1'.repeat(26), fields, clock })));
    expect(result.ok).toBe(true);
    expect((await db.notes.get('1'.repeat(26)))?.body).toBe('an hour ahead');
  });

  it('cannot stamp a field a record does not have, or hang a clock on the prototype', async () => {
    const now = Date.now();
    const article = await articleIdentity({ url: 'https://news.example/h20' });
    const fields = { url: article.url, title: 'x', site: 'news.example', published: null, lang: null, createdAt: now, updatedAt: now, deleted: false };
    const clock = { ...Object.fromEntries(Object.keys(fields).map((k) => [k, stamp(now)])), notAField: stamp(now) };
    expect((await syncOnce(server(page({ type: 'article', record: article.id, fields, clock })))).ok).toBe(false);
    const polluted = `{"changes":[{"type":"article","record":"${article.id}","fields":${JSON.stringify(fields)},"clock":{"__proto__":"${stamp(now)}","title":"${stamp(now)}"}}],"cursor":"1","more":false}`;
    expect((await syncOnce(server(polluted))).ok).toBe(false);
    expect(await db.articles.count()).toBe(0);
  });

  it('keeps what the server says about a refusal short', async () => {
    const result = await syncOnce(server({ error: 'x'.repeat(5_000_000) }, 500));
    expect(result.ok).toBe(false);
    expect(result.state.lastError!.length).toBeLessThan(1000);
    expect((await getSyncState()).lastError!.length).toBeLessThan(1000);
  });

  it('stops reading an answer far larger than any page of the protocol', async () => {
    let sent = 0;
    const endless = (async (input: RequestInfo | URL) => {
      if (String(input).includes('/v1/push')) return new Response('{"lastMutationId":0,"applied":0}');
      const chunk = new TextEncoder().encode('x'.repeat(1 << 20));
      // An answer that never ends (a server streaming forever, or gigabytes of it).
      return new Response(new ReadableStream({ pull: (c) => { sent += chunk.length; c.enqueue(chunk); } }));
    }) as typeof fetch;
    const result = await syncOnce(endless);
    expect(result.ok).toBe(false);
    expect(result.state.lastError).toMatch(/too large/);
    expect(sent).toBeLessThan(100 * (1 << 20));
  });

  it('ends a sync whose server always says more is coming', async () => {
    let pulls = 0;
    const forever = (async (input: RequestInfo | URL) => {
      if (String(input).includes('/v1/push')) return new Response('{"lastMutationId":0,"applied":0}');
      pulls++;
      return new Response(JSON.stringify({ changes: [], cursor: String(pulls), more: true }));
    }) as typeof fetch;
    const result = await syncOnce(forever);
    expect(pulls).toBeLessThanOrEqual(1000);
    // What was pulled is kept; the next sync (a moment later) goes on from there.
    expect(result.result.more).toBe(true);
    expect(result.state.cursor).toBe(String(pulls));
  });

  it('cannot put automatic sync off for years with Retry-After', async () => {
    const slow = (async () => new Response('{"error":"busy"}', { status: 429, headers: { 'retry-after': '999999999' } })) as typeof fetch;
    const before = Date.now();
    const result = await syncOnce(slow);
    expect(result.ok).toBe(false);
    expect(result.state.nextAttemptAt! - before).toBeLessThanOrEqual(60 * 60_000 + 1000);
  });

  it('refuses answers of the wrong shape without writing anything', async () => {
    for (const body of ['[]', 'null', '"changes"', '{"changes":{},"cursor":"1"}', '{"changes":[],"cursor":7}', '{"changes":[null],"cursor":"1"}', '{"changes":[{"type":"note","record":{},"fields":{},"clock":{}}],"cursor":"1"}']) {
      const result = await syncOnce(server(body));
      expect(result.ok, body).toBe(false);
    }
    expect((await getSyncState()).cursor).toBe('');
    expect(await db.notes.count()).toBe(0);
  });
});
