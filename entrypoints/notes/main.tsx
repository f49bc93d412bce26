import { render } from 'preact';
import '../../components/card.css';
import '../popup/style.css';
import './style.css';
import { App } from './App';
import { localizePage } from '../../components/i18n';

localizePage('notesViewTitle');
render(<App />, document.getElementById('app')!);
