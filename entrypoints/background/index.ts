import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createRouter, originOf } from '../../messaging/router';
import type { Broadcast } from '../../messaging/protocol';
import { corePack } from '../../knowledge/core';
import { applyPackFile, ensureBundledPacks } from '../../storage/packs';
import { pruneSightings } from '../../storage/sightings';
import { updateSyncState } from '../../storage/sync-state';
import { createHandlers, tabKey } from './handlers';
import { SyncScheduler } from './sync-schedule';

const ADD_NOTE = 'add-note';

export default defineBackground(() => {
  // Bundled packs are (re)installed on every start when their version went up, so an
  // update needs no special path and a wiped database heals itself.
  const ready = installBundled();
  const sync = new SyncScheduler(ready, async (result) => {
    // What arrived from other browsers reaches open pages like a change made here.
    let packsChanged = false;
    for (const id of new Set(result.packs)) {
      const applied = await applyPackFile(id);
      packsChanged ||= applied.changed;
      if (applied.error) await updateSyncState({ lastError: applied.error, lastErrorAt: Date.now() });
    }
    if (packsChanged) await events.dictionaryChanged();
    if (result.changedTypes.has('mute')) await events.mutesChanged();
    if (['note', 'article', 'revision'].some((t) => result.changedTypes.has(t))) await events.notesChanged();
  });
  const { handlers, events } = createHandlers(ready, { changed: () => sync.soon(), syncNow: () => sync.run(true) });
  const route = createRouter(handlers, browser.runtime.id, originOf(browser.runtime.getURL('/')));

  browser.runtime.onMessage.addListener((message, sender) => route(message, sender));
  browser.tabs.onRemoved.addListener((tabId) => {
    void browser.storage.session.remove(tabKey(tabId));
  });

  // "Add a note" on selected text: the keyboard shortcut and the context menu ask the
  // page's content script to open its composer for the current selection.
  const askToNote = (tabId: number | undefined, frameId?: number): void => {
    if (tabId === undefined) return;
    const message: Broadcast = { type: 'gloss.addNote' };
    void browser.tabs.sendMessage(tabId, message, frameId === undefined ? undefined : { frameId }).catch(() => undefined);
  };
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === ADD_NOTE) askToNote(tab?.id);
  });
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create(
      {
        id: ADD_NOTE,
        title: browser.i18n.getMessage('menuAddNote') || 'Add a Gloss note to the selection',
        contexts: ['selection'],
        documentUrlPatterns: ['http://*/*', 'https://*/*'],
      },
      () => void browser.runtime.lastError,
    );
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === ADD_NOTE) askToNote(tab?.id, info.frameId);
  });

  sync.start();
  void ready.then(() => pruneSightings()).catch(() => undefined);
});

async function installBundled(): Promise<void> {
  await ensureBundledPacks([corePack]);
}
