import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createRouter, originOf } from '../../messaging/router';
import { PAGE_COMMANDS, type Broadcast, type PageCommand } from '../../messaging/protocol';
import { corePack } from '../../knowledge/core';
import { applyPackFile, ensureBundledPacks } from '../../storage/packs';
import { pruneSightings } from '../../storage/sightings';
import { updateSyncState } from '../../storage/sync-state';
import { BEFORE_INSTALL_KEY, createHandlers, showCount, tabKey, tabSiteKey } from './handlers';
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
    void browser.storage.session.remove([tabKey(tabId), tabSiteKey(tabId)]);
  });
  // A tab loading a page runs the content script like any other (even if it was open
  // before the install), and starts with no count until its content script reports.
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status !== 'loading') return;
    void forgetOpenBeforeInstall(tabId);
    void showCount(tabId, 0);
  });
  void (browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction)
    .setBadgeBackgroundColor({ color: '#115e59' })
    .catch(() => undefined);

  // "Add a note" on selected text: the keyboard shortcut and the context menu ask the
  // page's content script to open its composer for the current selection.
  const askToNote = (tabId: number | undefined, frameId?: number): void => {
    if (tabId === undefined) return;
    const message: Broadcast = { type: 'gloss.addNote' };
    void browser.tabs.sendMessage(tabId, message, frameId === undefined ? undefined : { frameId }).catch(() => undefined);
  };
  // The page's shortcuts (next/previous highlight, pause here) go to the tab's page, as
  // a broadcast of one of the commands the content script knows.
  const onCommand = (command: string, tab?: { id?: number }): void => {
    if (command === ADD_NOTE) return askToNote(tab?.id);
    if (tab?.id === undefined || !(PAGE_COMMANDS as readonly string[]).includes(command)) return;
    const message: Broadcast = { type: 'gloss.command', command: command as PageCommand };
    void browser.tabs.sendMessage(tab.id, message, { frameId: 0 }).catch(() => undefined);
  };
  browser.commands.onCommand.addListener(onCommand);
  // What the shortcut listener calls, reachable from the DevTools protocol (the end-to-end
  // tests cannot press browser shortcuts); nothing outside the extension sees this scope.
  (globalThis as { glossCommand?: typeof onCommand }).glossCommand = onCommand;
  browser.runtime.onInstalled.addListener(({ reason }) => {
    // Pages open at this moment have no content script (or one of the version before);
    // the popup says so for them and offers to reload, instead of "cannot read".
    if (reason === 'install' || reason === 'update') void rememberOpenTabs();
    if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
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

async function rememberOpenTabs(): Promise<void> {
  const tabs = await browser.tabs.query({});
  await browser.storage.session.set({ [BEFORE_INSTALL_KEY]: tabs.flatMap((t) => (t.id === undefined ? [] : [t.id])) });
}

async function forgetOpenBeforeInstall(tabId: number): Promise<void> {
  const stored = await browser.storage.session.get(BEFORE_INSTALL_KEY);
  const ids = stored[BEFORE_INSTALL_KEY];
  if (Array.isArray(ids) && ids.includes(tabId)) await browser.storage.session.set({ [BEFORE_INSTALL_KEY]: ids.filter((id) => id !== tabId) });
}

async function installBundled(): Promise<void> {
  const result = await ensureBundledPacks([corePack]);
  // The previous version stays installed and working; the reason is for whoever ships the pack.
  for (const f of result.failed) console.error(`Gloss kept its installed "${f.id}" pack; the bundled update was refused:\n${f.reason}`);
}
