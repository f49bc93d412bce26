// What the background pushes to the page's Gloss (packs or mutes changed, notes
// changed, "add a note"), heard only from the extension itself and only while Gloss
// lives on the page: the listener goes when its lifetime ends.

import { browser } from 'wxt/browser';
import type { Broadcast } from '../../messaging/protocol';

export function onBroadcast(handle: (message: Broadcast) => void, signal: AbortSignal): void {
  const listener = (message: unknown, sender: { id?: string }): void => {
    if (sender.id === browser.runtime.id && !signal.aborted) handle(message as Broadcast);
  };
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener));
}
