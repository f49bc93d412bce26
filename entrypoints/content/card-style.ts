// The styles of the card and the composer, asked of the background the first time one
// is shown: kept out of the content script, which every page loads (4.8 kB of CSS).

import { send } from '../../messaging/client';

let style: Promise<string> | undefined;

/** A <style> with the card's CSS, for a shadow root. */
export async function cardStyle(): Promise<HTMLStyleElement> {
  style ??= send('page.cardStyle', {}).then(
    (r) => r.css,
    () => {
      style = undefined;
      return '';
    },
  );
  const el = document.createElement('style');
  el.textContent = await style;
  return el;
}
