// The page Gloss opens once, when it is installed: what it does, what its highlights
// look like, its keyboard shortcuts, what it stores and where, and how to turn it off.
import { browser } from 'wxt/browser';
import { t } from '../../components/i18n';
import { KeyboardShortcuts } from '../../components/KeyboardShortcuts';
import { KindLegend } from '../../components/KindLegend';

export function App() {
  return (
    <main class="page welcome">
      <h1>
        <img src="/icon/128.png" alt="" /> {t('welcomeTitle')}
      </h1>
      <p>{t('welcomeWhat')}</p>
      <p>{t('welcomeHow')}</p>

      <h2>{t('welcomeLegendTitle')}</h2>
      <p class="hint">{t('welcomeLegendHint')}</p>
      <KindLegend />

      <h2>{t('shortcutsTitle')}</h2>
      <KeyboardShortcuts />
      <p class="hint">{t('welcomeShortcutsHint')}</p>

      <h2>{t('welcomeStoredTitle')}</h2>
      <ul>
        <li>{t('welcomeStoredLocal')}</li>
        <li>{t('welcomeStoredHistory')}</li>
        <li>{t('welcomeStoredSync')}</li>
        <li>{t('welcomeStoredNothingSent')}</li>
      </ul>

      <h2>{t('welcomeOffTitle')}</h2>
      <ul>
        <li>{t('welcomeOffSite')}</li>
        <li>{t('welcomeOffPause')}</li>
        <li>{t('welcomeOffKinds')}</li>
        <li>{t('welcomeOffMute')}</li>
        <li>{t('welcomeOffRemove')}</li>
      </ul>

      <h2>{t('welcomeMoreTitle')}</h2>
      <p>
        <button type="button" class="primary" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('welcomeOpenOptions')}
        </button>{' '}
        <a href="/format.html">{t('welcomeFormatLink')}</a>
      </p>
    </main>
  );
}
