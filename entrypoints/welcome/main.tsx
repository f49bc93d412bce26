import { render } from 'preact';
import '../../components/page.css';
import { t, uiLang } from '../../components/i18n';
import { App } from './App';

document.documentElement.lang = uiLang();
document.title = t('welcomeTitle');
render(<App />, document.getElementById('app')!);
