// The browser-neutral driver: `launchGloss('chromium' | 'firefox')` and what it returns.
import { launchChromium } from './chromium';
import type { BrowserName, Gloss, LaunchOptions } from './driver';
import { launchFirefox } from './firefox';

export * from './driver';

/** Starts a browser with the built extension, on a new profile or on `options.profileDir`. */
export function launchGloss(browser: BrowserName, options: LaunchOptions = {}): Promise<Gloss> {
  return browser === 'firefox' ? launchFirefox(options) : launchChromium(options);
}
