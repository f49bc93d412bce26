import { render } from 'preact';
import '../../components/page.css';
import './style.css';
import { t, uiLang } from '../../components/i18n';
import { App } from './App';

document.documentElement.lang = uiLang();
document.title = t('formatTitle');
render(<App />, document.getElementById('app')!);
// The page is drawn after load: go to the part an import error linked to.
if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
