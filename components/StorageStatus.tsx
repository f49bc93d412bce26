// Shows whether the browser keeps Gloss's data even when space runs low (persistent
// storage), and how much space it uses; asks for persistence when it is not yet granted.
import { useEffect, useState } from 'preact/hooks';
import { t } from './i18n';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

export function StorageStatus() {
  const [state, setState] = useState<{ persisted: boolean; usage?: number; quota?: number }>();
  useEffect(() => {
    void (async () => {
      const storage = navigator.storage;
      let persisted = (await storage?.persisted?.()) ?? false;
      if (!persisted) persisted = (await storage?.persist?.().catch(() => false)) ?? false;
      const estimate = await storage?.estimate?.().catch(() => undefined);
      setState({ persisted, usage: estimate?.usage, quota: estimate?.quota });
    })();
  }, []);
  if (!state) return null;
  return (
    <section aria-labelledby="storage-title">
      <h2 id="storage-title">{t('storageTitle')}</h2>
      <p class="storage-persisted">{state.persisted ? t('storagePersisted') : t('storageNotPersisted')}</p>
      {state.usage !== undefined ? <p class="storage-usage">{t('storageUsage', formatBytes(state.usage))}</p> : null}
    </section>
  );
}
