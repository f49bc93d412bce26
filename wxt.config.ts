import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// See docs/decisions for why each permission is here.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: ({ browser }) => ({
    name: 'Gloss',
    description: 'Explains the news as you read it: AI chips, companies and export-control rules, with sourced context.',
    permissions: ['storage'],
    action: { default_title: 'Gloss: what this page mentions' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'gloss@gloss.example',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
