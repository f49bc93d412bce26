import { render } from 'preact';
import '../../components/card.css';
import './style.css';
import { App } from './App';
import { localizePage } from '../../components/i18n';

localizePage('actionTitle');

render(<App />, document.getElementById('app')!);
