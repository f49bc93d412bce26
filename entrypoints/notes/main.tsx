import { render } from 'preact';
import '../../components/card.css';
import '../popup/style.css';
import './style.css';
import { App } from './App';

document.documentElement.lang = navigator.language;
render(<App />, document.getElementById('app')!);
