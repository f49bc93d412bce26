import { render } from 'preact';
import './style.css';
import { App } from './App';
import { localizePage } from '../../components/i18n';

localizePage('optionsPageTitle');

render(<App />, document.getElementById('app')!);
