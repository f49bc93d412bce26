// Shows how much Gloss highlights, at the top of the popup: on this site, paused
// everywhere, every mention or the first of each entity, and which kinds. Every change
// is stored as a site setting by the background (ui.setSiteSetting).
import { useEffect, useRef } from 'preact/hooks';
import type { Kind } from '../knowledge/schema';
import type { SiteSettingsReply } from '../messaging/protocol';
import { KIND_ORDER } from './format';
import { t } from './i18n';
import { HighlightSample, lineName } from './KindLegend';

export interface SettingsChange {
  site: string;
  off?: boolean;
  mode?: 'all' | 'first';
  hiddenKinds?: string[];
}

export interface PageControlsProps {
  settings: SiteSettingsReply;
  onChange(change: SettingsChange): void;
}

export function PageControls({ settings, onChange }: PageControlsProps) {
  const { site, effective, everywhere } = settings;
  const hidden = new Set(everywhere.hiddenKinds);
  // The kinds off as the reader last chose them: a second switch flipped before the first
  // one's answer came back builds on the first, not on the answer not yet received.
  const chosen = useRef<readonly string[]>(everywhere.hiddenKinds);
  useEffect(() => {
    chosen.current = everywhere.hiddenKinds;
  }, [everywhere.hiddenKinds]);
  const toggleKind = (kind: Kind, shown: boolean) => {
    const off = new Set(chosen.current);
    const next = KIND_ORDER.filter((k) => (k === kind ? !shown : off.has(k)));
    chosen.current = next;
    onChange({ site: '*', hiddenKinds: next });
  };
  const shownCount = KIND_ORDER.filter((k) => !hidden.has(k)).length;
  const summary = t(everywhere.mode === 'first' ? 'controlsSummaryFirst' : 'controlsSummaryAll', [String(shownCount), String(KIND_ORDER.length)]);
  return (
    <fieldset class="controls">
      <legend class="sr-only">{t('controlsLegend')}</legend>
      <div class="switches">
        {site !== null && effective !== null ? (
          <label class="switch">
            <input type="checkbox" name="site-on" checked={!effective.siteOff} onChange={(e) => onChange({ site, off: !(e.currentTarget as HTMLInputElement).checked })} />{' '}
            {t('controlsSiteOn', site)}
          </label>
        ) : null}
        <label class="switch">
          <input type="checkbox" name="paused" checked={everywhere.off} onChange={(e) => onChange({ site: '*', off: (e.currentTarget as HTMLInputElement).checked })} />{' '}
          {t('controlsPause')}
        </label>
      </div>
      <details class="highlight-choices">
        <summary>
          {t('controlsHighlights')} <span class="muted-inline">{summary}</span>
        </summary>
        <fieldset>
          <legend>{t('controlsModeLegend')}</legend>
          <label>
            <input type="radio" name="mode" value="all" checked={everywhere.mode === 'all'} onChange={() => onChange({ site: '*', mode: 'all' })} /> {t('controlsModeAll')}
          </label>
          <label>
            <input type="radio" name="mode" value="first" checked={everywhere.mode === 'first'} onChange={() => onChange({ site: '*', mode: 'first' })} />{' '}
            {t('controlsModeFirst')}
          </label>
        </fieldset>
        <fieldset class="kinds">
          <legend>{t('controlsKindsLegend')}</legend>
          <ul>
            {KIND_ORDER.map((k) => (
              <li key={k}>
                <label>
                  <input type="checkbox" name="kind" value={k} checked={!hidden.has(k)} onChange={(e) => toggleKind(k, (e.currentTarget as HTMLInputElement).checked)} />{' '}
                  <HighlightSample kind={k} /> <span class="legend-line">{lineName(k)}</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      </details>
    </fieldset>
  );
}
