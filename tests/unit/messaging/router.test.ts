import { describe, expect, it, vi } from 'vitest';
import { classifySender, createRouter, type Handlers } from '../../../messaging/router';
import { requestSenders } from '../../../messaging/schemas';

const RUNTIME = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${RUNTIME}`;
const page = { id: RUNTIME, url: 'https://news.example/article', tab: { id: 7 }, frameId: 0 };
const popup = { id: RUNTIME, url: `${ORIGIN}/popup.html` };

function handlers(): Handlers {
  return {
    'page.dictionary': vi.fn(async () => ({ id: 'd', encoded: 'x', muted: [], hidden: [], settings: { siteOff: false, paused: false, mode: 'all' as const, hiddenKinds: [] } })),
    'page.card': vi.fn(async () => null),
    'page.mentions': vi.fn(async () => ({ stored: 1 })),
    'ui.tabMentions': vi.fn(async () => null),
    'ui.tabStatus': vi.fn(async () => ({ reported: false, site: null, openBeforeInstall: false })),
    'ui.importPack': vi.fn(async () => ({ ok: true as const, id: 'p', version: '1', replaced: false })),
    'ui.removePack': vi.fn(async ({ id }) => ({ removed: id })),
    'ui.setPackPrivate': vi.fn(async ({ private: p }) => ({ private: p })),
    'ui.setMuted': vi.fn(async ({ muted }) => ({ muted })),
    'ui.setEntityNote': vi.fn(async () => ({ saved: true })),
    'page.notes': vi.fn(async () => ({ articleId: 'a'.padEnd(33, '0'), notes: [] })),
    'page.addNote': vi.fn(async () => ({ id: 'n'.repeat(26) })),
    'page.noteStatus': vi.fn(async () => ({ stored: 0 })),
    'page.anchor': vi.fn(async () => ({ found: [] })),
    'ui.saveNote': vi.fn(async () => ({ id: 'n'.repeat(26) })),
    'ui.deleteNote': vi.fn(async ({ id }) => ({ deleted: id })),
    'ui.undeleteNote': vi.fn(async ({ id }) => ({ restored: id })),
    'ui.deleteAllNotes': vi.fn(async () => ({ deleted: 0 })),
    'ui.restoreRevision': vi.fn(async ({ id }) => ({ restored: id })),
    'ui.dismissRevision': vi.fn(async ({ id }) => ({ dismissed: id })),
    'ui.importNotes': vi.fn(async () => ({ ok: true as const, format: 'gloss' as const, added: 0, restored: 0, duplicates: 0 })),
    'ui.setSightingSettings': vi.fn(async () => ({ enabled: true, retentionDays: 90, sync: false })),
    'ui.clearSightings': vi.fn(async () => ({ cleared: 0 })),
    'ui.siteSettings': vi.fn(async () => ({ site: null, effective: null, everywhere: { off: false, mode: 'all' as const, hiddenKinds: [] } })),
    'ui.setSiteSetting': vi.fn(async () => ({ site: null, effective: null, everywhere: { off: false, mode: 'all' as const, hiddenKinds: [] } })),
    'ui.syncStatus': vi.fn(async () => ({ configured: false, pending: 0, rejected: [] })),
    'ui.setSync': vi.fn(async () => ({ configured: true, pending: 0, rejected: [] })),
    'ui.syncNow': vi.fn(async () => ({ configured: true, pending: 0, rejected: [] })),
    'ui.stopSync': vi.fn(async () => ({ configured: false, pending: 0, rejected: [] })),
  };
}

describe('sender classification', () => {
  it('tells extension pages from content scripts by the sender URL the browser reports', () => {
    expect(classifySender(popup, RUNTIME, ORIGIN)).toEqual({ kind: 'extension', url: popup.url });
    expect(classifySender(page, RUNTIME, ORIGIN)).toEqual({ kind: 'page', tabId: 7, url: page.url, frameId: 0, incognito: false });
  });

  it('recognises nobody else', () => {
    expect(classifySender({ ...page, id: 'another-extension' }, RUNTIME, ORIGIN)).toBeUndefined();
    expect(classifySender({ id: RUNTIME, url: 'file:///etc/passwd', tab: { id: 1 } }, RUNTIME, ORIGIN)).toBeUndefined();
    expect(classifySender({ id: RUNTIME, url: 'https://news.example/' }, RUNTIME, ORIGIN)).toBeUndefined();
    expect(classifySender({ id: RUNTIME }, RUNTIME, ORIGIN)).toBeUndefined();
  });
});

describe('router', () => {
  it('passes a valid request from the right sender to its handler', async () => {
    const h = handlers();
    const route = createRouter(h, RUNTIME, ORIGIN);
    const reply = await route({ type: 'page.card', payload: { entity: 'h20', lang: 'el-GR' } }, page);
    expect(reply).toEqual({ ok: true, result: null });
    expect(h['page.card']).toHaveBeenCalledWith({ entity: 'h20', lang: 'el-GR' }, expect.objectContaining({ kind: 'page', tabId: 7 }));
  });

  it('refuses privileged requests from a web page, even one that speaks the protocol', async () => {
    const h = handlers();
    const route = createRouter(h, RUNTIME, ORIGIN);
    for (const message of [
      { type: 'ui.importPack', payload: { json: '{}' } },
      { type: 'ui.removePack', payload: { id: 'gloss-core' } },
      { type: 'ui.setMuted', payload: { entity: 'nvidia', muted: true } },
      { type: 'ui.tabMentions', payload: { tabId: 1 } },
      { type: 'ui.setEntityNote', payload: { entity: 'nvidia', note: 'x' } },
    ]) {
      const reply = await route(message, page);
      expect(reply).toEqual({ ok: false, error: expect.stringContaining('not allowed from a web page') });
    }
    expect(h['ui.importPack']).not.toHaveBeenCalled();
    expect(h['ui.removePack']).not.toHaveBeenCalled();
  });

  it('accepts every privileged request only from extension pages, whatever the payload', async () => {
    const h = handlers();
    const route = createRouter(h, RUNTIME, ORIGIN);
    const privileged = Object.entries(requestSenders).filter(([, who]) => who === 'extension').map(([type]) => type);
    expect(privileged).toEqual(expect.arrayContaining(['ui.saveNote', 'ui.deleteAllNotes', 'ui.importNotes', 'ui.clearSightings', 'ui.setSync', 'ui.syncNow']));
    for (const type of privileged) {
      expect(await route({ type, payload: {} }, page)).toEqual({ ok: false, error: `${type}: not allowed from a web page` });
    }
    for (const fn of Object.values(h)) expect(fn).not.toHaveBeenCalled();
  });

  it('refuses page requests from extension pages (they read IndexedDB themselves)', async () => {
    const route = createRouter(handlers(), RUNTIME, ORIGIN);
    expect(await route({ type: 'page.mentions', payload: { title: '', mentions: [] } }, popup)).toMatchObject({ ok: false });
  });

  it('validates payloads and names the field', async () => {
    const h = handlers();
    const route = createRouter(h, RUNTIME, ORIGIN);
    const bad = [
      { type: 'page.card', payload: { entity: '../../etc', lang: 'en' } },
      { type: 'page.card', payload: { entity: 'h20', lang: 'en', extra: 1 } },
      { type: 'page.mentions', payload: { title: 'x', mentions: [{ entity: 'h20', count: -1, text: 'H20' }] } },
      { type: 'page.mentions', payload: { title: 'x'.repeat(5000), mentions: [] } },
      { type: 'page.card', payload: null },
    ];
    for (const message of bad) expect(await route(message, page)).toMatchObject({ ok: false, error: expect.stringContaining('invalid request') });
    expect(h['page.card']).not.toHaveBeenCalled();
    expect(h['page.mentions']).not.toHaveBeenCalled();
  });

  it('sends a sync token over plain http only to this machine or the local network', async () => {
    const h = handlers();
    const route = createRouter(h, RUNTIME, ORIGIN);
    const token = `gls_${'a'.repeat(43)}`;
    const setSync = (url: string) => route({ type: 'ui.setSync', payload: { url, token } }, popup);
    for (const url of ['https://sync.example.org', 'http://127.0.0.1:8787', 'http://localhost:8787', 'http://sync.localhost', 'http://[::1]:8787', 'http://192.168.1.20:8787', 'http://10.0.0.2', 'http://172.20.0.5', 'http://nas.local:8787', 'http://nas:8787', 'http://sync.home.arpa', 'http://[fd12::1]']) {
      expect(await setSync(url), url).toMatchObject({ ok: true });
    }
    for (const url of ['http://sync.example.org', 'http://203.0.113.5:8787', 'http://172.32.0.1', 'http://[2001:db8::1]', 'http://localhost.example.com', 'ftp://sync.example.org', 'javascript:alert(1)']) {
      expect(await setSync(url), url).toMatchObject({ ok: false, error: expect.stringContaining('invalid request at url') });
    }
  });

  it('refuses prototype keys and fields a request does not have, at any depth', async () => {
    const h = handlers();
    const route = createRouter(h, RUNTIME, ORIGIN);
    for (const raw of [
      '{"type":"page.card","payload":{"entity":"h20","lang":"en","__proto__":{"polluted":true}}}',
      '{"type":"page.card","payload":{"entity":"h20","lang":"en","constructor":{"prototype":{"polluted":true}}}}',
      '{"type":"page.notes","payload":{"meta":{"__proto__":{"canonical":"https://elsewhere.example/"}}}}',
      '{"type":"page.addNote","payload":{"meta":{},"title":"t","body":"b","tags":[],"entities":[],"quote":{"exact":"x","prefix":"","suffix":"","__proto__":{}},"position":null}}',
    ]) {
      expect(await route(JSON.parse(raw), page), raw).toMatchObject({ ok: false, error: expect.stringContaining('invalid request') });
    }
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    for (const fn of Object.values(h)) expect(fn).not.toHaveBeenCalled();
  });

  it('refuses huge strings and lists before a handler sees them', async () => {
    const h = handlers();
    const route = createRouter(h, RUNTIME, ORIGIN);
    const huge = [
      { type: 'page.mentions', payload: { title: 't', mentions: Array.from({ length: 5001 }, () => ({ entity: 'h20', count: 1, text: 'H20' })) } },
      { type: 'page.addNote', payload: { meta: {}, title: 't', body: 'x'.repeat(20_001), tags: [], entities: [], quote: null, position: null } },
      { type: 'page.addNote', payload: { meta: { canonical: 'x'.repeat(2001) }, title: 't', body: 'b', tags: [], entities: [], quote: null, position: null } },
      { type: 'page.anchor', payload: { text: 'x'.repeat(2_000_001), quotes: [] } },
      { type: 'page.noteStatus', payload: { orphaned: Array.from({ length: 10_001 }, () => 'n'.repeat(26)) } },
    ];
    for (const message of huge) expect(await route(message, page), message.type).toMatchObject({ ok: false, error: expect.stringContaining('invalid request') });
    for (const fn of Object.values(h)) expect(fn).not.toHaveBeenCalled();
  });

  it('refuses unknown or malformed messages', async () => {
    const route = createRouter(handlers(), RUNTIME, ORIGIN);
    for (const message of [null, 'hello', { type: 'page.eval' }, { type: '__proto__' }, { type: 'toString', payload: {} }]) {
      expect(await route(message, page)).toEqual({ ok: false, error: 'unknown request' });
    }
  });

  it('reports a handler failure as an error reply', async () => {
    const h = handlers();
    h['ui.removePack'] = async () => {
      throw new Error('"gloss-core" comes with Gloss and cannot be removed');
    };
    const route = createRouter(h, RUNTIME, ORIGIN);
    expect(await route({ type: 'ui.removePack', payload: { id: 'gloss-core' } }, popup)).toEqual({
      ok: false,
      error: 'ui.removePack: "gloss-core" comes with Gloss and cannot be removed',
    });
  });
});
