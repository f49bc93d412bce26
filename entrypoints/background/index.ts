import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createRouter, originOf } from '../../messaging/router';
import type { Broadcast } from '../../messaging/protocol';
import { corePack } from '../../knowledge/core';
import { ensureBundledPacks } from '../../storage/packs';
import { pruneSightings } from '../../storage/sightings';
import { createHandlers, tabKey } from './handlers';

const ADD_NOTE = 'add-note';

export default defineBackground(() => {
  // Bundled packs are (re)installed on every start when their version went up, so an
  // update needs no special path and a wiped database heals itself.
  const ready = installBundled();
  const route = createRouter(createHandlers(ready), browser.runtime.id, originOf(browser.runtime.getURL('/')));

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

  void ready.then(() => pruneSightings()).catch(() => undefined);
});

async function installBundled(): Promise<void> {
  await ensureBundledPacks([corePack]);
}
