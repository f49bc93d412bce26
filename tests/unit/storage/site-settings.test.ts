import { afterEach, beforeEach, expect, it } from 'vitest';
import { db } from '../../../storage/db';
import { effectiveSettings, EVERYWHERE, setSiteSetting, settingsSite } from '../../../storage/site-settings';

beforeEach(async () => {
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

it('turns a site off on its own and everything else everywhere, and queues each change for sync', async () => {
  expect(await effectiveSettings('news.example')).toEqual({ siteOff: false, paused: false, mode: 'all', hiddenKinds: [] });
  await setSiteSetting(EVERYWHERE, { mode: 'first', hiddenKinds: ['person'] });
  await setSiteSetting('news.example', { off: true });
  expect(await effectiveSettings('news.example')).toEqual({ siteOff: true, paused: false, mode: 'first', hiddenKinds: ['person'] });
  await setSiteSetting('news.example', { off: false });
  await setSiteSetting(EVERYWHERE, { off: true });
  expect(await effectiveSettings('news.example')).toEqual({ siteOff: false, paused: true, mode: 'first', hiddenKinds: ['person'] });
  expect(await effectiveSettings('other.example')).toMatchObject({ siteOff: false, paused: true, mode: 'first' });
  expect((await db.outbox.toArray()).map((e) => [e.type, e.record])).toEqual([
    ['siteSetting', '*'],
    ['siteSetting', 'news.example'],
  ]);
  expect(settingsSite('https://www.news.example/a?b=1')).toBe('news.example');
});
