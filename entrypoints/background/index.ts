import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createRouter, originOf } from '../../messaging/router';
import { corePack } from '../../knowledge/core';
import { ensureBundledPacks } from '../../storage/packs';
import { createHandlers, tabKey } from './handlers';

export default defineBackground(() => {
  // Bundled packs are (re)installed on every start when their version went up, so an
  // update needs no special path and a wiped database heals itself.
  const ready = installBundled();
  const route = createRouter(createHandlers(ready), browser.runtime.id, originOf(browser.runtime.getURL('/')));

  browser.runtime.onMessage.addListener((message, sender) => route(message, sender));
  browser.tabs.onRemoved.addListener((tabId) => {
    void browser.storage.session.remove(tabKey(tabId));
  });
});

async function installBundled(): Promise<void> {
  await ensureBundledPacks([corePack]);
}
