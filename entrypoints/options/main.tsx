import { render } from 'preact';
import './style.css';
import { App } from './App';
import { uiLang } from '../../components/i18n';

// The page speaks the UI's language (a screen reader picks its voice from it).
document.documentElement.lang = uiLang();

render(<App />, document.getElementById('app')!);
