import preact from '@preact/preset-vite';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig } from 'wxt';

const require = createRequire(import.meta.url);

const ICONS = { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' };

// See docs/decisions for why each permission is here.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
  }),
  hooks: {
    // The content script runs on every page: it uses the browsers' own promise-based
    // API (Chrome MV3 and Firefox both have it for what the script calls) instead of
    // webextension-polyfill, which the background and extension pages keep. See
    // docs/decisions/0004-content-script-without-polyfill.md.
    // Its JSX builds DOM nodes directly (entrypoints/content/dom-jsx.ts) instead of
    // going through Preact, which the extension pages keep.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.every((e) => e.type === 'content-script')) return;
      const domJsx = resolve('entrypoints/content/dom-jsx.ts');
      const replace = [
        { find: /^wxt\/browser$/, replacement: require.resolve('wxt/browser') },
        { find: /^preact(\/jsx-runtime|\/jsx-dev-runtime)?$/, replacement: domJsx },
      ];
      const alias = config.resolve?.alias;
      const existing = Array.isArray(alias) ? alias : Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement: replacement as string }));
      config.resolve = { ...config.resolve, alias: [...replace, ...existing] };
    },
  },
  manifest: ({ browser }) => ({
    // A product name, the same in every language (and the content script's world's name).
    name: 'Gloss',
    // The description and the toolbar title come from public/_locales in the browser's language.
    default_locale: 'en',
    description: '__MSG_extDescription__',
    permissions: ['storage', 'unlimitedStorage', 'contextMenus', 'alarms'],
    // The sync server's address is asked for when the user turns sync on, and only it
    // (Firefox's MV2 manifest lists optional hosts with the optional permissions).
    ...(browser === 'firefox'
      ? { optional_permissions: ['http://*/*', 'https://*/*'] }
      : { optional_host_permissions: ['http://*/*', 'https://*/*'] }),
    // Drawn by scripts/icons.ts at the sizes Chrome, Firefox and their stores ask for.
    icons: ICONS,
    action: { default_title: '__MSG_actionTitle__', default_icon: ICONS },
    commands: {
      'add-note': {
        suggested_key: { default: 'Alt+Shift+U' },
        description: '__MSG_cmdAddNote__',
      },
      // The reader's way through the highlights without a mouse (docs/decisions/0011).
      'next-mention': {
        suggested_key: { default: 'Alt+Shift+J' },
        description: '__MSG_cmdNextMention__',
      },
      'previous-mention': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: '__MSG_cmdPreviousMention__',
      },
      'toggle-pause': {
        suggested_key: { default: 'Alt+Shift+G' },
        description: '__MSG_cmdTogglePause__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // Desktop: the oldest Firefox ESR still maintained (docs/decisions/0006).
            gecko: {
              id: 'gloss@gloss.example',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // Android has no ESR; 142 is where data_collection_permissions is understood.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
